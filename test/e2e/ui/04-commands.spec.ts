/** Banyan's commands as a user reaches them: the status bar menu and the command palette. */
import type { Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { SELECTORS, waitFor } from '../harness/workbench';

const QUICK_INPUT = '.quick-input-widget';

/** Labels of the rows the open quick pick shows. */
async function quickPickLabels(page: Page): Promise<string[]> {
  await page.locator(`${QUICK_INPUT} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 15_000 });
  return page.$$eval(`${QUICK_INPUT} .monaco-list-row`, (rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

async function closeQuickPick(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5_000 });
}

export const tests = [
  uiTest('clicking the status bar item opens the Banyan menu', async ({ page, screenshot }) => {
    await page.locator(SELECTORS.statusBarItem).click();
    const labels = await quickPickLabels(page);
    for (const want of ['Open Chat', 'Show Logs', 'Restart Server', 'Show Server Status', 'Open Settings']) {
      assert(labels.some((l) => l.includes(want)), `the Banyan menu has no "${want}": ${labels.join(' | ')}`);
    }
    await screenshot('status-bar-menu');
    await closeQuickPick(page);
  }),

  uiTest('the command palette lists the Banyan commands and hides the internal one', async ({ page, screenshot }) => {
    await page.locator(SELECTORS.workbench).click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('F1');
    await page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: 10_000 });
    // The palette's list is virtual (about 17 rows on screen): look each command up by its title.
    const wanted = ['Banyan: Open Chat', 'Banyan: Show Logs', 'Banyan: Restart Server', 'Banyan: Show Insights'];
    for (const want of wanted) {
      await page.locator(`${QUICK_INPUT} input`).fill(`>${want}`);
      // The list filters as the text arrives: wait for the filtered rows, not for a moment to pass.
      let labels: string[] = [];
      await waitFor(`the palette to list ${want}`, async () => {
        labels = await quickPickLabels(page);
        return labels.some((l) => l.includes(want)) ? true : undefined;
      }).catch(() => undefined);
      assert(labels.some((l) => l.includes(want)), `the palette has no "${want}": ${labels.join(' | ')}`);
    }
    // The internal command: the filter finds Banyan's commands but not it.
    await page.locator(`${QUICK_INPUT} input`).fill('>Banyan: ');
    await waitFor('the Banyan commands listed', async () => ((await quickPickLabels(page)).some((l) => l.includes('Banyan: Open Chat')) ? true : undefined));
    await page.locator(`${QUICK_INPUT} input`).fill('>Banyan: Activation Timing');
    const internal = await waitFor('the filter to settle', async () => {
      const rows = await page.$$eval(`${QUICK_INPUT} .monaco-list-row`, (rs) => rs.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
      return rows.every((l) => !l.includes('Banyan: Open Chat')) ? rows : undefined;
    });
    assert(!internal.some((l) => l.includes('Activation Timing')), `the internal command shows in the palette: ${internal.join(' | ')}`);
    await page.locator(`${QUICK_INPUT} input`).fill('>Banyan: ');
    await waitFor('the Banyan commands listed again', async () => ((await quickPickLabels(page)).some((l) => l.includes('Banyan: Open Chat')) ? true : undefined));
    await screenshot('command-palette');
    await closeQuickPick(page);
  }),

  uiTest('Banyan: Show Logs opens the Banyan output channel with the server start in it', async ({ page, screenshot }) => {
    await page.keyboard.press('F1');
    await page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Banyan: Show Logs');
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'Show Logs' }).first().click();
    // The Output panel shows the channel in a read-only editor (spaces rendered as U+00A0, hence \s).
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: /Banyan\sserver\s.*\sready/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const channel = await page.locator('.part.panel select.monaco-select-box').first().evaluate((el) => {
      const select = el as HTMLSelectElement;
      return select.options[select.selectedIndex]?.text ?? '';
    });
    assert(channel === 'Banyan', `the Output panel shows the channel "${channel}", not Banyan`);
    await screenshot('show-logs');
  }),
];
