/**
 * Ghost text made by the built-in model: the tiny GGUF downloaded by the first-run spec, run by
 * llama.cpp in Banyan's model host through node-llama-cpp (there is no fake model server in this
 * stage). The Banyan log shows the host loading it.
 */
import type { Page } from 'playwright-core';
import { banyanLogMark, describeLogs, waitForBanyanLog } from '../harness/banyanLog';
import { assert } from '../harness/testing';
import { waitFor } from '../harness/workbench';
import { embeddedTest } from './embeddedContext';

const INPUT = '.quick-input-widget input';
const EDITOR = '.editor-group-container.active .monaco-editor';
const GHOST = `${EDITOR} [class*="ghost-text"]`;

async function ghostText(page: Page): Promise<string> {
  return (await page.locator(GHOST).allInnerTexts()).join('').replace(/\u00a0/g, ' ');
}

export const tests = [
  embeddedTest('ghost text from the built-in model (llama.cpp in the model host)', async ({ page, server, model, screenshot }) => {
    const mark = banyanLogMark(server);
    await page.keyboard.press('Control+P');
    await page.locator(INPUT).waitFor({ state: 'visible' });
    await page.locator(INPUT).fill('src/app.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'app.ts' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator(`${EDITOR} .view-lines`).first().waitFor({ state: 'visible' });
    await page.locator(`${EDITOR} .view-lines`).first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('export function total(prices: number[]) {\n  return ', { delay: 30 });
    // Ask again now and then (the first request may have waited for the model to load), but not at
    // every probe: each re-ask cancels the request before it, and on a loaded CPU the tiny model's
    // prompt alone takes seconds.
    let askedAt = 0;
    const shown = await waitFor('ghost text', async () => {
      const t = await ghostText(page);
      if (t.trim()) return t;
      if (Date.now() - askedAt >= 5_000) {
        await page.keyboard.press('Alt+\\');
        askedAt = Date.now();
      }
      return undefined;
    }, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${describeLogs(server)}`);
    });
    await screenshot('embedded-ghost-text');
    assert(shown.trim().length > 0, 'no ghost text');
    // The host loaded the downloaded file for this request (or for an earlier one of this window).
    const loaded = new RegExp(`model host: loaded ${model.name} \\(llama, .*FIM tokens: yes\\)`);
    await waitForBanyanLog(server, loaded, mark, 60_000).catch(() => waitForBanyanLog(server, loaded, 0, 1000));
  }),
];
