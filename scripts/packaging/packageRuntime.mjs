/**
 * The built-in model's runtime for a platform .vsix: node-llama-cpp, the packages it loads at run time
 * and the platform's prebuilt llama.cpp binaries, copied under <stage>/dist/node_modules (the model
 * host, dist/modelHost.js, resolves them there). Which packages: those a real run loads (runtimeSmoke
 * under traceModules: FIM, chat, functions, JSON grammar, embeddings), so the build-only dependencies
 * (cmake-js, yargs, tar…) stay out. Inside them: no source maps, no type declarations, and of
 * node-llama-cpp's llama/ folder only what it reads at run time (not the 34 MB git bundle of llama.cpp's
 * sources, which it needs only to compile).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** VS Code target → the npm package with node-llama-cpp's prebuilt binaries (CPU; Metal on Apple silicon). */
export const BINARY_PACKAGES = {
  'linux-x64': '@node-llama-cpp/linux-x64',
  'linux-arm64': '@node-llama-cpp/linux-arm64',
  'linux-armhf': '@node-llama-cpp/linux-armv7l',
  'darwin-arm64': '@node-llama-cpp/mac-arm64-metal',
  'darwin-x64': '@node-llama-cpp/mac-x64',
  'win32-x64': '@node-llama-cpp/win-x64',
  'win32-arm64': '@node-llama-cpp/win-arm64',
};

/** node-llama-cpp/llama/ files read at run time (the rest is llama.cpp's source and build files). */
const LLAMA_DIR_KEEP = ['binariesGithubRelease.json', 'llama.cpp.info.json', 'package.json', 'grammars'];

/** Package folders (relative to node_modules) a real run of the runtime loads. */
export function tracedPackages(root, gguf) {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'banyan-trace-')), 'modules.txt');
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'scripts/packaging/traceModules.cjs'), path.join(root, 'scripts/packaging/runtimeSmoke.mjs'), gguf], {
    cwd: root, env: { ...process.env, BANYAN_TRACE_OUT: out }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the runtime trace failed (exit ${r.status})`);
  const nm = path.join(root, 'node_modules') + path.sep;
  const pkgs = new Set();
  for (const file of readFileSync(out, 'utf8').split('\n')) {
    if (!file.startsWith(nm)) continue;
    const parts = file.slice(nm.length).split(path.sep);
    // The deepest node_modules/<name> (or @scope/name) holding the file.
    let start = 0;
    for (let i = 0; i < parts.length; i++) if (parts[i] === 'node_modules') start = i + 1;
    const name = parts[start].startsWith('@') ? parts.slice(start, start + 2) : [parts[start]];
    pkgs.add([...parts.slice(0, start), ...name].join('/'));
  }
  return [...pkgs].filter((p) => !p.startsWith('@node-llama-cpp/')).sort();
}

/** The binary package's folder for a target: installed here, or fetched with `npm pack` into the cache. */
export function binaryPackageDir(root, target, version) {
  const name = BINARY_PACKAGES[target];
  if (!name) throw new Error(`no node-llama-cpp binaries for target ${target}; known: ${Object.keys(BINARY_PACKAGES).join(', ')}`);
  const installed = path.join(root, 'node_modules', name);
  if (existsSync(path.join(installed, 'package.json'))) return { name, dir: installed };
  const cache = path.join(root, 'out', 'npm-pack', `${name.replace('/', '+')}-${version}`);
  if (!existsSync(path.join(cache, 'package', 'package.json'))) {
    mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', cache], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', path.join(cache, tgz), '-C', cache]);
  }
  return { name, dir: path.join(cache, 'package') };
}

function keep(src) {
  if (/\.(map|d\.ts)$/.test(src) || src.endsWith('.d.ts.map')) return false;
  const m = /node-llama-cpp[\\/]llama[\\/]([^\\/]+)/.exec(src);
  return !m || LLAMA_DIR_KEEP.includes(m[1]);
}

/** Copies the runtime into <stageDir>/dist/node_modules; returns its size in bytes. */
export function stageRuntime(root, stageDir, packages, binary) {
  const dest = path.join(stageDir, 'dist', 'node_modules');
  rmSync(dest, { recursive: true, force: true });
  for (const p of packages) {
    const from = path.join(root, 'node_modules', p);
    // Nested node_modules are packages of their own: copied by their own entry when they are used.
    cpSync(from, path.join(dest, p), { recursive: true, filter: (src) => keep(src) && !path.relative(from, src).split(path.sep).includes('node_modules') });
  }
  cpSync(binary.dir, path.join(dest, binary.name), { recursive: true, filter: keep });
  return folderSize(dest);
}

export function folderSize(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    n += e.isDirectory() ? folderSize(full) : statSync(full).size;
  }
  return n;
}
