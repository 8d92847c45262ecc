/**
 * Repeated crashes in a short window: Banyan stops restarting, says so (status bar error, a
 * notification naming the fix), and "Restart Server" brings it back. The limit comes from
 * banyan.server.maxRestarts, set to 1 here in the workspace settings.
 */
import type { Frame } from 'playwright-core';
import { banyanLogMark, waitForBanyanLog } from '../harness/banyanLog';
import type { CodeServer } from '../harness/codeServer';
import { assert, uiTest } from '../harness/testing';
import { chatButton, chatFrame, isReady, openBanyanContainer, waitForChat, waitForStatusBar } from '../harness/workbench';

async function killShownServer(frame: Frame): Promise<number> {
  const view = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null, 'a ready server');
  process.kill(view.pid!, 'SIGKILL');
  return view.pid!;
}

/**
 * Manual restart (clears the crash history), then one crash; returns once the extension restarted
 * under a limit of 1. The settings file change reaches the window asynchronously and nothing shows
 * when it lands, so the restart count in the log tells; until then, try again.
 */
async function firstCrashUnderLimitOfOne(frame: Frame, server: CodeServer): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const before = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null, 'a ready server');
    await chatButton(frame, 'Restart Server').click();
    // A new PID, not just "ready": right after the click the view still shows the old server.
    await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null && v.pid !== before.pid, 'ready with a new PID after a manual restart');
    const mark = banyanLogMark(server);
    const pid = await killShownServer(frame);
    const [, , max] = await waitForBanyanLog(server, /restarting \((\d+)\/(\d+) in 3 minutes\)/, mark);
    await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null && v.pid !== pid, 'ready after the first crash', 45_000);
    if (max === '1') return pid;
    assert(attempt < 5, `banyan.server.maxRestarts = 1 never reached the window (the log still says a limit of ${max})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export const tests = [
  uiTest('after more crashes than banyan.server.maxRestarts it gives up with a clear error, and Restart Server recovers', async ({ page, server, screenshot, log }) => {
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    server.updateWorkspaceSettings({ 'banyan.server.maxRestarts': 1 });
    try {
      const first = await firstCrashUnderLimitOfOne(frame, server);
      const second = await killShownServer(frame);
      await waitForChat(frame, (v) => v.state === 'failed', 'failed after the second crash', 30_000);
      const bar = await waitForStatusBar(page, (v) => v.icon === 'error', 'the error icon');
      assert(bar.ariaLabel.includes('failed'), `status bar label: ${bar.ariaLabel}`);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'will not be restarted' }).first();
      await toast.waitFor({ state: 'visible', timeout: 15_000 });
      const message = (await toast.textContent()) ?? '';
      assert(message.includes('Restart Server') && message.includes('Show Logs'), `the notification does not name the fix: ${message}`);
      await screenshot('crash-limit-failed');
      log(`gave up after pids ${first}, ${second}`);

      await chatButton(frame, 'Restart Server').click();
      const back = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null && v.pid !== second, 'ready after Restart Server', 45_000);
      await waitForStatusBar(page, isReady, '$(check) Banyan after recovering');
      log(`recovered with pid ${back.pid}`);
      await screenshot('crash-limit-recovered');
    } finally {
      server.updateWorkspaceSettings({ 'banyan.server.maxRestarts': undefined });
    }
  }, 180_000),
];
