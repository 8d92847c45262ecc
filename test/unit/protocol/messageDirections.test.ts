/**
 * Each protocol message carries its direction in its type, and the typed helpers of each side accept
 * only the messages that side may send or handle. The wrong-way calls below are compile errors
 * (`npm run typecheck` fails on an unused @ts-expect-error if a direction stops being enforced);
 * the runtime cases check that the helpers put the declared method on the wire.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Connection } from 'vscode-languageserver/node';
import * as client from '@src/extension/typedClient';
import * as lsp from '@src/protocol/lsp';
import type { Direction } from '@src/protocol/typed';
import * as server from '@src/server/lspTyped';

/** Never called: only type-checked. */
export function wrongWaysDoNotCompile(connection: Connection, languageClient: LanguageClient): void {
  // The server handles only client → server messages…
  // @ts-expect-error AgentApprovalRequest goes server → client
  server.onRequest(connection, lsp.AgentApprovalRequest, () => ({ decision: 'deny' as const }));
  // @ts-expect-error StatusChangedNotification goes server → client
  server.onNotification(connection, lsp.StatusChangedNotification, () => undefined);
  // …and sends only server → client ones.
  // @ts-expect-error ChatCancelNotification goes client → server
  void server.sendNotification(connection, lsp.ChatCancelNotification, { turnId: 't' });
  // @ts-expect-error StatusRequest goes client → server
  void server.sendRequest(connection, lsp.StatusRequest, undefined);

  // The extension sends only client → server messages…
  // @ts-expect-error AgentRunCommandRequest goes server → client
  void client.sendRequest(languageClient, lsp.AgentRunCommandRequest, { turnId: 't', command: 'ls', cwd: '/', timeoutMs: 1 });
  // @ts-expect-error ChatProgressNotification goes server → client
  void client.sendNotification(languageClient, lsp.ChatProgressNotification, { turnId: 't', event: { type: 'text', text: '' } });
  // …and handles only server → client ones.
  // @ts-expect-error ChatTurnRequest goes client → server
  client.onRequest(languageClient, lsp.ChatTurnRequest, () => ({ status: 'done' as const, text: '', references: [] }));
  // @ts-expect-error SetSecretsNotification goes client → server
  client.onNotification(languageClient, lsp.SetSecretsNotification, () => undefined);
}

/** Records what a helper hands to the JSON-RPC layer. */
function recorder() {
  const calls: { op: string; method: string; params?: unknown }[] = [];
  const fake = {
    onRequest: (method: string) => (calls.push({ op: 'onRequest', method }), { dispose() {} }),
    onNotification: (method: string) => (calls.push({ op: 'onNotification', method }), { dispose() {} }),
    sendRequest: (method: string, params: unknown) => (calls.push({ op: 'sendRequest', method, params }), Promise.resolve(undefined)),
    sendNotification: (method: string, params: unknown) => (calls.push({ op: 'sendNotification', method, params }), Promise.resolve()),
  };
  return { calls, connection: fake as unknown as Connection, client: fake as unknown as LanguageClient };
}

describe('protocol message directions', () => {
  it('every declared message has a direction, and the method names are unique', () => {
    const defs = Object.entries(lsp as Record<string, unknown>).flatMap(([name, v]) => {
      const def = v as { kind?: unknown; method: string; direction: Direction };
      return typeof v === 'object' && v !== null && (def.kind === 'request' || def.kind === 'notification') ? [[name, def] as const] : [];
    });
    assert.ok(defs.length >= 30, `only ${defs.length} messages found`);
    for (const [name, def] of defs) assert.ok(def.direction === 'clientToServer' || def.direction === 'serverToClient', `${name} has no direction`);
    const methods = defs.map(([, d]) => d.method);
    assert.equal(new Set(methods).size, methods.length, 'a method name is declared twice');
  });

  it('the server registers and sends the declared method', async () => {
    const r = recorder();
    server.onRequest(r.connection, lsp.StatusRequest, () => ({ state: 'ready', version: '0', uptimeMs: 0, pid: 1 }));
    server.onNotification(r.connection, lsp.ChatCancelNotification, () => undefined);
    await server.sendNotification(r.connection, lsp.StatusChangedNotification, { state: 'ready', version: '0', uptimeMs: 0, pid: 1 });
    await server.sendRequest(r.connection, lsp.AgentDiagnosticsRequest, {});
    assert.deepEqual(r.calls.map((c) => `${c.op} ${c.method}`), [
      'onRequest banyan/status',
      'onNotification banyan/chat/cancel',
      'sendNotification banyan/statusChanged',
      'sendRequest banyan/agent/diagnostics',
    ]);
  });

  it('the extension registers and sends the declared method', async () => {
    const r = recorder();
    await client.sendRequest(r.client, lsp.StatusRequest, undefined);
    await client.sendNotification(r.client, lsp.ChatCancelNotification, { turnId: 't' });
    client.onNotification(r.client, lsp.StatusChangedNotification, () => undefined);
    client.onRequest(r.client, lsp.AgentApprovalRequest, () => ({ decision: 'deny' }));
    assert.deepEqual(r.calls.map((c) => `${c.op} ${c.method}`), [
      'sendRequest banyan/status',
      'sendNotification banyan/chat/cancel',
      'onNotification banyan/statusChanged',
      'onRequest banyan/agent/approval',
    ]);
  });
});
