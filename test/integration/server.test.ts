import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { StatusRequest, type ServerStatus, StatusChangedNotification, SettingsChangedNotification, SetSecretsNotification } from '@src/protocol/lsp';
import { LspSession } from './helpers/lspSession';

describe('language server over stdio', () => {
  let session: LspSession;
  const ws = mkdtempSync(path.join(tmpdir(), 'banyan-it-'));

  before(async () => {
    session = new LspSession({ workspace: ws });
  });
  after(async () => {
    await session.close();
  });

  it('initializes with real capabilities and server info', async () => {
    const result = await session.initialize();
    const sync = result.capabilities.textDocumentSync as { change: number; openClose: boolean };
    assert.equal(sync.change, 2, 'incremental sync');
    assert.equal(sync.openClose, true);
    assert.equal(result.serverInfo?.name, 'banyan');
    assert.match(result.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
  });

  it('reaches ready and pushes the status change', async () => {
    const pushed = await session.waitForNotification(StatusChangedNotification, (s: ServerStatus) => s.state === 'ready');
    assert.equal(pushed.state, 'ready');
    const status = await session.request(StatusRequest, undefined);
    assert.equal(status.state, 'ready');
    assert.equal(status.pid, session.child.pid);
  });

  it('keeps incrementally synced documents in memory', async () => {
    const uri = pathToFileURL(path.join(ws, 'a.ts')).toString();
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: 'const a = 1;\n' } });
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } }, text: '42' }],
    });
    // The status request is answered after the queued notifications: the server is alive and in order.
    const status = await session.request(StatusRequest, undefined);
    assert.equal(status.state, 'ready');
  });

  it('applies settings changes without a restart and never logs a secret', async () => {
    await session.notify(SetSecretsNotification, { secrets: { 'banyan.apiKey.test': 'sk-test-SECRET-0123456789abcdef' } });
    await session.notify(SettingsChangedNotification, { settings: { server: { maxRestarts: 'many', debugLogging: true } }, editorSettings: {} });
    const log = await session.waitForNotification<{ message: string }>('window/logMessage', (p) => p.message.includes('invalid setting'));
    assert.match(log.message, /banyan\.server\.maxRestarts/);
    assert.ok(session.logs.every((l) => !l.includes('SECRET-0123456789')));
  });

  it('shuts down gracefully with exit code 0', async () => {
    const code = await session.close();
    assert.equal(code, 0);
  });
});

describe('banyan serve --stdio', () => {
  it('serves the same server through the CLI', async () => {
    const s = new LspSession({ viaCli: true });
    const result = await s.initialize();
    assert.equal(result.serverInfo?.name, 'banyan');
    await s.waitForNotification(StatusChangedNotification, (st: ServerStatus) => st.state === 'ready');
    assert.equal(await s.close(), 0);
  });
});
