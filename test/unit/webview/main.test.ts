/**
 * The entry point in a jsdom page with a fake VS Code API: it says `ready` first, and keeps the
 * server-status contract the end-to-end tests read ([data-testid=server-status] with data-state and
 * Server/Process entries, and a Restart Server button).
 */
import { dom } from './dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebviewToExtension } from '@src/protocol/webview';
import { isWebviewToExtension } from '@src/protocol/webview';

const posted: WebviewToExtension[] = [];
let saved: unknown;
(globalThis as Record<string, unknown>).acquireVsCodeApi = () => ({
  postMessage: (m: WebviewToExtension) => posted.push(m),
  getState: () => saved,
  setState: (s: unknown) => {
    saved = s;
  },
});
(globalThis as Record<string, unknown>).requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);

function fromExtension(data: unknown): void {
  dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data }));
}

test('the entry point says ready, shows the server status and restarts the server on request', async () => {
  await import('../../../webview-ui/main');
  assert.deepEqual(posted[0], { type: 'ready' });
  const status = document.querySelector('[data-testid=server-status]') as HTMLElement;
  assert.ok(status);
  assert.equal(status.dataset.state, 'starting');
  fromExtension({ type: 'status', clientState: 'running', status: { state: 'ready', version: '0.1.0', pid: 4242 } });
  assert.equal(status.dataset.state, 'ready');
  const details: Record<string, string> = {};
  for (const dt of Array.from(status.querySelectorAll('dt'))) details[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
  assert.equal(details.Server, 'v0.1.0');
  assert.equal(details.Process, '4242');
  const restart = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.includes('Restart Server'));
  assert.ok(restart);
  restart.click();
  assert.deepEqual(posted.at(-1), { type: 'runCommand', command: 'restartServer' });
  // Chat messages go to the chat panel.
  fromExtension({ type: 'chat/state', state: { conversations: [], active: null, models: [{ id: 'm', label: 'Model M' }], selectedModel: 'm', chips: [] } });
  assert.equal((document.querySelector('select.model-picker') as HTMLSelectElement).value, 'm');
  for (const m of posted) assert.ok(isWebviewToExtension(m));
});
