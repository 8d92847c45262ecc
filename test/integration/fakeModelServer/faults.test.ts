import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { closedBaseUrl, FakeModelServer } from '../../fixtures/fakeModelServer';

describe('fake model server: injected faults', () => {
  const server = new FakeModelServer();
  let client: OpenAI;
  const chat = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
  before(async () => {
    await server.start();
    client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-test-secret', maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('429 carries Retry-After and an OpenAI rate-limit body', async () => {
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 7 });
    await assert.rejects(client.chat.completions.create(chat), (err: unknown) => {
      assert.ok(err instanceof OpenAI.RateLimitError);
      assert.equal(err.headers?.get('retry-after'), '7');
      assert.equal(err.code, 'rate_limit_exceeded');
      return true;
    });
  });

  it('failNext hits one request only, so a retrying client recovers', async () => {
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 0 });
    const retrying = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'k', maxRetries: 1 });
    const res = await retrying.chat.completions.create(chat);
    assert.equal(res.choices[0]!.message.content, 'fake model reply');
    assert.deepEqual(
      server.requests().map((r) => [r.status, r.fault]),
      [
        [429, 'rateLimit'],
        [200, undefined],
      ],
    );
  });

  it('500, 503 and 401 answer with the real error shapes', async () => {
    server.failNext({ kind: 'serverError' });
    await assert.rejects(client.chat.completions.create(chat), (err: unknown) => err instanceof OpenAI.InternalServerError && err.status === 500);
    server.failNext({ kind: 'serverError', status: 503 });
    await assert.rejects(client.chat.completions.create(chat), (err: unknown) => err instanceof OpenAI.APIError && err.status === 503);
    server.failNext({ kind: 'unauthorized' });
    await assert.rejects(client.chat.completions.create(chat), (err: unknown) => {
      assert.ok(err instanceof OpenAI.AuthenticationError);
      assert.equal(err.code, 'invalid_api_key');
      assert.ok(!String(err.message).includes('sk-test-secret'), 'the error never echoes the key');
      return true;
    });
  });

  it('a custom status fault sends the given body and headers', async () => {
    server.failNext({ kind: 'status', status: 418, body: 'teapot', headers: { 'x-why': 'because' } });
    const res = await fetch(`${server.openaiBaseUrl}/completions`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 418);
    assert.equal(res.headers.get('x-why'), 'because');
    assert.equal(await res.text(), 'teapot');
  });

  it('delay holds the headers back and then answers normally', async () => {
    server.failNext({ kind: 'delay', ms: 60_000 });
    const abort = new AbortController();
    const pending = fetch(`${server.openaiBaseUrl}/completions`, { method: 'POST', body: '{"prompt":"x"}', signal: abort.signal });
    const req = await server.waitForRequest({ path: '/v1/completions' });
    assert.equal(req.status, undefined, 'no headers were sent during the delay');
    abort.abort();
    await assert.rejects(pending);
    await server.waitForAbort();

    server.failNext({ kind: 'delay', ms: 1 });
    const res = await client.completions.create({ model: 'm', prompt: 'x' });
    assert.equal(res.choices[0]!.text, 'fake model reply');
  });

  it('hang never answers; the client giving up shows as aborted', async () => {
    server.failNext({ kind: 'hang' });
    const abort = new AbortController();
    const pending = client.chat.completions.create(chat, { signal: abort.signal });
    const req = await server.waitForRequest({ path: '/v1/chat/completions' });
    assert.equal(req.state, 'open');
    abort.abort();
    await assert.rejects(pending, (err: unknown) => err instanceof OpenAI.APIUserAbortError);
    const aborted = await server.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(aborted.id, req.id);
    assert.ok(aborted.abortedAt! >= aborted.receivedAt);
  });

  it('dropMidStream sends N pieces, then destroys the socket', async () => {
    server.addRule({ reply: { text: 'one two three four' }, fault: { kind: 'dropMidStream', afterChunks: 2 } });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of await client.chat.completions.create({ ...chat, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    });
    assert.equal(text, 'one two');
    assert.equal((await server.waitForSettled()).state, 'dropped');
  });

  it('dropMidStream on a plain request cuts the body short', async () => {
    server.failNext({ kind: 'dropMidStream' });
    await assert.rejects(client.completions.create({ model: 'm', prompt: 'x' }));
    assert.equal((await server.waitForSettled()).state, 'dropped');
  });

  it('stallMidStream keeps the socket open after N pieces until the client cancels', async () => {
    server.failNext({ kind: 'stallMidStream', afterChunks: 1 });
    const abort = new AbortController();
    const stream = await client.chat.completions.create({ ...chat, stream: true }, { signal: abort.signal });
    const pieces: string[] = [];
    // The SDK ends the iteration quietly when its own signal aborts it.
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta.content;
      if (piece) {
        pieces.push(piece);
        abort.abort();
      }
    }
    assert.deepEqual(pieces, ['fake']);
    await server.waitForAbort();
  });

  it('malformedJson breaks a plain body and a stream event', async () => {
    server.failNext({ kind: 'malformedJson' });
    const res = await fetch(`${server.openaiBaseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(chat) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const text = await res.text();
    assert.throws(() => JSON.parse(text));

    server.failNext({ kind: 'malformedJson' });
    const streamed = await fetch(`${server.openaiBaseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify({ ...chat, stream: true }) });
    const events = (await streamed.text()).split('\n\n').filter(Boolean);
    assert.equal(events.at(-1), 'data: [DONE]', 'the stream itself is well framed');
    assert.throws(() => JSON.parse(events.at(-2)!.slice('data: '.length)));
    server.failNext({ kind: 'malformedJson' });
    await assert.rejects(client.chat.completions.create(chat));
  });

  it('truncatedSse ends the stream without [DONE], optionally mid-event', async () => {
    const post = (body: object) => fetch(`${server.openaiBaseUrl}/completions`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.text());
    server.failNext({ kind: 'truncatedSse' });
    const whole = await post({ prompt: 'x', stream: true });
    assert.ok(!whole.includes('[DONE]'));
    assert.ok(whole.endsWith('\n\n'), 'every event is complete');
    assert.match(whole, /"finish_reason":"stop"/);

    server.failNext({ kind: 'truncatedSse', afterChunks: 1, midEvent: true });
    const cut = await post({ prompt: 'x', stream: true });
    const events = cut.split('\n\n');
    assert.equal(JSON.parse(events[0]!.slice('data: '.length)).choices[0].text, 'fake');
    assert.ok(!cut.endsWith('\n\n'), 'the stream stops inside an event');
    assert.throws(() => JSON.parse(events.at(-1)!.slice('data: '.length)));
    assert.equal((await server.waitForSettled({ path: '/v1/completions' })).state, 'completed');
  });

  it('wrongContentType answers 200 with an HTML page', async () => {
    server.failNext({ kind: 'wrongContentType' });
    const res = await fetch(`${server.openaiBaseUrl}/completions`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.match(await res.text(), /<html>/);
  });

  it('faults can target routes that need a route named, such as /v1/models', async () => {
    server.failNext({ kind: 'unauthorized' }, { route: '/v1/models' });
    await assert.rejects(client.models.list(), (err: unknown) => err instanceof OpenAI.AuthenticationError);
    assert.equal((await client.models.list()).data.length, 1);
  });

  it('a closed port refuses connections', async () => {
    const refused = new OpenAI({ baseURL: `${await closedBaseUrl()}/v1`, apiKey: 'k', maxRetries: 0 });
    await assert.rejects(refused.models.list(), (err: unknown) => err instanceof OpenAI.APIConnectionError);
  });
});
