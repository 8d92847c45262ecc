/**
 * The end-to-end run: the packaged .vsix installed into a fresh code-server 4.100.3, driven by Debian
 * Chromium. Stages, in order:
 *   1. in-host: test/e2e/inHost/*.inhost.ts inside the extension host (vscode API)
 *   2. ui:      test/e2e/ui/*.spec.ts in file order, sharing one workbench page
 *   3. embedded: test/e2e/embedded/*.spec.ts on a code-server of their own with the platform .vsix
 *      (the built-in model: first-run offer and download, ghost text from llama.cpp)
 *   4. start:   test/e2e/start/*.spec.ts, each with its own processes (npm start, …)
 * Everything a run writes (code-server dirs, logs, screenshots) is under test-output/e2e/run-<time>/;
 * screenshots are also copied to test-output/e2e/ so the latest are easy to find.
 *   node test/e2e/run.mjs [--only <substring of a spec file or stage>]
 * Exit code 0 only when every test passed; the last line is `e2e: N passed, N failed`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, newWorkbenchContext } from './harness/browser';
import { CodeServer } from './harness/codeServer';
import type { FakeModelServer } from '../fixtures/fakeModelServer';
import { MODEL_URL_ENV, startFakeModel } from './harness/fakeModel';
import { runEmbeddedStage } from './harness/embeddedStage';
import { inHostResultsFile, runInHostSuite } from './harness/inHostRunner';
import { OUTPUT_DIR, SAMPLE_WORKSPACE, VSIX } from './harness/paths';
import { type E2eTest, type TestResult, type UiContext, report, runTests } from './harness/testing';
import type { StartContext } from './start/startContext';

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
// Matched against the path under test/e2e ('embedded/01-firstRun.spec.ts') or a stage name, never the
// checkout's own path (a checkout in a folder named 'embedded-model' matched every spec).
const wanted = (name: string) => !only || (path.isAbsolute(name) ? path.relative(__dirname, name) : name).includes(only);

function specFiles(dir: string, suffix: string): string[] {
  const full = path.join(__dirname, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => f.endsWith(suffix)).sort().map((f) => path.join(full, f)) : [];
}

async function loadTests<C>(file: string): Promise<E2eTest<C>[]> {
  const mod = (await import(file)) as { tests?: E2eTest<C>[] };
  if (!Array.isArray(mod.tests)) throw new Error(`${file} exports no \`tests\` array`);
  return mod.tests;
}

/**
 * A run folder holds 25–50 MB (code-server data, the unpacked extension): keep only the latest few.
 * The screenshot copies beside them are the previous run's: drop them so none is mistaken for this one's.
 */
function pruneOldRuns(keep: number): void {
  if (!existsSync(OUTPUT_DIR)) return;
  for (const png of readdirSync(OUTPUT_DIR).filter((f) => f.endsWith('.png'))) rmSync(path.join(OUTPUT_DIR, png));
  const runs = readdirSync(OUTPUT_DIR).filter((d) => d.startsWith('run-')).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - keep))) rmSync(path.join(OUTPUT_DIR, old), { recursive: true, force: true });
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  pruneOldRuns(4);
  const runDir = path.join(OUTPUT_DIR, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const shotsDir = path.join(runDir, 'screenshots');
  mkdirSync(shotsDir, { recursive: true });
  console.log(`e2e: run folder ${path.relative(process.cwd(), runDir)}`);

  const results: TestResult[] = [];
  let fakeModel: FakeModelServer | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  // Interrupted (Ctrl+C, a CI time limit): code-server runs in its own process group, so end it here.
  const interrupted = async (signal: NodeJS.Signals) => {
    console.log(`e2e: ${signal}, stopping`);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  };
  process.once('SIGINT', (s) => void interrupted(s));
  process.once('SIGTERM', (s) => void interrupted(s));
  try {
    fakeModel = await startFakeModel();
    console.log(`e2e: fake model server at ${fakeModel.baseUrl}`);
    const uiFiles = specFiles('ui', '.spec.ts').filter(wanted);
    const runInHost = wanted('in-host') || wanted('inHost');
    if (runInHost || uiFiles.length) {
      const t0 = Date.now();
      server = await CodeServer.start({
        runDir,
        vsix: VSIX,
        workspace: SAMPLE_WORKSPACE,
        env: { BANYAN_E2E_INHOST_RESULTS: inHostResultsFile(runDir), [MODEL_URL_ENV]: fakeModel.baseUrl },
      });
      console.log(`e2e: code-server on ${server.baseUrl} (install + start ${Date.now() - t0} ms)`);
      browser = await launchChromium();
      if (runInHost) {
        console.log('e2e: in-host suite');
        results.push(...(await runInHostSuite(browser, server, shotsDir)));
      }
      if (uiFiles.length) results.push(...(await runUi(browser, server, uiFiles, shotsDir, fakeModel)));
      // The start stage runs its own code-server: free the two cores first.
      await server.stop();
      server = undefined;
    }
    const embeddedFiles = specFiles('embedded', '.spec.ts').filter(wanted);
    if (embeddedFiles.length) {
      browser ??= await launchChromium();
      console.log('e2e: built-in model stage');
      results.push(...(await runEmbeddedStage(browser, runDir, shotsDir, embeddedFiles, loadTests)));
    }
    for (const file of specFiles('start', '.spec.ts').filter(wanted)) {
      const tests = await loadTests<StartContext>(file);
      browser ??= await launchChromium();
      const ctx: StartContext = { browser, runDir, shotsDir };
      console.log(`e2e: ${path.basename(file)}`);
      results.push(...(await runTests(path.basename(file, '.spec.ts'), tests, ctx, async () => undefined)));
    }
  } catch (err) {
    results.push(report({ suite: 'harness', name: 'setup', ok: false, ms: Date.now() - started, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await fakeModel?.close().catch(() => undefined);
  }

  for (const shot of readdirSync(shotsDir)) copyFileSync(path.join(shotsDir, shot), path.join(OUTPUT_DIR, shot));
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(path.join(runDir, 'results.json'), JSON.stringify({ passed, failed, ms: Date.now() - started, results }, null, 2));
  console.log(`e2e: ${Math.round((Date.now() - started) / 1000)} s, screenshots in ${path.relative(process.cwd(), shotsDir)}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

async function runUi(browser: Browser, server: CodeServer, files: string[], shotsDir: string, fakeModel: FakeModelServer): Promise<TestResult[]> {
  const context = await newWorkbenchContext(browser);
  const page = await context.newPage();
  const screenshot = async (name: string) => {
    const file = path.join(shotsDir, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  const ctx: UiContext = { page, server, fakeModel, screenshot, log: (m) => console.log(`       ${m}`) };
  const results: TestResult[] = [];
  try {
    await page.goto(server.workbenchUrl);
    for (const file of files) {
      const suite = path.basename(file, '.spec.ts');
      console.log(`e2e: ${suite}`);
      const tests = await loadTests<UiContext>(file);
      results.push(...(await runTests(suite, tests, ctx, async (t) => void (await screenshot(`FAILED-${suite}-${t.name.replace(/[^\w]+/g, '-').slice(0, 60)}`)))));
    }
  } finally {
    await context.close();
  }
  return results;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
