import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeModelServer } from '../../fixtures/fakeModelServer';

/** Reads SSE events (event name + parsed data) from a fetch response. */
async function sseEvents(res: Response): Promise<{ event?: string; data: string }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)![1]!;
      return { event, data };
    });
}

describe('fake model server: Ollama, llama.cpp and Anthropic routes', () => {
  const server = new FakeModelServer({ models: ['qwen2.5-coder:1.5b'] });
  const post = (path: string, body: unknown) => fetch(`${server.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  before(() => server.start());
  after(() => server.close());
  beforeEach(() => server.reset());

  it('Ollama: /api/tags and /api/version', async () => {
    const tags = (await (await fetch(`${server.baseUrl}/api/tags`)).json()) as { models: { name: string }[] };
    assert.deepEqual(
      tags.models.map((m) => m.name),
      ['qwen2.5-coder:1.5b'],
    );
    const version = (await (await fetch(`${server.baseUrl}/api/version`)).json()) as { version: string };
    assert.match(version.version, /^\d+\.\d+\.\d+$/);
  });

  it('Ollama: /api/generate streams NDJSON by default and ends with counts', async () => {
    server.addRule({ route: '/api/generate', prompt: '<|fim_prefix|>', reply: { text: 'return a + b', usage: { promptTokens: 42 } } });
    const res = await post('/api/generate', { model: 'qwen2.5-coder:1.5b', prompt: '<|fim_prefix|>def add', raw: true, options: { num_predict: 64 } });
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { response: string; done: boolean; prompt_eval_count?: number; eval_count?: number });
    assert.equal(lines.map((l) => l.response).join(''), 'return a + b');
    assert.ok(lines.slice(0, -1).every((l) => !l.done));
    const last = lines.at(-1)!;
    assert.equal(last.done, true);
    assert.equal(last.prompt_eval_count, 42);
    assert.equal(last.eval_count, 4);
  });

  it('Ollama: /api/generate with stream false, num_predict and stop', async () => {
    server.addRule({ reply: { text: 'x = 1\ny = 2\nz = 3' } });
    const body = (await (await post('/api/generate', { prompt: 'p', stream: false, options: { stop: ['\ny'] } })).json()) as { response: string; done_reason: string };
    assert.equal(body.response, 'x = 1');
    const limited = (await (await post('/api/generate', { prompt: 'p', stream: false, options: { num_predict: 2 } })).json()) as { response: string; done_reason: string };
    assert.equal(limited.response, 'x =');
    assert.equal(limited.done_reason, 'length');
  });

  it('llama.cpp: /infill matches input_extra and answers content, streamed or not', async () => {
    server.addRule({ route: '/infill', prompt: 'helper.ts chunk', reply: { chunks: ['foo', '(bar)'], usage: { cachedTokens: 30, promptTokens: 50 } } });
    const request = { input_prefix: 'const x = ', input_suffix: ';\n', input_extra: [{ filename: 'helper.ts', text: 'helper.ts chunk' }] };
    const plain = (await (await post('/infill', request)).json()) as { content: string; stop: boolean; tokens_cached: number; timings: { cache_n: number } };
    assert.equal(plain.content, 'foo(bar)');
    assert.equal(plain.stop, true);
    assert.equal(plain.tokens_cached, 30);
    assert.equal(plain.timings.cache_n, 30);

    const events = await sseEvents(await post('/infill', { ...request, stream: true }));
    const parsed = events.map((e) => JSON.parse(e.data) as { content: string; stop: boolean });
    assert.deepEqual(
      parsed.map((e) => e.content),
      ['foo', '(bar)', ''],
    );
    assert.deepEqual(
      parsed.map((e) => e.stop),
      [false, false, true],
    );
    assert.ok(!events.some((e) => e.data === '[DONE]'), 'llama.cpp sends no [DONE]');
  });

  it('Anthropic: /v1/messages streams the event sequence with cache usage', async () => {
    server.addRule({ route: '/v1/messages', prompt: 'You are terse', reply: { text: 'Sure thing.', usage: { cachedTokens: 900 } } });
    const res = await post('/v1/messages', { model: 'claude', max_tokens: 100, system: [{ type: 'text', text: 'You are terse' }], messages: [{ role: 'user', content: 'hi' }], stream: true });
    const events = await sseEvents(res);
    const names = events.map((e) => e.event);
    assert.deepEqual(names, [
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const e of events) assert.equal((JSON.parse(e.data) as { type: string }).type, e.event);
    const start = JSON.parse(events[0]!.data) as { message: { usage: { cache_read_input_tokens: number } } };
    assert.equal(start.message.usage.cache_read_input_tokens, 900);
    const text = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (JSON.parse(e.data) as { delta: { text: string } }).delta.text)
      .join('');
    assert.equal(text, 'Sure thing.');
    assert.equal((JSON.parse(events[6]!.data) as { delta: { stop_reason: string } }).delta.stop_reason, 'end_turn');
  });

  it('Anthropic: plain answer with a tool_use block, and its own error shape', async () => {
    server.addRule({ reply: { text: 'Let me look.', toolCalls: [{ name: 'read_file', arguments: { path: 'a.ts' } }] } });
    const body = (await (await post('/v1/messages', { max_tokens: 50, messages: [{ role: 'user', content: 'read a.ts' }] })).json()) as {
      content: { type: string; text?: string; name?: string; input?: unknown }[];
      stop_reason: string;
    };
    assert.deepEqual(body.content, [
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'toolu_fake1', name: 'read_file', input: { path: 'a.ts' } },
    ]);
    assert.equal(body.stop_reason, 'tool_use');

    server.failNext({ kind: 'unauthorized' });
    const denied = await post('/v1/messages', { max_tokens: 5, messages: [] });
    assert.equal(denied.status, 401);
    assert.deepEqual(((await denied.json()) as { error: { type: string } }).error.type, 'authentication_error');
  });

  it('disabled and unknown routes answer 404 with a JSON error', async () => {
    server.configure({ disableRoutes: ['/v1/completions'] });
    const disabled = await post('/v1/completions', { prompt: 'x' });
    assert.equal(disabled.status, 404);
    assert.match(((await disabled.json()) as { error: { message: string } }).error.message, /POST \/v1\/completions/);
    assert.equal((await post('/v1/chat/completions', { messages: [] })).status, 200, 'other routes still work');

    const unknown = await fetch(`${server.baseUrl}/api/pull`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 404);
    assert.equal(typeof ((await unknown.json()) as { error: unknown }).error, 'string', 'Ollama-style error under /api/');
    assert.equal((await fetch(`${server.openaiBaseUrl}/completions`)).status, 404, 'wrong method');
  });
});
