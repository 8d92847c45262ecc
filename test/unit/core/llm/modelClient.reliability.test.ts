/** Cancellation, early stop, fallback chain, circuit breaker with probe, concurrency and the context window. */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import type { EndpointHealth } from '@src/protocol/lsp';
import { closedBaseUrl, FakeModelServer } from '../../../fixtures/fakeModelServer';
import { collect, failure, makeHub, role } from './helpers/hub';

const server = new FakeModelServer({ models: ['m', 'backup'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

const ask = { role: 'chat' as const, messages: [{ role: 'user' as const, content: 'hello' }] };

describe('cancellation', () => {
  it('aborting the signal mid-stream closes the HTTP request (server log: aborted)', async () => {
    server.replyTo('hello', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 200 });
    const { hub } = makeHub(role('chat', server.baseUrl, 'm'));
    const controller = new AbortController();
    const err = await failure(
      (async function* () {
        for await (const ev of hub.chat(ask, controller.signal)) {
          if (ev.type === 'text') controller.abort();
          yield ev;
        }
      })(),
    );
    assert.equal(err.kind, 'aborted');
    const r = await server.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(r.state, 'aborted');
  });

  it('breaking out of the loop (early stop) closes the HTTP request too', async () => {
    server.replyTo('hello', { chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 200 });
    const { hub } = makeHub(role('chat', server.baseUrl, 'm'));
    for await (const ev of hub.chat(ask)) if (ev.type === 'text') break;
    const r = await server.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(r.state, 'aborted');
  });

  it('a FIM stop token the server ignored ends the stream client-side and closes the request', async () => {
    // /v1/completions gets only 4 stop sequences (OpenAI's limit); <|file_sep|> is the 7th for Qwen.
    server.replyTo('def f', { chunks: ['x = 1', '\n<|file_sep|>', 'other.py', ' more'], chunkDelayMs: 100 }, { route: '/v1/completions' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b'));
    const r = await collect(hub.complete({ prefix: 'def f():\n    ', suffix: '' }));
    assert.equal(r.text, 'x = 1\n');
    assert.equal(r.done.finishReason, 'stop');
    assert.equal((await server.waitForSettled({ path: '/v1/completions' })).state, 'aborted');
  });

  it('an already-aborted signal sends nothing', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm'));
    const c = new AbortController();
    c.abort();
    const err = await failure(hub.chat(ask, c.signal));
    assert.equal(err.kind, 'aborted');
    assert.equal(server.requests().length, 0);
  });
});

describe('fallback chain', () => {
  it('primary refused → the fallback answers, and done names it', async () => {
    const dead = await closedBaseUrl();
    const { hub } = makeHub(role('chat', dead, 'm', 'openai-compatible', { maxRetries: 0, fallbacks: [{ baseUrl: server.baseUrl, model: 'backup' }] }));
    const r = await collect(hub.chat(ask));
    assert.equal(r.done.endpoint, server.baseUrl);
    assert.equal(r.done.model, 'backup');
    assert.equal((server.requests()[0]!.body as { model: string }).model, 'backup');
  });

  it('every endpoint failing → one error listing each, with the primary\'s kind and fix', async () => {
    server.addRule({ model: 'backup', fault: { kind: 'serverError', status: 503 } });
    const { hub } = makeHub(role('chat', await closedBaseUrl(), 'm', 'openai-compatible', { maxRetries: 0, fallbacks: [{ baseUrl: server.baseUrl, model: 'backup' }] }));
    const err = await failure(hub.chat(ask));
    assert.equal(err.kind, 'refused');
    assert.match(err.message, /primary: nothing is listening.*fallback 1: .*503/);
  });

  it('no fallback once text has been streamed (the caller already showed it)', async () => {
    server.failNext({ kind: 'dropMidStream', afterChunks: 1 }, { model: 'm', reply: { chunks: ['a ', 'b'] } });
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { fallbacks: [{ model: 'backup' }] }));
    const err = await failure(hub.chat(ask));
    assert.equal(err.partialText, 'a ');
    assert.equal(server.requests({ path: '/v1/chat/completions' }).length, 1);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, skips the endpoint, reports down; a probe brings it back', async () => {
    server.addRule({ model: 'm', route: '/v1/chat/completions', fault: { kind: 'serverError' } });
    const { hub, clock } = makeHub({
      ...role('chat', server.baseUrl, 'm', 'openai-compatible', { maxRetries: 0, fallbacks: [{ model: 'backup' }] }),
      'models.circuitBreaker.failureThreshold': 2,
      'models.circuitBreaker.cooldownMs': 5000,
    });
    const health: EndpointHealth[] = [];
    hub.onHealth((h) => health.push(h));
    const primaryCalls = () => server.requests((r) => r.path === '/v1/chat/completions' && (r.body as { model: string }).model === 'm').length;

    await collect(hub.chat(ask)); // primary fails (1), fallback answers
    await collect(hub.chat(ask)); // primary fails (2) → open
    assert.equal(primaryCalls(), 2);
    assert.equal(health.at(-1)?.state, 'down');
    assert.equal(health.at(-1)?.role, 'chat');

    const r = await collect(hub.chat(ask)); // skipped at once
    assert.equal(r.done.model, 'backup');
    assert.equal(primaryCalls(), 2, 'the open breaker kept requests away from the primary');

    server.clearRules();
    await hub.probeDownEndpoints(); // cooldown not over: no probe
    assert.equal(server.requests({ path: '/v1/models' }).length, 0);
    clock.advance(5000);
    await hub.probeDownEndpoints();
    assert.equal(server.requests({ path: '/v1/models' }).length, 1);
    assert.equal(health.at(-1)?.state, 'up');
    const back = await collect(hub.chat(ask));
    assert.equal(back.done.model, 'm');
  });
});

describe('concurrency limit', () => {
  it('one slot: the second request reaches the server only after the first finished', async () => {
    server.replyTo('hello', { chunks: ['a', 'b', 'c'], chunkDelayMs: 50 });
    const { hub } = makeHub({ ...role('chat', server.baseUrl, 'm'), 'models.maxConcurrentPerEndpoint': 1 });
    await Promise.all([collect(hub.chat(ask)), collect(hub.chat(ask))]);
    const [first, second] = server.requests({ path: '/v1/chat/completions' });
    assert.ok(first!.completedAt !== undefined && second!.receivedAt >= first!.completedAt);
  });
});

describe('context window', () => {
  it('refuses a chat request larger than the window without sending it', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { contextWindow: 256, maxTokens: 64 }));
    const err = await failure(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'word '.repeat(400) }] }));
    assert.equal(err.kind, 'contextWindow');
    assert.equal(server.requests().length, 0);
  });

  it('lowers max_tokens so prompt + answer fit', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { contextWindow: 300, maxTokens: 4000 }));
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hello '.repeat(50) }] }));
    const sent = server.requests()[0]!.body as { max_tokens: number };
    assert.ok(sent.max_tokens > 0 && sent.max_tokens < 300, `max_tokens ${sent.max_tokens}`);
  });

  it('trims a FIM prompt to the window, keeping the code nearest the cursor', async () => {
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b', 'ollama', { contextWindow: 400, maxTokens: 64 }));
    const prefix = Array.from({ length: 300 }, (_, i) => `line_${i} = ${i}`).join('\n') + '\nlast = ';
    await collect(hub.complete({ prefix, suffix: '\nnext = 1\n' }));
    const prompt = (server.requests()[0]!.body as { prompt: string }).prompt;
    assert.ok(prompt.includes('line_299 = 299\nlast = <|fim_suffix|>'));
    assert.ok(!prompt.includes('line_0 = 0'));
  });
});
