// The `banyan` CLI bundled into a folder of its own (with its parse worker and grammars, as in dist/),
// so a bench keeps running while `npm run build` replaces dist/.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function buildCli(outdir) {
  const esbuild = require('esbuild');
  esbuild.buildSync({
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', sourcemap: false,
    external: ['vscode', 'bufferutil', 'utf-8-validate'], mainFields: ['module', 'main'],
    alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
    define: { __BANYAN_VERSION__: JSON.stringify('bench') },
    entryPoints: { cli: path.join(root, 'src/cli/main.ts'), 'workers/parseWorker': path.join(root, 'src/core/index/parse/parseWorker.ts') },
    outdir,
  });
  // Grammars beside the bundle, as in dist/ (the list esbuild.mjs ships).
  const grammars = path.join(outdir, 'grammars');
  fs.mkdirSync(grammars, { recursive: true });
  const src = fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8');
  for (const [, from, to] of src.matchAll(/\['([^']+\.wasm)',\s*'([^']+\.wasm)'\]/g)) fs.copyFileSync(require.resolve(from), path.join(grammars, to));
  return path.join(outdir, 'cli.js');
}
