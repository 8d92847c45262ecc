/**
 * `npm test`: everything, in order, from whatever state the checkout is in.
 *   setup → typecheck → manifest check → unit → integration → package (.vsix) → e2e (code-server)
 * A stage that fails does not stop the later ones that do not depend on it (a failed package skips
 * e2e). The summary lists every stage; the last line is `N passed, N failed`, counting tests where a
 * stage reports them (unit, integration, e2e) and one check per other stage. The exit code is
 * non-zero when any stage failed.
 *   node scripts/test.mjs [--skip-e2e]
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { root, setup } from './setup.mjs';

const skipE2e = process.argv.includes('--skip-e2e');
const node = process.execPath;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Test counts from node's test runner (`ℹ pass N` / `ℹ fail N`). */
const nodeTestCounts = (out) => counts(out, /^ℹ pass (\d+)$/m, /^ℹ fail (\d+)$/m);
/** Test counts from the e2e runner's last line. */
const e2eCounts = (out) => counts(out, /^e2e: (\d+) passed/m, /^e2e: \d+ passed, (\d+) failed/m);

function counts(out, passRe, failRe) {
  const pass = passRe.exec(out);
  const fail = failRe.exec(out);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

/** Each stage: a command, how to count its tests, and the stages it needs to have passed. */
const STAGES = [
  { name: 'typecheck', cmd: [bin('tsc'), '-p', '.', '--noEmit'] },
  { name: 'manifest', cmd: [node, '--import', 'tsx', 'scripts/manifest.ts', '--check'] },
  { name: 'unit', cmd: [node, 'scripts/run-node-tests.mjs', 'test/unit'], count: nodeTestCounts },
  // setup built dist/ when it was stale, so the integration tests spawn the current server.
  { name: 'integration', cmd: [node, 'scripts/run-node-tests.mjs', 'test/integration', '--', '--test-concurrency=1'], count: nodeTestCounts },
  { name: 'package', cmd: [node, 'scripts/package.mjs'] },
  { name: 'e2e', cmd: [node, 'test/e2e/run.mjs'], count: e2eCounts, needs: ['package'], skip: skipE2e },
];

/** Runs a command with its output shown live and kept for counting. */
function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream) => (chunk) => {
      stream.write(chunk);
      out += chunk.toString();
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    // Passed on so a stage (the e2e harness) can stop what it started; removed when the stage ends.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', () => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
    });
    child.on('error', (err) => resolve({ code: 1, out: String(err) }));
    child.on('close', (code, signal) => resolve({ code: code ?? signal, out }));
  });
}

function fmt(ms) {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

async function main() {
  const started = Date.now();
  const summary = [];
  const passed = new Set();

  const setupStarted = Date.now();
  try {
    await setup();
    summary.push({ name: 'setup', ok: true, ms: Date.now() - setupStarted, tally: { passed: 1, failed: 0 } });
  } catch (err) {
    console.error(`[setup] ${err instanceof Error ? err.message : String(err)}`);
    summary.push({ name: 'setup', ok: false, ms: Date.now() - setupStarted, tally: { passed: 0, failed: 1 } });
    return finish(summary, started);
  }

  for (const stage of STAGES) {
    if (stage.skip) {
      summary.push({ name: stage.name, skipped: 'by --skip-e2e' });
      continue;
    }
    const missing = (stage.needs ?? []).filter((n) => !passed.has(n));
    if (missing.length) {
      summary.push({ name: stage.name, ok: false, ms: 0, tally: { passed: 0, failed: 1 }, note: `not run: ${missing.join(', ')} failed` });
      continue;
    }
    const shown = stage.cmd.map((c) => (c === node ? 'node' : path.isAbsolute(c) ? path.relative(root, c) : c));
    console.log(`\n=== ${stage.name}: ${shown.join(' ')}`);
    const t0 = Date.now();
    const { code, out } = await run(stage.cmd);
    const ok = code === 0;
    if (ok) passed.add(stage.name);
    const tests = stage.count?.(out);
    // A stage that failed with no failing test (a crash, a timeout) still counts as one failure.
    const tally = tests ? { passed: tests.passed, failed: tests.failed || (ok ? 0 : 1) } : { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
    summary.push({ name: stage.name, ok, ms: Date.now() - t0, tally, note: [tests ? `${tests.passed} passed, ${tests.failed} failed` : '', ok ? '' : `exit ${code}`].filter(Boolean).join('; ') });
  }
  return finish(summary, started);
}

function finish(summary, started) {
  console.log('\n=== summary');
  for (const s of summary) {
    const mark = s.skipped ? 'skip' : s.ok ? 'ok  ' : 'FAIL';
    console.log(`  ${mark} ${s.name.padEnd(12)} ${s.skipped ? s.skipped : fmt(s.ms)}${s.note ? `  (${s.note})` : ''}`);
  }
  const ran = summary.filter((s) => !s.skipped);
  const total = ran.reduce((t, s) => ({ passed: t.passed + s.tally.passed, failed: t.failed + s.tally.failed }), { passed: 0, failed: 0 });
  console.log(`  total ${fmt(Date.now() - started)}`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return ran.every((s) => s.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
