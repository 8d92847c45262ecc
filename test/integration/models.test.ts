/**
 * The model layer through the built server over LSP, against the fake model server: connection test,
 * model list, metrics, endpoint health in the status, settings and key changes without a restart,
 * and no key in any log line.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  ListModelsRequest,
  ModelMetricsRequest,
  type ServerStatus,
  SetSecretsNotification,
  SettingsChangedNotification,
  StatusChangedNotification,
  StatusRequest,
  TestModelsRequest,
} from '@src/protocol/lsp';
import { closedBaseUrl, FakeModelServer } from '../fixtures/fakeModelServer';
import { LspSession } from './helpers/lspSession';

const KEY = 'sk-integration-KEY-0123456789abcdef';

describe('models over LSP', () => {
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b-instruct', 'other-model'] });
  let session: LspSession;
  const settings = (chatModel = 'qwen2.5-coder:7b-instruct') => ({
    server: { debugLogging: true },
    index: { enabled: false },
    models: {
      completion: { provider: 'ollama', baseUrl: fake.baseUrl, model: 'qwen2.5-coder:1.5b-base' },
      chat: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: chatModel },
    },
  });

  before(async () => {
    await fake.start();
    session = new LspSession({ initializationOptions: { settings: settings(), secrets: { 'banyan.apiKey.chat': KEY } } });
    await session.initialize();
    await session.waitForNotification(StatusChangedNotification, (s: ServerStatus) => s.state === 'ready' || s.state === 'indexing');
  });
  after(async () => {
    await session.close();
    await fake.close();
  });

  it('Test Model Connection: a real FIM request for completion and a chat request with the stored key', async () => {
    const reports = await session.request(TestModelsRequest, { roles: ['completion', 'chat'] });
    assert.deepEqual(reports.map((r) => [r.role, r.ok]), [['completion', true], ['chat', true]]);
    assert.equal(fake.requests({ path: '/api/generate' }).length, 1);
    const chat = fake.requests({ path: '/v1/chat/completions' })[0]!;
    assert.equal(chat.headers.authorization, `Bearer ${KEY}`);
    const status = await session.request(StatusRequest, undefined);
    assert.ok(status.endpoints?.some((e) => e.role === 'chat' && e.state === 'up'));
  });

  it('reports the fix when the model is missing, after a settings change without restart', async () => {
    await session.notify(SettingsChangedNotification, { settings: settings('not-installed'), editorSettings: {} });
    const [r] = await session.request(TestModelsRequest, { roles: ['chat'] });
    assert.equal(r!.model, 'not-installed');
    assert.equal(r!.ok, false);
    assert.match(r!.checks.find((c) => !c.ok)!.fix ?? '', /banyan\.models\.chat\.model/);
    await session.notify(SettingsChangedNotification, { settings: settings(), editorSettings: {} });
  });

  it('an unreachable endpoint shows as down in the status with its fix', async () => {
    const dead = await closedBaseUrl();
    await session.notify(SettingsChangedNotification, { settings: { ...settings(), models: { ...settings().models, edit: { provider: 'ollama', baseUrl: dead } } }, editorSettings: {} });
    const [r] = await session.request(TestModelsRequest, { roles: ['edit'] });
    assert.equal(r!.ok, false);
    const status = await session.waitForNotification(StatusChangedNotification, (s: ServerStatus) => Boolean(s.endpoints?.some((e) => e.role === 'edit' && e.state === 'down')));
    assert.match(status.endpoints!.find((e) => e.role === 'edit')!.message ?? '', /ollama serve/);
  });

  it('lists models for Configure Model, with a key typed in but not stored', async () => {
    const models = await session.request(ListModelsRequest, { baseUrl: fake.openaiBaseUrl, provider: 'openai-compatible', apiKey: 'sk-typed-in-0123456789' });
    assert.deepEqual(models, ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b-instruct', 'other-model']);
    assert.equal(fake.requests({ path: '/v1/models' }).at(-1)!.headers.authorization, 'Bearer sk-typed-in-0123456789');
    await assert.rejects(session.request(ListModelsRequest, { baseUrl: await closedBaseUrl(), provider: 'ollama' }), /connection refused.*Start Ollama/);
  });

  it('a new key takes effect without a restart', async () => {
    const NEW = 'sk-rotated-KEY-9876543210fedcba';
    await session.notify(SetSecretsNotification, { secrets: { 'banyan.apiKey.chat': NEW } });
    await session.request(TestModelsRequest, { roles: ['chat'] });
    assert.equal(fake.requests({ path: '/v1/chat/completions' }).at(-1)!.headers.authorization, `Bearer ${NEW}`);
  });

  it('metrics are queryable; connection tests do not count as traffic', async () => {
    assert.deepEqual(await session.request(ModelMetricsRequest, undefined), []);
  });

  it('no log line contains a key', () => {
    assert.ok(session.logs.length > 0);
    for (const line of session.logs) {
      assert.ok(!line.includes('KEY-0123456789') && !line.includes('KEY-9876543210') && !line.includes('typed-in-0123'), line);
    }
    assert.ok(!session.stderr.includes('0123456789abcdef'));
  });
});
