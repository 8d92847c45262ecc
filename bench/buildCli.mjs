// The `banyan` CLI bundled into a folder of its own, as in dist/ (the same lazy bundles — cli-index.js,
// cli-commands.js, chunks/ — its parse worker and grammars), so a bench measures what ships and keeps
// running while `npm run build` replaces dist/.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GRAMMARS, LAZY_CHUNKS, lazyChunks } from '../esbuild.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export async function buildCli(outdir) {
  const esbuild = require('esbuild');
  const options = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', sourcemap: false,
    external: ['vscode', 'bufferutil', 'utf-8-validate', 'node-llama-cpp'], mainFields: ['module', 'main'],
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
    define: { __BANYAN_VERSION__: JSON.stringify('bench') },
    plugins: [lazyChunks],
    absWorkingDir: root,
  };
  fs.rmSync(outdir, { recursive: true, force: true });
  await Promise.all([
    esbuild.build({ ...options, entryPoints: { cli: 'src/cli/main.ts' }, outdir }),
    ...LAZY_CHUNKS.map((c) => esbuild.build({ ...options, entryPoints: { [c.out]: c.entry }, outdir })),
    esbuild.build({ ...options, entryPoints: { parseWorker: 'src/core/index/parse/parseWorker.ts' }, outdir: path.join(outdir, 'workers') }),
  ]);
  const grammars = path.join(outdir, 'grammars');
  fs.mkdirSync(grammars, { recursive: true });
  for (const [from, to] of GRAMMARS) fs.copyFileSync(require.resolve(from), path.join(grammars, to));
  return path.join(outdir, 'cli.js');
}
