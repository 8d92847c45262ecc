/** The workbench loads with Banyan in it: the activity-bar icon, and the status bar reaching ready. */
import { SELECTORS, START_TIMEOUT_MS, isReady, waitForStatusBar, waitForWorkbench } from '../harness/workbench';
import { VERSION } from '../harness/paths';
import { assert, uiTest } from '../harness/testing';

export const tests = [
  uiTest("the workbench loads with Banyan's activity-bar icon", async ({ page, screenshot }) => {
    await waitForWorkbench(page);
    await page.locator(SELECTORS.activityBarIcon).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('workbench');
  }),

  uiTest('the extension activates and the status bar shows ready', async ({ page, screenshot }) => {
    const view = await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    assert(view.ariaLabel.includes(`server ${VERSION}`), `status bar label does not name the server version: ${view.ariaLabel}`);
    await screenshot('status-bar-ready');
  }, START_TIMEOUT_MS + 30_000),
];
