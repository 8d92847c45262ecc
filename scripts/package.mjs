/**
 * `npm run package`: production build, then
 *   banyan-<version>.vsix              universal: no native code; the built-in model says it needs a
 *                                      platform package (everything else works)
 *   banyan-<version>-<target>.vsix     with the built-in model's runtime (node-llama-cpp and the
 *                                      target's prebuilt llama.cpp: CPU, Metal on Apple silicon)
 * Dependencies are bundled by esbuild (--no-dependencies); the runtime, which cannot be bundled (ESM
 * with native binaries), goes under dist/node_modules of a staging copy (scripts/packaging/).
 *
 *   node scripts/package.mjs                         universal + this machine's target (linux-x64 here)
 *   node scripts/package.mjs --target darwin-arm64   universal + that target (binaries fetched with npm pack)
 *   node scripts/package.mjs --target all            universal + every target in BINARY_PACKAGES
 *   node scripts/package.mjs --universal-only
 * The target matching this machine is checked after packaging: the staged CLI runs `models test` on
 * the tiny GGUF through the pruned runtime. Prints one JSON line with every .vsix and its size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BINARY_PACKAGES, binaryPackageDir, stageRuntime, tracedPackages } from './packaging/packageRuntime.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 2, 2] });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const vsceArgs = ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository'];
const hostTarget = `${process.platform}-${process.arch === 'arm' ? 'armhf' : process.arch}`;
const runtimeVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'node-llama-cpp', 'package.json'), 'utf8')).version;

function targets() {
  if (process.argv.includes('--universal-only')) return [];
  const i = process.argv.indexOf('--target');
  const t = i >= 0 ? process.argv[i + 1] : hostTarget;
  if (t === 'all') return Object.keys(BINARY_PACKAGES);
  if (!BINARY_PACKAGES[t]) throw new Error(`unknown target ${t}; known: ${Object.keys(BINARY_PACKAGES).join(', ')}, all`);
  return [t];
}

/** The files of the universal package (per .vscodeignore), copied to a staging folder for a target. */
function stageExtension(stageDir) {
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'media', 'dist']) cpSync(path.join(root, f), path.join(stageDir, f), { recursive: true, filter: (src) => !src.endsWith('.map') });
  writeFileSync(path.join(stageDir, '.vscodeignore'), `${readFileSync(path.join(root, '.vscodeignore'), 'utf8').trimEnd()}\n!dist/node_modules/**\n`);
  // dist/ is already built: vsce must not run the prepublish build in a folder without sources.
  const staged = JSON.parse(readFileSync(path.join(stageDir, 'package.json'), 'utf8'));
  delete staged.scripts;
  delete staged.devDependencies;
  writeFileSync(path.join(stageDir, 'package.json'), JSON.stringify(staged, null, 2));
}

/** Runs `banyan models test` from the staged package on the tiny GGUF: the pruned runtime must work. */
function checkStaged(stageDir, gguf) {
  const ws = path.join(stageDir, '..', 'check-workspace');
  mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'banyan.models.embedded.threads': 1, 'banyan.models.embedded.contextSize': 1024, 'banyan.models.completion.maxTokens': 4, 'banyan.models.chat.maxTokens': 4 }));
  const r = spawnSync(process.execPath, [path.join(stageDir, 'dist', 'cli.js'), 'models', 'test', '--workspace', ws, '--provider', 'embedded', '--model', gguf], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the staged package's built-in model failed its check:\n${r.stdout}${r.stderr}`);
}

function tinyGguf() {
  return execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/fixtures/tinyGguf/main.ts')], { cwd: root, encoding: 'utf8' });
}

const out = [];
run(process.execPath, [path.join(root, 'esbuild.mjs'), '--production']);
const universal = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
run(process.execPath, [vsce, ...vsceArgs, '--out', universal]);
out.push({ vsix: path.relative(root, universal), target: 'universal', bytes: statSync(universal).size });

const wanted = targets();
if (wanted.length) {
  const gguf = tinyGguf();
  const packages = tracedPackages(root, gguf);
  for (const target of wanted) {
    // Outside the checkout, so the staged host cannot fall back on the checkout's node_modules.
    const stageDir = path.join(mkdtempSync(path.join(os.tmpdir(), `banyan-vsix-${target}-`)), 'extension');
    stageExtension(stageDir);
    const runtimeBytes = stageRuntime(root, stageDir, packages, binaryPackageDir(root, target, runtimeVersion));
    const file = path.join(root, `${pkg.name}-${pkg.version}-${target}.vsix`);
    run(process.execPath, [vsce, ...vsceArgs, '--target', target, '--out', file], stageDir);
    if (target === hostTarget) checkStaged(stageDir, gguf);
    out.push({ vsix: path.relative(root, file), target, bytes: statSync(file).size, runtimeBytes, runtimePackages: packages.length + 1, checked: target === hostTarget });
    rmSync(path.dirname(stageDir), { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ packages: out }));
