/**
 * `npm start` without desktop VS Code: the start script serves the workbench with Banyan's icon on
 * the port it prints, and Ctrl+C (SIGINT) stops it with everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { newWorkbenchContext } from '../harness/browser';
import { freePort, stopGroup } from '../harness/codeServer';
import { ROOT } from '../harness/paths';
import { assert, type E2eTest, withTimeout } from '../harness/testing';
import { SELECTORS, waitForWorkbench } from '../harness/workbench';
import type { StartContext } from './startContext';

function waitForUrl(child: ChildProcess, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      const m = /Banyan is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output.text);
      if (m) resolve(m[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output.text += c.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${output.text.slice(-2000)}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

export const tests: E2eTest<StartContext>[] = [
  {
    name: "npm start serves the workbench with Banyan's icon and stops on Ctrl+C",
    timeoutMs: 480_000,
    async run({ browser, runDir, shotsDir }) {
      // A port of the system's choosing: other runs on the machine scan from 8080 too, and one of
      // them answering on this port after Ctrl+C would fail the check below.
      const port = await freePort();
      // detached: its own process group, so a failing test can still clean up everything it started.
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--code-server'], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, BANYAN_PORT: String(port), BANYAN_RUN_DIR: path.join(runDir, 'npm-start') },
      });
      const output = { text: '' };
      try {
        // Its setup check, the .vsix install and code-server's start: minutes on a busy machine.
        const url = await withTimeout(waitForUrl(child, output), 300_000, 'npm start printing its URL');
        assert(url.startsWith(`http://127.0.0.1:${port}/`), `URL ${url} is not on BANYAN_PORT ${port}`);
        const context = await newWorkbenchContext(browser);
        try {
          const page = await context.newPage();
          await page.goto(url);
          await waitForWorkbench(page);
          await page.locator(SELECTORS.activityBarIcon).waitFor({ state: 'visible', timeout: 60_000 });
          await page.screenshot({ path: path.join(shotsDir, 'npm-start-workbench.png') });
        } finally {
          await context.close();
        }
        child.kill('SIGINT');
        const code = await withTimeout(exitCode(child), 60_000, 'npm start stopping on SIGINT');
        assert(code === 0, `npm start exited ${code} on SIGINT`);
        const stillServing = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
        assert(!stillServing, `code-server still answers on port ${port} after Ctrl+C`);
      } finally {
        await stopGroup(child);
      }
    },
  },
];
