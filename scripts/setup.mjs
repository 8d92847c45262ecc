/**
 * Makes the checkout ready to run: Debian packages, node_modules, dist. Shared by `npm start` and
 * `npm test`; each step is skipped when its result is already there, so a second run takes well under
 * a second.
 *   node scripts/setup.mjs            everything
 *   import { setup } from './setup.mjs'
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const CHROMIUM = '/usr/bin/chromium';

/** Debian packages: what must exist, and how to get it. */
const DEBIAN = [
  { pkg: 'chromium', marker: CHROMIUM, why: 'the end-to-end tests drive it with playwright-core' },
  { pkg: 'ripgrep', marker: '/usr/bin/rg', why: "code-server's @vscode/ripgrep is seeded from it (no GitHub download)", installOnly: true },
  { pkg: 'libkrb5-dev', marker: '/usr/include/krb5.h', why: "code-server's kerberos module compiles against it", installOnly: true, noRecommends: true },
];

// code-server 4.100.3 (pinned) installs @vscode/ripgrep 1.15.11, which downloads this file unless cached.
const RIPGREP_CACHE = { dir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };

/** Files whose presence proves code-server's postinstall (native modules, ripgrep) completed. */
const INSTALL_MARKERS = [
  'node_modules/.package-lock.json',
  'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'node_modules/.bin/tsx',
];

/** Inputs of `node esbuild.mjs`, and its outputs. */
const BUILD_INPUTS = ['src', 'webview-ui', 'esbuild.mjs', 'package.json'];
const BUILD_OUTPUTS = ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/cli-index.js', 'dist/cli-commands.js', 'dist/modelHost.js', 'dist/webview.js', 'dist/webview.css'];

// Progress goes to stderr (children's output too) so callers can keep stdout for results, e.g. bench JSON.
const log = (msg) => console.error(`[setup] ${msg}`);
const TO_STDERR = ['ignore', 2, 2];

export async function setup({ needChromium = true } = {}) {
  const started = Date.now();
  checkNode();
  const needInstall = installIsStale();
  ensureDebianPackages({ needChromium, needInstall });
  if (needInstall) install();
  if (buildIsStale()) build();
  log(`ready (${Date.now() - started} ms)`);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  // code-server 4.100.3 refuses any other major version in its postinstall.
  if (major !== 20) throw new Error(`Node 20 is required (found ${process.version}); code-server 4.100.3 installs and runs only on Node 20.`);
}

function ensureDebianPackages({ needChromium, needInstall }) {
  const missing = DEBIAN.filter((d) => !existsSync(d.marker) && (d.installOnly ? needInstall : needChromium));
  if (missing.length === 0) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  const plain = missing.filter((d) => !d.noRecommends).map((d) => d.pkg);
  const lean = missing.filter((d) => d.noRecommends).map((d) => d.pkg);
  const commands = [
    ['apt-get', 'update'],
    ...(plain.length ? [['apt-get', 'install', '-y', ...plain]] : []),
    ...(lean.length ? [['apt-get', 'install', '-y', '--no-install-recommends', ...lean]] : []),
  ];
  if (!canApt) {
    const lines = missing.map((d) => `  ${d.pkg}: ${d.why}`).join('\n');
    const fix = commands.map((c) => `sudo ${c.join(' ')}`).join(' && ');
    throw new Error(`missing Debian packages:\n${lines}\nInstall them with:\n  ${fix}`);
  }
  for (const c of commands) {
    log(c.join(' '));
    execFileSync(c[0], c.slice(1), { stdio: TO_STDERR, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

function mtime(p) {
  return statSync(path.join(root, p)).mtimeMs;
}

function installIsStale() {
  if (!INSTALL_MARKERS.every((m) => existsSync(path.join(root, m)))) return true;
  // npm rewrites node_modules/.package-lock.json on every install; an older one means the lock moved on.
  return mtime('package-lock.json') > mtime('node_modules/.package-lock.json');
}

function install() {
  seedRipgrepCache();
  log('npm ci (about a minute: code-server builds its native modules)');
  const started = Date.now();
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: TO_STDERR,
    // code-server's postinstall refuses root without unsafe-perm; node-pty's `npx node-gyp` needs yes.
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (result.status !== 0) throw new Error(`npm ci failed (exit ${result.status}); see the output above`);
  log(`npm ci done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** @vscode/ripgrep downloads rg from GitHub at install time; hand it Debian's rg instead. */
function seedRipgrepCache() {
  const dir = path.join(os.tmpdir(), RIPGREP_CACHE.dir);
  const file = path.join(dir, RIPGREP_CACHE.file);
  if (existsSync(file)) return;
  if (!existsSync('/usr/bin/rg')) throw new Error('ripgrep is missing: install it with `sudo apt-get install -y ripgrep`');
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['czf', file, '-C', '/usr/bin', 'rg']);
  log(`seeded ${file} from /usr/bin/rg`);
}

function newestMtime(p) {
  const full = path.join(root, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** When any input of the build last changed (ms since the epoch); the .vsix is stale when older. */
export function newestBuildInput() {
  return Math.max(...BUILD_INPUTS.map(newestMtime));
}

function buildIsStale() {
  if (!BUILD_OUTPUTS.every((o) => existsSync(path.join(root, o)))) return true;
  const oldestOutput = Math.min(...BUILD_OUTPUTS.map(mtime));
  return Math.max(...BUILD_INPUTS.map(newestMtime)) > oldestOutput;
}

function build() {
  log('node esbuild.mjs');
  execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: TO_STDERR });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  setup().catch((err) => {
    console.error(`[setup] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
