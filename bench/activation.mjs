/**
 * `npm run bench:activation`: the .vsix size and Banyan's activation cost in a real extension host.
 * Packages the .vsix, then N times (default 5; `-- --runs N`): a fresh code-server 4.100.3 with the
 * .vsix installed, one window, and an in-host probe (bench/activationProbe.ts) that reads the
 * timing the extension measured itself (`banyan.internal.activationTiming`: bundle load, of
 * which evaluating the bundle itself, and activate()). The extension host's own view comes from its log: the time from the host's
 * "_doActivateExtension banyan-dev.banyan" line to Banyan's "server … ready" line (activation plus
 * the server process starting). Prints one JSON object on stdout; progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { root, setup } from '../scripts/setup.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const err = (msg) => process.stderr.write(`[bench] ${msg}\n`);

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (v) => Math.round(v * 10) / 10;
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { median: round(mid), p95: round(at(0.95)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

/** Log lines start with `YYYY-MM-DD HH:MM:SS.mmm`; returns ms since the epoch of the first match. */
function logTime(file, re) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (re.test(line)) {
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
      if (m) return Date.parse(`${m[1]}T${m[2]}`);
    }
  }
  return undefined;
}

function findFiles(dir, name, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, name, out);
    else if (entry.name === name) out.push(full);
  }
  return out;
}

/** Host view: "_doActivateExtension banyan-dev.banyan" in remoteexthost.log → "server … ready" in Banyan.log. */
function hostView(runDir) {
  for (const hostLog of findFiles(path.join(runDir, 'ud', 'logs'), 'remoteexthost.log')) {
    const activated = logTime(hostLog, /_doActivateExtension banyan-dev\.banyan/);
    const banyanLog = path.join(path.dirname(hostLog), 'banyan-dev.banyan', 'Banyan.log');
    if (activated === undefined) continue;
    const ready = logTime(banyanLog, /Banyan server .* ready/);
    if (ready !== undefined) return { activateToServerReadyMs: ready - activated };
  }
  return undefined;
}

async function main() {
  await setup();
  err('packaging');
  const pkg = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (pkg.status !== 0) throw new Error('packaging failed');

  // The e2e harness (TypeScript, CommonJS) through tsx's require, which keeps __dirname right.
  const tsx = await import('tsx/cjs/api');
  const load = (p) => tsx.require(p, import.meta.url);
  const { CodeServer } = load('../test/e2e/harness/codeServer.ts');
  const { launchChromium } = load('../test/e2e/harness/browser.ts');
  const { runExtensionTestsModule } = load('../test/e2e/harness/inHostRunner.ts');
  const { VSIX, SAMPLE_WORKSPACE } = load('../test/e2e/harness/paths.ts');
  const esbuild = await import('esbuild');

  const outDir = path.join(root, 'test-output', 'bench-activation');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const probe = path.join(outDir, 'activationProbe.js');
  await esbuild.build({ entryPoints: [path.join(root, 'bench', 'activationProbe.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], outfile: probe, logLevel: 'warning' });

  const browser = await launchChromium();
  const samples = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      const runDir = path.join(outDir, `run-${i}`);
      const result = path.join(runDir, 'probe-result.json');
      const t0 = Date.now();
      const server = await CodeServer.start({ runDir, vsix: VSIX, workspace: SAMPLE_WORKSPACE, env: { BANYAN_BENCH_RESULT: result } });
      try {
        const { code } = await runExtensionTestsModule(browser, server, probe, 90_000);
        if (code !== 0) throw new Error(`probe exit code ${code}`);
      } finally {
        await server.stop();
      }
      const { timing } = JSON.parse(readFileSync(result, 'utf8'));
      const host = hostView(runDir);
      samples.push({ ...timing, ...host });
      err(`run ${i}/${RUNS}: load ${timing.loadMs.toFixed(1)} ms (bundle evaluation ${timing.evalMs?.toFixed(1)} ms), activate ${timing.activateMs.toFixed(1)} ms, total ${timing.totalMs.toFixed(1)} ms; host: activate→server ready ${host?.activateToServerReadyMs ?? '?'} ms (${Date.now() - t0} ms)`);
    }
  } finally {
    await browser.close();
  }

  const pick = (k) => samples.map((s) => s[k]).filter((v) => typeof v === 'number');
  const hostSamples = pick('activateToServerReadyMs');
  console.log(JSON.stringify({
    vsixBytes: statSync(VSIX).size,
    runs: samples.length,
    host: 'code-server 4.100.3 (VS Code 1.100.3), Node ' + process.versions.node,
    activation: { loadMs: stats(pick('loadMs')), evalMs: stats(pick('evalMs')), activateMs: stats(pick('activateMs')), totalMs: stats(pick('totalMs')) },
    ...(hostSamples.length ? { extensionHost: { activateToServerReadyMs: stats(hostSamples) } } : {}),
    samples,
  }, null, 2));
}

main().catch((e) => {
  err(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
