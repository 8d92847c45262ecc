/**
 * Every fault "Done when" lists, against the fake model server on a real socket, with its documented
 * outcome. Sleeps (backoff, Retry-After) go through TestClock, so nothing here waits on a timer
 * except the first-token deadline test, and nothing asserts a duration.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Socket } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { closedBaseUrl, FakeModelServer } from '../../../fixtures/fakeModelServer';
import { collect, failure, makeHub, role } from './helpers/hub';

const KEY = 'sk-test-FAULTS-0123456789abcdef';
const server = new FakeModelServer({ models: ['m'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

const ask = { role: 'chat' as const, messages: [{ role: 'user' as const, content: 'hello' }] };
const chatHub = (extra: Record<string, unknown> = {}) => makeHub({ ...role('chat', server.baseUrl, 'm', 'openai-compatible', extra) }, { 'banyan.apiKey.chat': KEY });
const fimHub = (extra: Record<string, unknown> = {}) => makeHub({ ...role('completion', server.baseUrl, 'qwen2.5-coder:1.5b', 'openai-compatible', extra) });
const fim = { prefix: 'def add(a, b):\n    return ', suffix: '\n' };

describe('faults → documented outcomes', () => {
  it('429 with Retry-After: chat waits exactly what the server asked, then succeeds', async () => {
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 2 });
    const { hub, clock } = chatHub();
    const r = await collect(hub.chat(ask));
    assert.equal(r.text, 'fake model reply');
    assert.deepEqual(clock.sleeps, [2000]);
    assert.equal(r.done.timing.attempts, 2);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 2);
  });

  it('429: completions fail fast (no retry) with a rateLimited error', async () => {
    server.failNext({ kind: 'rateLimit', retryAfterSeconds: 1 });
    const { hub, clock } = fimHub();
    const err = await failure(hub.complete(fim));
    assert.equal(err.kind, 'rateLimited');
    assert.equal(err.retryAfterMs, 1000);
    assert.deepEqual(clock.sleeps, []);
    assert.equal(server.requests({ path: '/v1/completions' }).length, 1);
  });

  it('500: retried with exponential backoff and jitter, then a server error with a fix', async () => {
    server.addRule({ route: '/v1/chat/completions', fault: { kind: 'serverError' } });
    const { hub, clock } = chatHub({ maxRetries: 2 });
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 500);
    assert.ok(err.fix);
    // random() is 0.5 in tests: half of 500 ms, then half of 1000 ms.
    assert.deepEqual(clock.sleeps, [250, 500]);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 3);
  });

  it('hang → first-token timeout naming the setting; the socket is closed', async () => {
    server.failNext({ kind: 'hang' });
    const { hub } = chatHub({ firstTokenTimeoutMs: 200, maxRetries: 0 });
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'timeout');
    assert.match(err.fix ?? '', /banyan\.models\.chat\.firstTokenTimeoutMs/);
    const aborted = await server.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(aborted.state, 'aborted');
  });

  it('stream stalls after text → total timeout with the partial text; the socket is closed', async () => {
    server.failNext({ kind: 'stallMidStream', afterChunks: 1 }, { reply: { chunks: ['partial ', 'rest'] } });
    const { hub } = chatHub({ totalTimeoutMs: 300 });
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'timeout');
    assert.equal(err.partialText, 'partial ');
    assert.match(err.fix ?? '', /totalTimeoutMs/);
    assert.equal((await server.waitForAbort({ path: '/v1/chat/completions' })).state, 'aborted');
  });

  it('stream dropped midway after text: error with the partial text, not retried', async () => {
    server.failNext({ kind: 'dropMidStream', afterChunks: 2 }, { reply: { chunks: ['one ', 'two ', 'three'] } });
    const { hub } = chatHub();
    const seen: string[] = [];
    const err = await failure(
      (async function* () {
        for await (const ev of hub.chat(ask)) {
          if (ev.type === 'text') seen.push(ev.text);
          yield ev;
        }
      })(),
    );
    assert.equal(err.kind, 'network');
    assert.equal(err.partialText, 'one two ');
    assert.deepEqual(seen, ['one ', 'two ']);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 1);
  });

  it('stream dropped before any text: retried transparently', async () => {
    server.failNext({ kind: 'dropMidStream', afterChunks: 0 });
    const { hub } = chatHub();
    const r = await collect(hub.chat(ask));
    assert.equal(r.text, 'fake model reply');
    assert.equal(r.done.timing.attempts, 2);
  });

  it('malformed JSON in the stream: badResponse with a fix, not retried', async () => {
    server.failNext({ kind: 'malformedJson' });
    const { hub } = chatHub();
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'badResponse');
    assert.match(err.message, /malformed JSON/);
    assert.ok(err.fix);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 1);
  });

  it('truncated SSE (no [DONE], no finish_reason): detected, retried, then reported', async () => {
    server.addRule({ route: '/v1/chat/completions', fault: { kind: 'truncatedSse', afterChunks: 0 } });
    const { hub } = chatHub({ maxRetries: 1 });
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /ended before the model finished/);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 2);
  });

  it('truncated SSE mid-event after text on /v1/chat/completions: an error, never a silent success', async () => {
    server.failNext({ kind: 'truncatedSse', afterChunks: 1, midEvent: true }, { reply: { chunks: ['a ', 'b ', 'c'] } });
    const { hub } = chatHub();
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /ended before the model finished/);
    assert.equal(err.partialText, 'a ');
  });

  it('truncated SSE mid-event on Ollama /api/generate: no "done" → error', async () => {
    server.failNext({ kind: 'truncatedSse', afterChunks: 1, midEvent: true }, { route: '/api/generate' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b', 'ollama'));
    const err = await failure(hub.complete(fim));
    assert.match(err.message, /"done": true|malformed JSON/);
  });

  it('wrong content type (HTML page): badResponse naming baseUrl and proxy', async () => {
    server.failNext({ kind: 'wrongContentType' });
    const { hub } = chatHub();
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'badResponse');
    assert.match(err.message, /text\/html/);
    assert.match(err.fix ?? '', /baseUrl.*proxy|proxy/);
  });

  it('401: auth error telling how to store a key, never retried', async () => {
    server.failNext({ kind: 'unauthorized' });
    const { hub } = chatHub();
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.match(err.fix ?? '', /Configure Model/);
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 1);
  });

  it('connection refused: refused error telling to start Ollama', async () => {
    const { hub } = makeHub(role('chat', await closedBaseUrl(), 'm', 'ollama', { maxRetries: 0 }));
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'refused');
    assert.match(err.fix ?? '', /ollama serve/);
  });

  it('connect timeout: a TLS handshake that never completes fails with the connect setting named', async () => {
    // Accepts TCP but never answers the TLS ClientHello.
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const { hub } = makeHub(role('chat', `https://127.0.0.1:${port}`, 'm', 'openai-compatible', { connectTimeoutMs: 200, maxRetries: 0 }));
      const err = await failure(hub.chat(ask));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /could not connect .* within 200 ms/);
      assert.match(err.fix ?? '', /connectTimeoutMs/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('no /v1/completions route: notFound with the fix to use the chat template or another server', async () => {
    server.configure({ disableRoutes: ['/v1/completions'] });
    const { hub } = fimHub();
    const err = await failure(hub.complete(fim));
    assert.equal(err.kind, 'notFound');
    assert.match(err.fix ?? '', /no legacy \/v1\/completions route.*template.*"chat"/);
  });

  it('no log line contains the API key, whatever happened', async () => {
    const { hub, logger } = chatHub({ maxRetries: 1 });
    server.failNext({ kind: 'unauthorized' });
    await failure(hub.chat(ask));
    server.failNext({ kind: 'serverError' });
    await collect(hub.chat(ask));
    server.failNext({ kind: 'malformedJson' });
    await failure(hub.chat(ask));
    await collect(hub.chat(ask));
    assert.ok(logger.lines.length >= 4, 'requests were logged');
    // The key did reach the server (so it was in play), and no line carries it or a fragment of it.
    assert.equal(server.requests()[0]!.headers.authorization, `Bearer ${KEY}`);
    for (const line of logger.lines) assert.ok(!line.includes(KEY.slice(8, 24)), line);
  });
});
