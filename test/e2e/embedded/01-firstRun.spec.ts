/**
 * A first run with nothing to talk to (no Ollama, no server configured, no model downloaded): Banyan
 * offers its built-in model once; the click downloads it from the hub with a progress notification
 * and a status bar entry, verifies it, points the roles at it and says it is ready.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from '../harness/paths';
import { assert } from '../harness/testing';
import { waitFor } from '../harness/workbench';
import { embeddedTest } from './embeddedContext';

const TOAST = '.notifications-toasts .notification-toast';

export const tests = [
  embeddedTest('first run: the offer → download from the hub with progress → ready', async ({ page, server, hub, model, screenshot }) => {
    const use = page.locator(`${TOAST} .monaco-button`, { hasText: `Use a built-in model (${model.name}` });
    await use.first().waitFor({ state: 'visible', timeout: 200_000 });
    const offer = await page.locator(TOAST, { hasText: 'Banyan can run a model itself' }).first().innerText();
    assert(/Configure a model server/.test(offer) && /Not now/.test(offer), `the offer lacks its choices: ${offer}`);
    assert(hub.requests.length === 0, 'something was downloaded before the click');
    await screenshot('embedded-first-run-offer');
    await use.first().click();

    // The hub sends slowly: the progress notification and the status bar entry are there to see.
    const progress = await waitFor('the download progress', async () => {
      const text = (await page.locator(TOAST, { hasText: `downloading ${model.name}` }).allInnerTexts()).join('\n');
      return /kB of \d+ kB/.test(text) ? text : undefined;
    }, 60_000);
    assert(/downloading Tiny Coder/.test(progress), progress);
    const statusEntry = await waitFor('the status bar entry', async () => {
      const texts = await page.locator('.statusbar-item').allInnerTexts();
      return texts.find((t) => /Tiny Coder \d+%/.test(t));
    }, 30_000);
    assert(statusEntry, 'no download entry in the status bar');
    await screenshot('embedded-download-progress');

    await page.locator(TOAST, { hasText: `${model.name} is ready` }).first().waitFor({ state: 'visible', timeout: 120_000 });
    await screenshot('embedded-ready');
    const stored = path.join(server.runDir, 'ud', 'User', 'globalStorage', EXTENSION_ID, 'models', model.file);
    assert(existsSync(stored), `the model is not in the global storage: ${stored}`);
    const settings = readFileSync(path.join(server.runDir, 'ud', 'User', 'settings.json'), 'utf8');
    for (const role of ['completion', 'chat', 'edit', 'agent']) {
      assert(settings.includes(`"banyan.models.${role}.provider": "embedded"`) && settings.includes(`"banyan.models.${role}.model": "${model.id}"`), `${role} does not use the built-in model: ${settings}`);
    }
    assert(hub.requests.every((r) => r.path.endsWith(model.file) || r.path.includes('tiny')), JSON.stringify(hub.requests));
  }),
];
