/** The connection report: each failure names what is wrong and the fix. */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { formatReport } from '@src/core/llm/diagnostics/formatReport';
import { closedBaseUrl, FakeModelServer } from '../../../../fixtures/fakeModelServer';
import { makeHub, role } from '../helpers/hub';

const server = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b-instruct', 'nomic-embed-text'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

const all = () => ({
  ...role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'ollama'),
  ...role('chat', server.baseUrl, 'qwen2.5-coder:7b-instruct', 'ollama'),
  ...role('edit', server.baseUrl, 'qwen2.5-coder:7b-instruct', 'ollama'),
  ...role('agent', server.baseUrl, 'qwen2.5-coder:7b-instruct', 'ollama'),
  ...role('embeddings', server.baseUrl, 'nomic-embed-text', 'ollama'),
});

describe('connection test', () => {
  it('all roles healthy: real FIM, chat and embeddings requests, latency and streaming checked', async () => {
    const { hub } = makeHub(all());
    const reports = await hub.test(undefined);
    assert.deepEqual(reports.map((r) => [r.role, r.ok]), [['completion', true], ['chat', true], ['edit', true], ['agent', true], ['embeddings', true]]);
    const completion = reports[0]!;
    assert.deepEqual(completion.checks.map((c) => c.name), ['reachable', 'model present', 'fill-in-the-middle', 'streaming']);
    assert.ok(completion.latencyMs !== undefined);
    assert.equal(server.requests({ path: '/api/generate' }).length, 1, 'a real FIM request');
    // chat, edit and agent share an endpoint: one real chat request.
    assert.equal(server.requests({ path: '/api/chat' }).length, 1);
    assert.match(formatReport(reports), /all good/);
  });

  it('model not installed → "ollama pull"', async () => {
    const { hub } = makeHub(role('completion', server.baseUrl, 'starcoder2:3b', 'ollama'));
    const [r] = await hub.test(['completion']);
    assert.equal(r!.ok, false);
    const c = r!.checks.find((x) => x.name === 'model present')!;
    assert.equal(c.ok, false);
    assert.match(c.fix ?? '', /ollama pull starcoder2:3b/);
  });

  it('no /v1/completions route → the fix says so', async () => {
    server.configure({ disableRoutes: ['/v1/completions'] });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'openai-compatible'));
    const [r] = await hub.test(['completion']);
    const c = r!.checks.find((x) => x.name === 'fill-in-the-middle')!;
    assert.equal(c.ok, false);
    assert.match(c.fix ?? '', /no legacy \/v1\/completions route/);
  });

  it('key rejected → "Configure Model"', async () => {
    server.failNext({ kind: 'unauthorized' }, { route: '/v1/models' });
    const { hub } = makeHub(role('chat', server.baseUrl, 'qwen2.5-coder:7b-instruct', 'openai-compatible'), { 'banyan.apiKey.chat': 'sk-wrong-0123456789abcdef' });
    const [r] = await hub.test(['chat']);
    assert.equal(r!.ok, false);
    assert.match(r!.checks.at(-1)!.fix ?? '', /Configure Model/);
    assert.match(formatReport([r!]), /✖ key accepted/);
  });

  it('server down → not reachable, start it', async () => {
    const { hub } = makeHub(role('chat', await closedBaseUrl(), 'x', 'ollama'));
    const [r] = await hub.test(['chat']);
    assert.deepEqual(r!.checks.map((c) => [c.name, c.ok]), [['reachable', false]]);
    assert.match(r!.checks[0]!.fix ?? '', /ollama serve/);
  });

  it('streaming broken (truncated stream) → the FIM check fails with a fix', async () => {
    server.failNext({ kind: 'truncatedSse', afterChunks: 0 }, { route: '/api/generate' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'ollama'));
    const [r] = await hub.test(['completion']);
    assert.equal(r!.ok, false);
    assert.match(r!.checks.at(-1)!.detail, /ended before the model finished/);
  });
});
