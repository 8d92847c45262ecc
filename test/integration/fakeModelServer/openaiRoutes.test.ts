import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { DEFAULT_REPLY, FakeModelServer } from '../../fixtures/fakeModelServer';

describe('fake model server: OpenAI routes through the openai SDK', () => {
  const server = new FakeModelServer({ models: ['coder-small', 'chat-large'] });
  let client: OpenAI;
  before(async () => {
    await server.start();
    client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-test-secret', maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('lists the configured models', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((m) => m.id),
      ['coder-small', 'chat-large'],
    );
  });

  it('answers a plain completion matched on prompt + suffix, with usage', async () => {
    server.replyTo(/def add\(.*return/s, 'a + b');
    const res = await client.completions.create({ model: 'coder-small', prompt: 'def add(a, b):\n    ', suffix: '\n    return result' });
    assert.equal(res.choices[0]!.text, 'a + b');
    assert.equal(res.choices[0]!.finish_reason, 'stop');
    assert.ok(res.usage && res.usage.prompt_tokens > 0 && res.usage.completion_tokens === 3);
    const [req] = server.requests({ path: '/v1/completions' });
    assert.equal((req!.body as { suffix: string }).suffix, '\n    return result');
  });

  it('streams a completion as SSE pieces and honours stop and max_tokens', async () => {
    server.replyTo('stream me', { chunks: ['one', ' two', '\n', 'three', ' four'] });
    const pieces: string[] = [];
    let finish: string | null = null;
    for await (const chunk of await client.completions.create({ model: 'm', prompt: 'stream me', stream: true, stop: ['\n'] })) {
      if (chunk.choices[0]?.text) pieces.push(chunk.choices[0].text);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.deepEqual(pieces, ['one', ' two']);
    assert.equal(finish, 'stop');

    const limited = await client.completions.create({ model: 'm', prompt: 'stream me', max_tokens: 2 });
    assert.equal(limited.choices[0]!.text, 'one two');
    assert.equal(limited.choices[0]!.finish_reason, 'length');
  });

  it('streams chat text, and reports usage with cached tokens when include_usage is asked', async () => {
    server.addRule({ route: '/v1/chat/completions', prompt: 'hello', reply: { text: 'Hi there, friend.', usage: { promptTokens: 120, cachedTokens: 100 } } });
    const stream = await client.chat.completions.create({
      model: 'chat-large',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    let deltas = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) {
        text += chunk.choices[0].delta.content;
        deltas++;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'Hi there, friend.');
    assert.equal(deltas, 3);
    assert.equal(usage?.prompt_tokens, 120);
    assert.equal(usage?.prompt_tokens_details?.cached_tokens, 100);
    assert.equal(server.requests()[0]!.rule, '#0');
  });

  it('sends no usage chunk when include_usage is not asked', async () => {
    let sawUsage = false;
    for await (const chunk of await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })) {
      if (chunk.usage) sawUsage = true;
    }
    assert.equal(sawUsage, false);
  });

  it('streams tool calls with arguments split across deltas, as OpenAI does', async () => {
    server.addRule({
      prompt: 'read the file',
      reply: {
        toolCalls: [
          { name: 'read_file', arguments: { path: 'src/a.ts' }, argumentChunks: ['{"pa', 'th": "src', '/a.ts"}'] },
          { id: 'call_custom', name: 'search', arguments: '{"query":"needle"}' },
        ],
      },
    });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'please read the file' }], stream: true });
    const calls: { id?: string; name?: string; args: string; argDeltas: number }[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) {
        const call = (calls[d.index] ??= { args: '', argDeltas: 0 });
        if (d.id) call.id = d.id;
        if (d.function?.name) call.name = d.function.name;
        if (d.function?.arguments) {
          call.args += d.function.arguments;
          call.argDeltas++;
        }
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.deepEqual(
      calls.map((c) => [c.id, c.name, JSON.parse(c.args)]),
      [
        ['call_fake1', 'read_file', { path: 'src/a.ts' }],
        ['call_custom', 'search', { query: 'needle' }],
      ],
    );
    assert.equal(calls[0]!.argDeltas, 3);
    assert.ok(calls[1]!.argDeltas > 1, 'default split cuts long arguments into several deltas');
  });

  it('returns tool calls in a plain chat answer with content null', async () => {
    server.addRule({ reply: { toolCalls: [{ name: 'list_dir', arguments: {} }] } });
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ls' }] });
    const message = res.choices[0]!.message;
    assert.equal(message.content, null);
    assert.equal(message.tool_calls?.[0]?.type === 'function' && message.tool_calls[0].function.name, 'list_dir');
    assert.equal(res.choices[0]!.finish_reason, 'tool_calls');
  });

  it('matches rules in order by route, model, prompt, predicate and times, then falls back to the default reply', async () => {
    server.addRule({ name: 'once', model: 'coder-small', times: 1, reply: { text: 'first' } });
    server.addRule({ name: 'regex', model: /^chat-/, prompt: /weather/i, reply: { text: 'sunny' } });
    server.addRule({ name: 'predicate', when: (r) => r.headers['x-trace'] === 'yes', reply: (r) => ({ text: `echo ${r.model}` }) });
    server.addRule({ name: 'other route', route: '/v1/completions', reply: { text: 'completion only' } });
    const ask = async (model: string, content: string, headers: Record<string, string> = {}) =>
      (await client.chat.completions.create({ model, messages: [{ role: 'user', content }] }, { headers })).choices[0]!.message.content;

    assert.equal(await ask('coder-small', 'anything'), 'first');
    assert.equal(await ask('coder-small', 'anything'), DEFAULT_REPLY.text);
    assert.equal(await ask('chat-large', 'What WEATHER?'), 'sunny');
    assert.equal(await ask('gpt', 'What weather?'), DEFAULT_REPLY.text);
    assert.equal(await ask('gpt', 'x', { 'x-trace': 'yes' }), 'echo gpt');
    assert.deepEqual(
      server.requests().map((r) => r.rule),
      ['once', undefined, 'regex', undefined, 'predicate'],
    );
  });

  it('uses a configured default reply', async () => {
    server.configure({ defaultReply: { text: 'configured default' } });
    const res = await client.completions.create({ model: 'm', prompt: 'p' });
    assert.equal(res.choices[0]!.text, 'configured default');
  });

  it('returns deterministic, normalized embeddings as floats and as the SDK default base64', async () => {
    const floats = await client.embeddings.create({ model: 'embed', input: ['parseConfig reads the config file', 'parse config', 'render the chat view'], encoding_format: 'float' });
    const viaBase64 = await client.embeddings.create({ model: 'embed', input: 'parseConfig reads the config file' });
    const [a, b, c] = floats.data.map((d) => d.embedding);
    assert.equal(a!.length, 64);
    assert.ok(Math.abs(Math.hypot(...a!) - 1) < 1e-9);
    viaBase64.data[0]!.embedding.forEach((v, i) => assert.ok(Math.abs(v - a![i]!) < 1e-6));
    const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    assert.ok(cos(a!, b!) > cos(a!, c!), 'texts sharing words are closer');

    const small = await client.embeddings.create({ model: 'embed', input: 'x', dimensions: 8, encoding_format: 'float' });
    assert.equal(small.data[0]!.embedding.length, 8);
  });
});
