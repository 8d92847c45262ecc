/**
 * The built-in model through the built language server over LSP: ghost text made by llama.cpp from
 * the tiny GGUF; the model host is a separate process that can die without taking the server (or its
 * index) down; the local-models requests list, download (with progress, from a local hub) and remove
 * models; and the first-run state says when to offer a built-in model.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DownloadModelRequest,
  type DownloadProgressParams,
  DownloadProgressNotification,
  FirstRunStateRequest,
  IndexStatusRequest,
  LocalModelsRequest,
  RemoveLocalModelRequest,
  SettingsChangedNotification,
} from '@src/protocol/lsp';
import { closedBaseUrl } from '../../fixtures/fakeModelServer';
import { ModelHub } from '../../fixtures/modelHub/modelHub';
import { tinyGgufBytes, tinyGgufPath } from '../../fixtures/tinyGguf/writeTinyGguf';
import { LspSession, REPO_ROOT } from '../helpers/lspSession';
import { until } from '../helpers/until';

const MAIN = 'export function total(items: number[]): number {\n  let sum = 0;\n  for (const item of items) sum += \n  return sum;\n}\n';

describe('built-in model through the language server', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-embedded-lsp-'));
  const ws = path.join(tmp, 'ws');
  const file = path.join(ws, 'src', 'total.ts');
  const uri = pathToFileURL(file).toString();
  const hub = new ModelHub();
  const bytes = tinyGgufBytes();
  const catalogue = path.join(tmp, 'catalogue.json');
  let session: LspSession;
  const embedded = (model: string) => ({
    index: { enabled: true },
    models: {
      completion: { provider: 'embedded', model, temperature: 0, maxTokens: 16 },
      chat: { provider: 'embedded', model, temperature: 0 },
      embedded: { threads: 1, contextSize: 2048, catalogueFile: catalogue },
    },
  });
  const complete = () => session.connection.sendRequest('textDocument/inlineCompletion', { textDocument: { uri }, position: { line: 2, character: 35 }, context: { triggerKind: 1 } }) as Promise<{ insertText: string }[] | null>;
  const hostPid = () => {
    const line = [...session.logs].reverse().find((l) => /model host started \(pid \d+\)/.test(l));
    return line ? Number(/pid (\d+)/.exec(line)![1]) : undefined;
  };

  before(async () => {
    await hub.start();
    hub.serve('/hub/tiny.gguf', bytes);
    writeFileSync(catalogue, JSON.stringify([{ id: 'tiny-coder', name: 'Tiny Coder', file: 'tiny-coder.gguf', url: hub.url('/hub/tiny.gguf'), sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, MAIN);
    session = new LspSession({
      workspace: ws,
      initializationOptions: { storageDir: path.join(tmp, 'storage'), globalStorageDir: path.join(tmp, 'global'), grammarsDir: path.join(REPO_ROOT, 'dist', 'grammars'), settings: embedded(tinyGgufPath()) },
    });
    await session.initialize();
    await session.indexIdle(1, 600_000);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: MAIN } });
  });
  after(async () => {
    await session.close();
    await hub.close();
  });

  it('ghost text made by llama.cpp from the tiny GGUF', async () => {
    const items = await complete();
    assert.ok(items?.length && items[0]!.insertText.length > 0, JSON.stringify(items));
  });

  it('the model host is its own process: killed, the server and its index stay up and the next request is served by a new host', async () => {
    const pid = await until('the model host to start', async () => hostPid(), 600_000);
    assert.notEqual(pid, session.child.pid);
    process.kill(pid, 'SIGKILL');
    await until('a new model host', async () => (hostPid() !== pid ? true : undefined), 600_000);
    assert.equal((await session.request(IndexStatusRequest, undefined)).state, 'idle');
    // Typing changes the prompt, so the answer comes from the new host rather than the cache.
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 35 }, end: { line: 2, character: 35 } }, text: 'i' }] });
    const items = (await session.connection.sendRequest('textDocument/inlineCompletion', { textDocument: { uri }, position: { line: 2, character: 36 }, context: { triggerKind: 1 } })) as { insertText: string }[] | null;
    assert.ok(items?.length, 'a suggestion after the restart');
    assert.ok(session.logs.some((l) => new RegExp(`model host \\(pid ${pid}\\) stopped: signal SIGKILL`).test(l)));
  });

  it('lists the catalogue with the hardware, downloads with progress into the global storage, and removes', async () => {
    const state = await session.request(LocalModelsRequest, undefined);
    assert.equal(state.modelsDir, path.join(tmp, 'global', 'models'));
    assert.match(state.hardware ?? '', /GB of memory, \d+ CPU cores/);
    assert.deepEqual(state.catalogue.map((c) => [c.id, c.downloaded]), [['tiny-coder', false]]);
    assert.ok(state.catalogue[0]!.recommendedFor.includes('chat'));

    const result = await session.request(DownloadModelRequest, { id: 'tiny-coder', downloadId: 'd1' });
    assert.equal(result.bytes, bytes.length);
    assert.ok(existsSync(path.join(tmp, 'global', 'models', 'tiny-coder.gguf')));
    const progress = session.notifications.filter((n) => n.method === DownloadProgressNotification.method).map((n) => n.params as DownloadProgressParams);
    assert.ok(progress.some((p) => p.downloadId === 'd1' && p.phase === 'downloading' && p.totalBytes === bytes.length));
    assert.equal(progress.at(-1)!.phase, 'verifying');
    assert.deepEqual((await session.request(LocalModelsRequest, undefined)).local.map((m) => m.id), ['tiny-coder']);

    assert.equal((await session.request(RemoveLocalModelRequest, { id: 'tiny-coder' })).removed.length, 1);
    assert.deepEqual((await session.request(LocalModelsRequest, undefined)).local, []);
  });

  it('first run: nothing to offer while a model answers; a built-in model offered when no endpoint answers and none is downloaded', async () => {
    assert.equal((await session.request(FirstRunStateRequest, undefined)).endpointAnswers, true);
    const down = await closedBaseUrl();
    await session.notify(SettingsChangedNotification, { settings: { ...embedded(''), models: { completion: { provider: 'ollama', baseUrl: down }, chat: { provider: 'ollama', baseUrl: down }, embedded: { threads: 1, catalogueFile: catalogue } } }, editorSettings: {} });
    const state = await until('the new settings', async () => {
      const s = await session.request(FirstRunStateRequest, undefined);
      return s.endpointAnswers ? undefined : s;
    });
    assert.deepEqual(state, { endpointAnswers: false, localModels: 0, offer: { id: 'tiny-coder', name: 'Tiny Coder', sizeBytes: bytes.length } });
  });
});
