import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { newWorkbenchContext } from './browser';
import type { InHostResult } from '../inHost/framework';
import type { CodeServer } from './codeServer';
import { type TestResult, report, withTimeout } from './testing';

const IN_HOST_DIR = path.join(__dirname, '..', 'inHost');

/** The results file the in-host module writes; code-server must be started with it in its environment. */
export function inHostResultsFile(runDir: string): string {
  return path.join(runDir, 'in-host-results.json');
}

/** Bundles every test/e2e/inHost/*.inhost.ts with the framework into one CommonJS module (`vscode` external). */
async function bundle(outDir: string): Promise<string> {
  const files = readdirSync(IN_HOST_DIR).filter((f) => f.endsWith('.inhost.ts')).sort();
  if (files.length === 0) throw new Error(`no *.inhost.ts files in ${IN_HOST_DIR}`);
  const outfile = path.join(outDir, 'inHostSuite.js');
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: [...files.map((f) => `import './${f.replace(/\.ts$/, '')}';`), "export { run } from './framework';"].join('\n'),
      resolveDir: IN_HOST_DIR,
      loader: 'ts',
      sourcefile: 'inHostSuite.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Opens a window whose page address carries extensionDevelopmentPath (the installed extension's
 * folder, so the code under test is the .vsix content) and extensionTestsPath; VS Code runs the
 * module's run() in that window's extension host and reports the outcome through codeAutomationExit.
 * Resolves with that exit code and what the window logged; rejects after timeoutMs (a run() that
 * never settles would hang otherwise).
 */
export async function runExtensionTestsModule(browser: Browser, server: CodeServer, module: string, timeoutMs: number, failureScreenshot?: string): Promise<{ code: number; hostLog: string[] }> {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(server.extensionDir)],
    ['extensionTestsPath', remote(module)],
  ]);
  const context = await newWorkbenchContext(browser);
  const page = await context.newPage();
  const hostLog: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exit = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => hostLog.push(`[${type}] ${JSON.stringify(args).slice(0, 2000)}`));
  try {
    await page.goto(`${server.workbenchUrl}&payload=${encodeURIComponent(payload)}`);
    const code = await withTimeout(exit, timeoutMs, path.basename(module));
    return { code, hostLog };
  } catch (err) {
    if (failureScreenshot) await page.screenshot({ path: failureScreenshot }).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${message}\nhost log:\n${hostLog.slice(-20).join('\n')}`);
  } finally {
    await context.close();
  }
}

/** Runs every *.inhost.ts in one window and reports each test's result. */
/** `timeoutMs` only catches a run() that never settles: each test has its own limit, and their sum is larger than this on a busy machine's worst day. */
export async function runInHostSuite(browser: Browser, server: CodeServer, screenshotsDir: string, timeoutMs = 900_000): Promise<TestResult[]> {
  const suite = 'in-host';
  const started = Date.now();
  try {
    const module = await bundle(path.join(server.runDir, 'in-host'));
    const { code, hostLog } = await runExtensionTestsModule(browser, server, module, timeoutMs, path.join(screenshotsDir, 'in-host-failure.png'));
    const resultsFile = inHostResultsFile(server.runDir);
    if (!existsSync(resultsFile)) {
      return [report({ suite, name: 'run()', ok: false, ms: Date.now() - started, error: `exit code ${code} and no results file; host log:\n${hostLog.slice(-20).join('\n')}` })];
    }
    const results = (JSON.parse(readFileSync(resultsFile, 'utf8')) as InHostResult[]).map((r) => report({ suite, ...r }));
    // A non-zero exit with every test passing means run() itself broke; count it.
    if (code !== 0 && results.every((r) => r.ok)) results.push(report({ suite, name: 'run()', ok: false, ms: 0, error: `exit code ${code}` }));
    return results;
  } catch (err) {
    return [report({ suite, name: 'run()', ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) })];
  }
}
