/** What each provider puts on the wire and reads back: FIM routes, repo context, tools, caching, usage, embeddings. */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { FakeModelServer } from '../../../fixtures/fakeModelServer';
import { collect, makeHub, role } from './helpers/hub';

const server = new FakeModelServer({ models: ['m', 'qwen2.5-coder:1.5b-base', 'claude-sonnet-4-5', 'nomic-embed-text'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

const fim = { prefix: 'def add(a, b):\n    return ', suffix: '\n', filePath: 'calc.py', repoName: 'acme/calc', snippets: [{ path: 'util.py', content: 'X = 1\n' }] };

describe('FIM routes', () => {
  it('Ollama: raw Qwen repo-level prompt through /api/generate with num_ctx', async () => {
    server.replyTo('def add', 'a + b', { route: '/api/generate' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'ollama'));
    const r = await collect(hub.complete(fim));
    assert.equal(r.text, 'a + b');
    const body = server.requests()[0]!.body as { prompt: string; raw: boolean; options: { num_ctx: number; stop: string[] } };
    assert.equal(body.raw, true);
    assert.equal(body.prompt, '<|repo_name|>acme/calc\n<|file_sep|>util.py\nX = 1\n<|file_sep|>calc.py\n<|fim_prefix|>def add(a, b):\n    return <|fim_suffix|>\n<|fim_middle|>');
    assert.equal(body.options.num_ctx, 8192);
    assert.ok(body.options.stop.includes('<|file_sep|>'));
    assert.equal(r.done.usage.reported, true);
  });

  it('OpenAI-compatible with the suffix-field template: prompt + suffix on /v1/completions', async () => {
    const { hub } = makeHub(role('completion', server.baseUrl, 'm', 'openai-compatible', { template: 'suffix-field' }));
    await collect(hub.complete({ prefix: 'a = ', suffix: '\nb = 2\n' }));
    const body = server.requests()[0]!.body as { prompt: string; suffix: string; stream: boolean };
    assert.deepEqual([body.prompt, body.suffix, body.stream], ['a = ', '\nb = 2\n', true]);
  });

  it('llama.cpp: /infill with input_extra for repo context', async () => {
    server.replyTo('def add', 'a + b', { route: '/infill' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'llamacpp'));
    const r = await collect(hub.complete(fim));
    assert.equal(r.text, 'a + b');
    const body = server.requests()[0]!.body as { input_prefix: string; input_suffix: string; input_extra: { filename: string; text: string }[] };
    assert.equal(body.input_prefix, fim.prefix);
    assert.deepEqual(body.input_extra, [{ filename: 'util.py', text: 'X = 1\n' }]);
  });

  it('chat-only model (no FIM family): chat prompt with the hole marked, fences stripped', async () => {
    server.replyTo('<|FILL_HERE|>', '```python\na + b\n```', { route: '/v1/chat/completions' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'm'));
    const r = await collect(hub.complete({ prefix: 'return ', suffix: '' }));
    assert.equal(r.text, 'a + b');
  });

  it('Anthropic completion: chat-style prompt through /v1/messages', async () => {
    server.replyTo('<|FILL_HERE|>', 'a + b', { route: '/v1/messages' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'claude-sonnet-4-5', 'anthropic'));
    assert.equal((await collect(hub.complete({ prefix: 'return ', suffix: '' }))).text, 'a + b');
  });
});

describe('chat', () => {
  it('OpenAI-compatible: streamed tool calls with repaired arguments, usage with cached tokens', async () => {
    server.replyTo('weather', {
      toolCalls: [
        { name: 'get_weather', arguments: '{"city": "Paris",}' },
        { name: 'broken', arguments: '{"a": [1, 2' },
      ],
      usage: { promptTokens: 50, completionTokens: 7, cachedTokens: 32 },
    });
    const { hub } = makeHub(role('agent', server.baseUrl, 'm'));
    const tools = [{ name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const r = await collect(hub.chat({ role: 'agent', messages: [{ role: 'user', content: 'weather in Paris?' }], tools }));
    const calls = r.events.flatMap((e) => (e.type === 'toolCall' ? [e.call] : []));
    assert.deepEqual(calls[0]!.arguments, { city: 'Paris' });
    // jsonrepair closes the unterminated array and object: repaired, not a crash.
    assert.deepEqual(calls[1]!.arguments, { a: [1, 2] });
    assert.equal(r.done.finishReason, 'tool_calls');
    assert.deepEqual([r.done.usage.promptTokens, r.done.usage.completionTokens, r.done.usage.cachedTokens], [50, 7, 32]);
    const sent = server.requests()[0]!.body as { tools: { function: { name: string } }[] };
    assert.equal(sent.tools[0]!.function.name, 'get_weather');
  });

  it('Anthropic: cache_control on the static parts, x-api-key, cache hits reported', async () => {
    server.replyTo('question', { text: 'answer', usage: { promptTokens: 100, cachedTokens: 80 } }, { route: '/v1/messages' });
    const { hub } = makeHub(role('chat', server.baseUrl, 'claude-sonnet-4-5', 'anthropic'), { 'banyan.apiKey.chat': 'sk-ant-test-0123456789abcdef' });
    const r = await collect(hub.chat({
      role: 'chat',
      messages: [
        { role: 'system', content: 'rules', cache: true },
        { role: 'user', content: 'repo overview', cache: true },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'question' },
      ],
    }));
    assert.equal(r.text, 'answer');
    assert.equal(r.done.usage.cachedTokens, 80);
    const req = server.requests()[0]!;
    assert.equal(req.headers['x-api-key'], 'sk-ant-test-0123456789abcdef');
    const body = req.body as { system: { cache_control?: unknown }[]; messages: { content: { cache_control?: unknown }[] }[] };
    assert.deepEqual(body.system[0]!.cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.messages[0]!.content[0]!.cache_control, { type: 'ephemeral' });
    assert.equal(body.messages[2]!.content[0]!.cache_control, undefined);
  });

  it('no key stored: no Authorization header is sent at all', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm'));
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(server.requests()[0]!.headers.authorization, undefined);
  });

  it('extra headers from settings reach the server', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { extraHeaders: { 'x-team': 'banyan' } }));
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(server.requests()[0]!.headers['x-team'], 'banyan');
  });
});

describe('embeddings', () => {
  it('vectors in input order with the configured model', async () => {
    const { hub } = makeHub(role('embeddings', server.baseUrl, 'nomic-embed-text', 'ollama'));
    const r = await hub.embed(['getUser', 'parse the config']);
    assert.equal(r.vectors.length, 2);
    assert.equal(r.vectors[0]!.length, 64);
    assert.notDeepEqual(r.vectors[0], r.vectors[1]);
    assert.equal(r.model, 'nomic-embed-text');
  });
});

describe('metrics', () => {
  it('counts requests, errors and tokens per role', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { maxRetries: 0 }));
    server.replyTo('hi', { text: 'yo', usage: { promptTokens: 10, completionTokens: 2 } });
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    server.failNext({ kind: 'serverError' });
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] })).catch(() => undefined);
    const chat = hub.metrics().find((m) => m.role === 'chat')!;
    assert.deepEqual([chat.requests, chat.errors, chat.promptTokens, chat.completionTokens], [2, 1, 10, 2]);
  });
});
