/**
 * The `embedded` provider through the ModelHub with a scripted host transport: what each role sends
 * to the model host (FIM pieces with the family template and chat prompt as fallbacks, chat messages,
 * embeddings), how host events come back (usage, finish, errors with their fix), a chat-mode FIM
 * answer cleaned like any chat completion, and the endpoint's window taken from the host's context.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ModelError } from '@src/core/llm/errors';
import type { HostCall, HostEvent } from '@src/core/llm/embedded/hostProtocol';
import type { ModelHostTransport } from '@src/core/llm/embedded/modelHostTransport';
import { ModelHub } from '@src/core/llm/modelClient';
import { networkSettings } from '@src/core/llm/network/proxy';
import type { StreamEvent } from '@src/core/llm/types';
import { configFrom } from '../helpers/hub';

type HostEventBody = HostEvent extends infer E ? (E extends unknown ? Omit<E, 'id'> : never) : never;
type Script = (call: HostCall) => HostEventBody[];

function hubWith(script: Script, model = '/models/qwen2.5-coder-1.5b-q8_0.gguf', extra: Record<string, unknown> = {}) {
  const calls: HostCall[] = [];
  const host: ModelHostTransport = {
    async *call(request) {
      calls.push(request);
      for (const ev of script(request)) yield { ...ev, id: 1 } as HostEvent;
    },
    resolveModel: (m) => ({ path: m, label: m.split('/').pop()! }),
    localModels: () => ['qwen2.5-coder-1.5b-base-q8_0'],
  };
  const hub = new ModelHub({ modelHost: host });
  const roles = Object.fromEntries(['completion', 'chat', 'edit', 'agent', 'embeddings'].flatMap((r) => [[`models.${r}.provider`, 'embedded'], [`models.${r}.model`, model]]));
  hub.configure(configFrom({ ...roles, 'models.embedded.contextSize': 4096, ...extra }), networkSettings({}, []));
  return { hub, calls };
}

async function collect(gen: AsyncGenerator<StreamEvent>) {
  const events: StreamEvent[] = [];
  for await (const ev of gen) events.push(ev);
  return { events, text: events.map((e) => (e.type === 'text' ? e.text : '')).join('') };
}

const done = (finish: 'stop' | 'length' = 'stop'): HostEventBody => ({ type: 'done', finish, usage: { promptTokens: 30, completionTokens: 3, cachedTokens: 20 } });

describe('provider embedded', () => {
  it('FIM: prefix (other files as comments) and suffix for the FIM tokens, the family template as fallback; usage with the cached tokens', async () => {
    const { hub, calls } = hubWith(() => [{ type: 'prompt', fimMode: 'tokens', promptTokens: 30, cachedTokens: 20 }, { type: 'text', text: 'a + ' }, { type: 'text', text: 'b' }, done()]);
    const { events, text } = await collect(hub.complete({ prefix: 'def add(a, b):\n    return ', suffix: '\n', filePath: 'm.py', languageId: 'python', snippets: [{ path: 'u.py', content: 'X = 1' }], stop: ['\n\n'], temperature: 0, maxTokens: 16 }));
    assert.equal(text, 'a + b');
    const call = calls[0]!;
    assert.equal(call.op, 'fim');
    if (call.op !== 'fim') return;
    assert.equal(call.infill!.prefix, '# Path: u.py\n# X = 1\n\n# Path: m.py\ndef add(a, b):\n    return ');
    assert.equal(call.infill!.suffix, '\n');
    assert.match(call.template!.prompt, /^<\|repo_name\|>|<\|fim_prefix\|>/);
    assert.ok(call.template!.stop.includes('<|endoftext|>'));
    assert.deepEqual(call.stop, ['\n\n']);
    assert.equal(call.maxTokens, 16);
    assert.equal(call.model.path, '/models/qwen2.5-coder-1.5b-q8_0.gguf');
    const last = events.at(-1)!;
    assert.ok(last.type === 'done' && last.usage.cachedTokens === 20 && last.usage.reported && last.endpoint === 'embedded');
  });

  it('FIM for a model of unknown family: the chat prompt as fallback; a chat-mode answer is cleaned of fences', async () => {
    const { hub, calls } = hubWith(() => [{ type: 'prompt', fimMode: 'chat', promptTokens: 0, cachedTokens: 0 }, { type: 'text', text: '```python\na + b' }, { type: 'text', text: '\n```' }, done()], '/models/mystery.gguf');
    const { text } = await collect(hub.complete({ prefix: 'return ', suffix: '\n' }));
    assert.equal(text, 'a + b');
    const call = calls[0]!;
    assert.ok(call.op === 'fim' && call.chat && !call.template);
  });

  it('an explicit template is sent as the prompt, not the FIM tokens', async () => {
    const { hub, calls } = hubWith(() => [{ type: 'text', text: 'x' }, done()], '/models/mystery.gguf', { 'models.completion.template': 'starcoder' });
    await collect(hub.complete({ prefix: 'a', suffix: 'b' }));
    const call = calls[0]!;
    assert.ok(call.op === 'fim' && !call.infill && call.template?.prompt === '<fim_prefix>a<fim_suffix>b<fim_middle>');
  });

  it('chat: the messages, tools and budget go to the host; a tool call comes back parsed', async () => {
    const { hub, calls } = hubWith(() => [{ type: 'toolCall', callId: 'c1', name: 'read_file', rawArguments: '{"path":"a.ts"}' }, done()]);
    const tools = [{ name: 'read_file', description: 'Reads', parameters: { type: 'object' } }];
    const { events } = await collect(hub.chat({ role: 'agent', messages: [{ role: 'user', content: 'hi' }], tools, maxTokens: 100 }));
    const call = calls[0]!;
    assert.ok(call.op === 'chat' && call.maxTokens === 100 && call.tools?.length === 1 && call.messages[0]!.content === 'hi' && !call.json);
    const tc = events.find((e) => e.type === 'toolCall');
    assert.ok(tc?.type === 'toolCall' && tc.call.arguments.path === 'a.ts');
  });

  it('a JSON request asks the host for JSON', async () => {
    const { hub, calls } = hubWith(() => [{ type: 'text', text: '{}' }, done()]);
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'terms' }], json: true }));
    assert.ok(calls[0]!.op === 'chat' && calls[0]!.json === true);
  });

  it('the window is the host\'s context size: a chat that does not fit is refused before it reaches the host', async () => {
    const { hub, calls } = hubWith(() => [done()], '/m.gguf', { 'models.embedded.contextSize': 512 });
    assert.equal(hub.contextWindow('chat'), 512);
    const err = await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'word '.repeat(2000) }] })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ModelError && err.kind === 'contextWindow');
    assert.equal(calls.length, 0);
  });

  it('a host error becomes the ModelError it describes, with its fix', async () => {
    const { hub } = hubWith(() => [{ type: 'error', kind: 'config', message: 'the model file /m.gguf could not be loaded: bad magic', fix: 'download it again' }]);
    const err = await collect(hub.complete({ prefix: 'a', suffix: '' })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ModelError);
    assert.equal(err.describe(), 'the model file /m.gguf could not be loaded: bad magic. download it again');
  });

  it('embeddings and the model list', async () => {
    const { hub } = hubWith(() => [{ type: 'result', value: { vectors: [[0.1, 0.2]], promptTokens: 2 } }]);
    const r = await hub.embed(['hello']);
    assert.deepEqual(r.vectors, [[0.1, 0.2]]);
    assert.equal(r.usage.promptTokens, 2);
    assert.deepEqual(await hub.listModels(hub.endpoints('chat')[0]!), ['/models/qwen2.5-coder-1.5b-q8_0.gguf', 'qwen2.5-coder-1.5b-base-q8_0']);
  });

  it('without a model host in the process: a config error that names the way out', async () => {
    const hub = new ModelHub();
    hub.configure(configFrom({ 'models.completion.provider': 'embedded', 'models.completion.model': '/m.gguf' }), networkSettings({}, []));
    const err = await collect(hub.complete({ prefix: 'a', suffix: '' })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ModelError && err.kind === 'config');
    assert.match(err.describe(), /built-in model is not available in this process/);
  });
});
