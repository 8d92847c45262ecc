import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { FakeModelServer } from '../../fixtures/fakeModelServer';

describe('fake model server: request log and lifecycle', () => {
  const server = new FakeModelServer({ rules: [{ name: 'baseline', prompt: 'baseline', reply: { text: 'from the constructor' } }] });
  let client: OpenAI;
  before(async () => {
    await server.start();
    client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-secret-key', maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('records method, path, query, headers as received, parsed body and completion', async () => {
    await client.completions.create({ model: 'm', prompt: 'hello', max_tokens: 5 }, { query: { trace: '1' } });
    const [req] = server.requests();
    assert.equal(req!.method, 'POST');
    assert.equal(req!.path, '/v1/completions');
    assert.equal(req!.route, '/v1/completions');
    assert.deepEqual(req!.query, { trace: '1' });
    assert.equal(req!.headers.authorization, 'Bearer sk-secret-key');
    assert.deepEqual(req!.body, { model: 'm', prompt: 'hello', max_tokens: 5 });
    assert.equal(req!.status, 200);
    const settled = await server.waitForSettled();
    assert.equal(settled.state, 'completed');
    assert.ok(settled.completedAt! >= settled.receivedAt);
  });

  it('filters requests by path, method, state or predicate', async () => {
    await client.models.list();
    await client.completions.create({ model: 'm', prompt: 'x' });
    await server.waitForSettled({ path: '/v1/completions' });
    assert.equal(server.requests({ path: '/v1/models' }).length, 1);
    assert.equal(server.requests({ method: 'get' }).length, 1);
    assert.equal(server.requests({ path: /^\/v1\// }).length, 2);
    assert.equal(server.requests((r) => r.id === 2).length, 1);
    assert.equal(server.requests({ state: 'aborted' }).length, 0);
  });

  it('a client cancelling a stream mid-way shows as aborted', async () => {
    server.addRule({ reply: { chunks: ['a', 'b', 'c'], chunkDelayMs: 30_000 } });
    const abort = new AbortController();
    const res = await fetch(`${server.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], stream: true }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /"role":"assistant"/);
    abort.abort();
    const aborted = await server.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(aborted.state, 'aborted');
    assert.equal(aborted.status, 200);
  });

  it('global latency holds the headers back', async () => {
    server.configure({ latencyMs: 60_000 });
    assert.equal(server.latencyMs, 60_000);
    const abort = new AbortController();
    const pending = fetch(`${server.openaiBaseUrl}/models`, { signal: abort.signal });
    const req = await server.waitForRequest({ path: '/v1/models' });
    assert.equal(req.status, undefined);
    abort.abort();
    await assert.rejects(pending);
    await server.waitForAbort();
  });

  it('waitForRequest fails with the requests seen so far', async () => {
    await client.models.list();
    await assert.rejects(server.waitForRequest({ path: '/v1/embeddings' }, 50), /no matching request within 50 ms \(requests so far: #1 GET \/v1\/models/);
  });

  it('rule handles count uses; reset restores the constructor rules only', async () => {
    const once = server.addRule({ prompt: 'once', times: 1, reply: { text: 'one' } });
    const removed = server.addRule({ prompt: 'gone', reply: { text: 'never' } });
    removed.remove();
    assert.equal((await client.completions.create({ model: 'm', prompt: 'once' })).choices[0]!.text, 'one');
    assert.equal(once.used, 1);
    assert.equal(once.exhausted, true);
    assert.equal((await client.completions.create({ model: 'm', prompt: 'gone' })).choices[0]!.text, 'fake model reply');
    assert.equal((await client.completions.create({ model: 'm', prompt: 'baseline' })).choices[0]!.text, 'from the constructor');

    server.reset();
    assert.equal(server.requests().length, 0);
    assert.equal((await client.completions.create({ model: 'm', prompt: 'once' })).choices[0]!.text, 'fake model reply');
    assert.equal((await client.completions.create({ model: 'm', prompt: 'baseline' })).choices[0]!.text, 'from the constructor');
  });

  it('close() destroys open sockets; a hanging request ends as dropped', async () => {
    const own = new FakeModelServer();
    await own.start();
    own.failNext({ kind: 'hang' });
    const pending = fetch(`${own.openaiBaseUrl}/completions`, { method: 'POST', body: '{}' });
    const req = await own.waitForRequest({ path: '/v1/completions' });
    await own.close();
    await assert.rejects(pending);
    assert.equal(req.state, 'dropped');
  });
});
