/**
 * Inline completions through the built server over LSP, against the fake model server: ghost text
 * that needs another file's definition in the prompt, cancellation closing the model's socket,
 * typed-ahead reuse without a new request, and a model that is down (no suggestion, a clear status,
 * no crash).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import {
  CompletionMetricsRequest,
  type ServerStatus,
  SettingsChangedNotification,
  StatusRequest,
} from '@src/protocol/lsp';
import { closedBaseUrl, FakeModelServer } from '../../fixtures/fakeModelServer';
import { LspSession, REPO_ROOT } from '../helpers/lspSession';
import { until } from '../helpers/until';

const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');
const USER_SERVICE = `export class UserService {
  /** Looks a user up by id. */
  findUserById(id: string): User | undefined {
    return this.users.get(id);
  }
  private users = new Map<string, User>();
}

export interface User {
  id: string;
  name: string;
}
`;
const MAIN = `import { UserService } from './userService';

export function greet(service: UserService, id: string): string {
  const user = service.
}
`;
const CURSOR = { line: 3, character: 23 };

interface Item { insertText: string; range: { start: { line: number; character: number } } }

describe('inline completion through the language server', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-complete-it-'));
  const ws = path.join(tmp, 'ws');
  const mainFile = path.join(ws, 'src', 'main.ts');
  const uri = pathToFileURL(mainFile).toString();
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base'] });
  let session: LspSession;
  let version = 1;
  const settings = (baseUrl: string) => ({
    index: { enabled: true },
    // The context must make it into the prompt however busy the machine (a CI runner shares two cores):
    // the time box cutting a slow assembly short is tested on its own.
    completion: { contextTimeBoxMs: 10_000 },
    models: { completion: { provider: 'ollama', baseUrl, model: 'qwen2.5-coder:1.5b-base' } },
  });
  const complete = (position = CURSOR, token?: CancellationTokenSource, explicit = true) => {
    const params = { textDocument: { uri }, position, context: { triggerKind: explicit ? 1 : 2 } };
    // An undefined token argument would be sent as a positional parameter.
    return (token ? session.connection.sendRequest('textDocument/inlineCompletion', params, token.token) : session.connection.sendRequest('textDocument/inlineCompletion', params)) as Promise<Item[] | null>;
  };
  const type = (text: string, at: { line: number; character: number }) =>
    session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: at, end: at }, text }],
    });

  before(async () => {
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    writeFileSync(path.join(ws, 'src', 'userService.ts'), USER_SERVICE);
    writeFileSync(mainFile, MAIN);
    await fake.start();
    session = new LspSession({ workspace: ws, initializationOptions: { storageDir: path.join(tmp, 'storage'), grammarsDir: GRAMMARS, settings: settings(fake.baseUrl) } });
    const init = await session.initialize();
    assert.ok(init.capabilities.inlineCompletionProvider, 'inlineCompletionProvider advertised');
    await session.indexIdle(2);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text: MAIN } });
  });
  after(async () => {
    await session.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows a suggestion the model only gives when the other file\'s definition is in the prompt', async () => {
    fake.addRule({ name: 'needs-definition', route: '/api/generate', prompt: /findUserById\(id: string\): User \| undefined/, reply: { text: 'findUserById(id);' } });
    const items = await complete();
    assert.equal(items?.length, 1);
    assert.equal(items![0]!.insertText, 'findUserById(id);');
    const [req] = fake.requests({ path: '/api/generate' });
    assert.equal(req!.rule, 'needs-definition');
    assert.match(String((req!.body as { prompt: string }).prompt), /<\|file_sep\|>src\/userService\.ts/);
  });

  it('typing the first characters of the suggestion serves the rest without a new request', async () => {
    const before = fake.requests({ path: '/api/generate' }).length;
    await type('find', CURSOR);
    const items = await complete({ line: CURSOR.line, character: CURSOR.character + 4 }, undefined, false);
    assert.equal(items?.[0]?.insertText, 'UserById(id);');
    assert.equal(fake.requests({ path: '/api/generate' }).length, before);
    const metrics = await session.request(CompletionMetricsRequest, undefined);
    assert.equal(metrics.engine.served.typedAhead, 1);
  });

  it('a cancelled request closes the model request (aborted in the fake server\'s log)', async () => {
    fake.reset();
    fake.addRule({ route: '/api/generate', fault: { kind: 'hang' } });
    await type('X', { line: CURSOR.line, character: CURSOR.character + 4 });
    const source = new CancellationTokenSource();
    const pending = complete({ line: CURSOR.line, character: CURSOR.character + 5 }, source);
    await fake.waitForRequest({ path: '/api/generate' });
    source.cancel();
    await pending.catch(() => undefined);
    const aborted = await fake.waitForAbort({ path: '/api/generate' });
    assert.equal(aborted.state, 'aborted');
  });

  it('a model that is down gives no suggestion and a status that says so, and the server lives on', async () => {
    fake.reset();
    await session.notify(SettingsChangedNotification, { settings: settings(await closedBaseUrl()), editorSettings: {} });
    await type('Y', { line: CURSOR.line, character: CURSOR.character + 5 });
    const items = await complete({ line: CURSOR.line, character: CURSOR.character + 6 });
    assert.deepEqual(items ?? [], []);
    const down = await until('the completion endpoint to be reported down', async () => {
      const s: ServerStatus = await session.request(StatusRequest, undefined);
      return s.endpoints?.find((e) => e.role === 'completion' && e.state === 'down');
    });
    assert.match(down.message ?? '', /refused|reach|start/i);
    const metrics = await session.request(CompletionMetricsRequest, undefined);
    assert.ok(Object.keys(metrics.engine.none).some((r) => r.startsWith('model failed')));
    assert.ok(session.logs.some((l) => /Inline completion failed/.test(l)));
  });
});
