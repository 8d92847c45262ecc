/**
 * The model commands as a user runs them from the command palette: "Banyan: Configure Model" walks
 * through role → provider → base URL → model picked from the fake server's list, then its connection
 * test passes; "Banyan: Test Model Connection" reports and its report opens as a document.
 */
import type { Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { waitForWorkbench } from '../harness/workbench';

const INPUT = '.quick-input-widget input';

async function quickInputStep(page: Page, titlePart: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: titlePart }).first().waitFor({ state: 'visible', timeout: 20_000 });
}

async function pick(page: Page, label: string): Promise<void> {
  await page.locator(INPUT).fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await pick(page, `>${title}`);
}

async function toast(page: Page, text: string | RegExp, timeoutMs = 30_000) {
  const t = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await t.waitFor({ state: 'visible', timeout: timeoutMs });
  return t;
}

export const tests = [
  uiTest('Banyan: Configure Model picks a model from the endpoint and tests it', async ({ page, fakeModel: fake, screenshot }) => {
    fake.reset();
    await waitForWorkbench(page);
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
  }, 90_000),

  uiTest('Banyan: Test Model Connection shows the fix for a broken endpoint and opens the report', async ({ page, fakeModel: fake, screenshot }) => {
    fake.failNext({ kind: 'unauthorized' }, { route: '/v1/models' });
    await runCommand(page, 'Banyan: Test Model Connection');
    const warning = await toast(page, /has a problem/);
    const text = (await warning.textContent()) ?? '';
    assert(/rejected the API key/.test(text) && /Configure Model/.test(text), `unexpected warning: ${text}`);
    await warning.locator('a.monaco-button, .monaco-button', { hasText: 'Show Report' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'Banyan model connection test' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot('model-test-report');
  }, 90_000),
];
