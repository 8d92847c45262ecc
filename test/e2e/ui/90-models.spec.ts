/**
 * The model commands as a user runs them from the command palette: "Banyan: Configure Model" walks
 * through role → provider → base URL → model picked from the fake server's list, then its connection
 * test passes; "Banyan: Test Model Connection" reports and its report opens as a document.
 * Runs last (90-): it leaves chat settings pointing at the fake server and the completion endpoint
 * (the default Ollama, absent here) marked unreachable in the status bar.
 */
import type { Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { isServing, START_TIMEOUT_MS, waitForStatusBar } from '../harness/workbench';

const INPUT = '.quick-input-widget input';

async function quickInputStep(page: Page, titlePart: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: titlePart }).first().waitFor({ state: 'visible', timeout: 20_000 });
}

/** Types into the open quick pick and accepts the row showing `label` (`filter` is what is typed, e.g. with the palette's ">"). */
async function pick(page: Page, label: string, filter = label): Promise<void> {
  await page.locator(INPUT).fill(filter);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await pick(page, title, `>${title}`);
}

async function toast(page: Page, text: string | RegExp, timeoutMs = 30_000) {
  const t = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await t.waitFor({ state: 'visible', timeout: timeoutMs });
  return t;
}

/** A notification as a toast or, failing that, in the notification center. */
async function notification(page: Page, text: string | RegExp) {
  try {
    return await toast(page, text, 5000);
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    return item;
  }
}

export const tests = [
  uiTest('Banyan: Configure Model picks a model from the endpoint and tests it', async ({ page, fakeModel: fake, screenshot }) => {
    fake.reset();
    // 08-completion points completion back at the default Ollama, absent here: whether its probe has
    // marked it unreachable yet is a matter of timing, and this test does not depend on it.
    await waitForStatusBar(page, isServing, 'Banyan: ready', START_TIMEOUT_MS);
    await runCommand(page, 'Banyan: Configure Model');
    await quickInputStep(page, '(1/5)');
    await pick(page, 'Chat, edit and agent');
    await quickInputStep(page, '(2/5)');
    await pick(page, 'Other OpenAI-compatible server');
    await quickInputStep(page, '(3/5)');
    await page.locator(INPUT).fill(fake.openaiBaseUrl);
    await page.keyboard.press('Enter');
    await quickInputStep(page, '(5/5)');
    await screenshot('configure-model-list');
    await pick(page, 'fake-model');
    await toast(page, 'all 3 model role(s) work');
    await screenshot('configure-model-tested');
    assert(fake.requests({ path: '/v1/models' }).length >= 1, 'the model list was not asked for');
    assert(fake.requests({ path: '/v1/chat/completions' }).length >= 1, 'no real chat request was sent');
  }, START_TIMEOUT_MS + 90_000),

  uiTest('Banyan: Test Model Connection shows the fix for a broken endpoint and opens the report', async ({ page, fakeModel: fake, screenshot }) => {
    fake.failNext({ kind: 'unauthorized' }, { route: '/v1/models' });
    await runCommand(page, 'Banyan: Test Model Connection');
    // Completion and embeddings still point at the default Ollama, which does not run here: refused.
    // The toast may already be tucked away behind the previous test's: look in the notification center.
    const warning = await notification(page, /has a problem/);
    const text = (await warning.textContent()) ?? '';
    assert(/connection refused/.test(text) && /ollama serve/.test(text), `unexpected warning: ${text.slice(0, 300)}`);
    await warning.locator('.monaco-button', { hasText: 'Show Report' }).first().click();
    const report = page.locator('.monaco-editor .view-lines', { hasText: 'Banyan model connection test' }).first();
    await report.waitFor({ state: 'visible', timeout: 20_000 });
    // The editor renders spaces as no-break spaces.
    const shown = ((await report.textContent()) ?? '').replace(/\u00a0/g, ' ');
    // The chat roles' endpoint answered 401 to the model list: the report says so with the fix.
    assert(/✖ key accepted: .*rejected the API key/.test(shown), `report lacks the rejected key: ${shown.slice(0, 600)}`);
    await screenshot('model-test-report');
  }, 90_000),
];
