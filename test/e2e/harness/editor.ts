/**
 * Opening a file in the workbench and putting the cursor somewhere, the way a user does (Quick Open,
 * Go to Line), robust to a busy machine: Quick Open's list fills in asynchronously, and an Enter
 * pressed while it is still searching opens nothing, so the open is checked and retried.
 */
import type { Page } from 'playwright-core';
import { waitFor } from './workbench';

export const INPUT = '.quick-input-widget input';
export const EDITOR = '.editor-group-container.active .monaco-editor';

/** The active editor's visible lines as text (ghost text included). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator(`${EDITOR} .view-lines`).first();
  if (!(await lines.count())) return '';
  return (await lines.innerText({ timeout: 5_000 }).catch(() => '')).replace(/\u00a0/g, ' ');
}

/** Opens `relPath` with Quick Open and waits until the active editor shows `expect`; retries the open. */
export async function openFile(page: Page, relPath: string, expect: string, attempts = 3): Promise<void> {
  const base = relPath.split('/').pop() ?? relPath;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator(INPUT).waitFor({ state: 'visible' });
    await page.locator(INPUT).fill(relPath);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    const opened = await waitFor(`${relPath} in the editor`, async () => ((await editorText(page)).includes(expect) ? true : undefined), 20_000).catch((err: unknown) => err as Error);
    if (opened === true) return;
    if (attempt >= attempts) throw opened;
  }
}

/** Puts the cursor on a new, empty line after line `line` of the active editor. */
export async function newLineAfter(page: Page, line: number): Promise<void> {
  await page.locator(`${EDITOR} .view-lines`).first().click();
  await page.keyboard.press('Control+G');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator(INPUT).waitFor({ state: 'hidden' });
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}
