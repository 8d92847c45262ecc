/**
 * The two model commands from the palette: "Banyan: Manage Local Models" lists the downloaded model
 * with its size and the roles using it, and deletes it after a confirmation; "Banyan: Download Model…"
 * offers it from the catalogue, asks which roles should use it, and downloads it again.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_ID } from '../harness/paths';
import { assert } from '../harness/testing';
import { waitFor } from '../harness/workbench';
import { embeddedTest } from './embeddedContext';

const INPUT = '.quick-input-widget input';
const ROW = '.quick-input-list .monaco-list-row';

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(`>${title}`);
  await page.locator(ROW, { hasText: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

async function pickRow(page: Page, text: string): Promise<string> {
  const row = page.locator(ROW, { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  const shown = await row.innerText();
  await row.click();
  return shown;
}

export const tests = [
  embeddedTest('Manage Local Models: the model, its size and roles; Delete after confirming', async ({ page, server, model, screenshot }) => {
    const file = path.join(server.runDir, 'ud', 'User', 'globalStorage', EXTENSION_ID, 'models', model.file);
    assert(existsSync(file), 'the first-run spec should have downloaded the model');
    await runCommand(page, 'Banyan: Manage Local Models');
    const row = await pickRow(page, model.name);
    assert(/497 kB/.test(row) && /completion/.test(row), `the list lacks the size or the roles: ${row}`);
    await pickRow(page, 'Delete');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    assert(/stop working until another model is chosen/.test(await dialog.innerText()), 'the confirmation does not say the roles will stop working');
    await screenshot('embedded-manage-delete');
    await dialog.locator('.monaco-button', { hasText: 'Delete' }).first().click();
    await waitFor('the file to be deleted', async () => (existsSync(file) ? undefined : true), 30_000);
  }),

  embeddedTest('Download Model…: the catalogue, the roles to use it for, the download', async ({ page, server, model, screenshot }) => {
    await runCommand(page, 'Banyan: Download Model…');
    const row = await pickRow(page, model.name);
    assert(/497 kB/.test(row), `the catalogue row lacks the size: ${row}`);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: `use ${model.name} for` }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot('embedded-download-roles');
    // Completions is ticked (what the model was listed for first): accept.
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: `${model.name} is ready` }).first().waitFor({ state: 'visible', timeout: 120_000 });
    assert(existsSync(path.join(server.runDir, 'ud', 'User', 'globalStorage', EXTENSION_ID, 'models', model.file)), 'the model was not downloaded again');
  }),
];
