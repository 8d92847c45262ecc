/**
 * Bundles every part of Banyan with esbuild:
 *   dist/extension.js  (extension host, CommonJS, `vscode` external)
 *   dist/server.js     (language server process)
 *   dist/cli.js        (`banyan` command line: start-up, and the index commands)
 *   dist/cli-index.js, dist/cli-commands.js, dist/chunks/*.js  (loaded on first use: see LAZY_CHUNKS)
 *   dist/modelHost.js  (the built-in model's host process: llama.cpp through node-llama-cpp)
 *   dist/workers/*.js  (worker_threads entry points, e.g. tree-sitter parsing)
 *   dist/webview.js + dist/webview.css (chat view, browser IIFE)
 *   dist/insights.js + dist/insights.css (insights panel, browser IIFE, with Chart.js)
 * and copies runtime assets: grammar .wasm files (dist/grammars) and codicons (dist/codicons).
 *
 *   node esbuild.mjs               development build (sourcemaps)
 *   node esbuild.mjs --production  minified (packaging)
 *   node esbuild.mjs --watch       rebuild on change
 */
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, existsSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.dirname(new URL(import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Worker entry points (bundled separately; loaded with `new Worker(path.join(__dirname, 'workers', name))`). */
export const WORKER_ENTRIES = {
  // name: 'src/…/someWorker.ts'
  parseWorker: 'src/core/index/parse/parseWorker.ts',
};

/** Grammar .wasm files shipped in dist/grammars (web-tree-sitter's own runtime wasm included). */
export const GRAMMARS = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-typescript/tree-sitter-typescript.wasm', 'tree-sitter-typescript.wasm'],
  ['tree-sitter-typescript/tree-sitter-tsx.wasm', 'tree-sitter-tsx.wasm'],
  ['tree-sitter-javascript/tree-sitter-javascript.wasm', 'tree-sitter-javascript.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
  ['tree-sitter-java/tree-sitter-java.wasm', 'tree-sitter-java.wasm'],
  ['tree-sitter-go/tree-sitter-go.wasm', 'tree-sitter-go.wasm'],
  ['tree-sitter-rust/tree-sitter-rust.wasm', 'tree-sitter-rust.wasm'],
  ['tree-sitter-c/tree-sitter-c.wasm', 'tree-sitter-c.wasm'],
  ['tree-sitter-cpp/tree-sitter-cpp.wasm', 'tree-sitter-cpp.wasm'],
  ['tree-sitter-c-sharp/tree-sitter-c_sharp.wasm', 'tree-sitter-c_sharp.wasm'],
];

/**
 * Code a process loads only when it needs it: each module named here is bundled into a file of its own
 * and the bundles that require() it load that file at run time instead of carrying the code. Every
 * process starts faster and smaller for it (V8 parses a whole bundle at load, used or not). Measured
 * per command: `banyan --version` and `banyan context` (see the README's figures).
 */
export const LAZY_CHUNKS = [
  // The CLI's index commands (index, search, symbols, context), so `banyan --version` loads nothing more — see src/cli/main.ts.
  { request: './indexCommands', importer: 'src/cli/main.ts', entry: 'src/cli/indexCommands.ts', out: 'cli-index' },
  // The CLI's other commands (models, chat, agent, MCP: most of the bundle) — see src/cli/main.ts.
  { request: './commandRegistry', importer: 'src/cli/main.ts', entry: 'src/cli/commandRegistry.ts', out: 'cli-commands' },
  // OpenAI's token rank tables (3.4 MB), loaded only when an OpenAI model's tokens are counted.
  { request: 'js-tiktoken/ranks/o200k_base', entry: 'js-tiktoken/ranks/o200k_base', out: 'chunks/tiktoken-o200k_base' },
  { request: 'js-tiktoken/ranks/cl100k_base', entry: 'js-tiktoken/ranks/cl100k_base', out: 'chunks/tiktoken-cl100k_base' },
];

/** Turns each LAZY_CHUNKS require into a run-time require of its file beside the bundle (all node bundles sit in dist/). */
export const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    for (const chunk of LAZY_CHUNKS) {
      const filter = new RegExp(`^${chunk.request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => {
        if (args.kind === 'entry-point' || (chunk.importer && path.relative(root, args.importer) !== chunk.importer)) return undefined;
        if (args.kind !== 'require-call') throw new Error(`${chunk.request} must be loaded with require() to stay out of the bundle (${args.importer})`);
        return { path: `./${chunk.out}.js`, external: true };
      });
    }
  },
};

const common = {
  bundle: true,
  sourcemap: true,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  define: { __BANYAN_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // `vscode` exists only in the extension host; bufferutil/utf-8-validate are optional ws speedups;
  // node-llama-cpp (ESM with native binaries) is loaded by the model host from node_modules, and ships
  // only in the platform-specific packages (scripts/package.mjs).
  external: ['vscode', 'bufferutil', 'utf-8-validate', 'node-llama-cpp'],
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build needs import.meta.url, which a CJS bundle lacks: use its CJS build.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  plugins: [lazyChunks],
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: { extension: 'src/extension/main.ts' },
    outdir: 'dist',
    // The activation bench measures from here: the first line of the bundle, and its last line.
    banner: { js: 'globalThis.__banyanLoadStart = performance.now();' },
    footer: { js: 'globalThis.__banyanLoadEnd = performance.now();' },
  },
  { ...nodeCommon, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  ...LAZY_CHUNKS.map((c) => ({ ...nodeCommon, entryPoints: { [c.out]: c.entry }, outdir: 'dist' })),
  // The built-in model's host process (forked by the server and the CLI).
  { ...nodeCommon, entryPoints: { modelHost: 'src/modelHost/main.ts' }, outdir: 'dist' },
  ...(Object.keys(WORKER_ENTRIES).length ? [{ ...nodeCommon, entryPoints: WORKER_ENTRIES, outdir: 'dist/workers' }] : []),
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    entryPoints: { webview: 'webview-ui/main.ts' },
    outdir: 'dist',
  },
  { ...common, entryPoints: { webview: 'webview-ui/styles.css' }, outdir: 'dist', loader: { '.css': 'css' } },
  // The insights panel: its own entry (Chart.js stays out of the chat view's bundle).
  { ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { insights: 'webview-ui/insights/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { insights: 'webview-ui/insights/insights.css' }, outdir: 'dist', loader: { '.css': 'css' } },
];

function copyAssets() {
  mkdirSync(path.join(root, 'dist', 'grammars'), { recursive: true });
  for (const [from, to] of GRAMMARS) {
    cpSync(require.resolve(from), path.join(root, 'dist', 'grammars', to));
  }
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  mkdirSync(path.join(root, 'dist', 'codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(path.join(codicons, f), path.join(root, 'dist', 'codicons', f));
}

async function main() {
  if (!watch && existsSync(path.join(root, 'dist'))) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  copyAssets();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching for changes…');
    return;
  }
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`[esbuild] ${production ? 'production' : 'development'} build in ${Date.now() - started} ms`);
}

// Run as a script; bench/buildCli.mjs imports GRAMMARS, LAZY_CHUNKS and lazyChunks without building.
if (process.argv[1] && realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
