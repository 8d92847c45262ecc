/** What goes back to each API with an assistant turn that reasoned, and how a role asks for no reasoning. */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { toAnthropic } from '@src/core/llm/providers/anthropic';
import { toOllamaMessages } from '@src/core/llm/providers/ollamaNative';
import { noThinkingFields, toOpenAiMessages } from '@src/core/llm/providers/openaiCompatible';
import type { ChatMessage, ToolCall } from '@src/core/llm/types';
import { FakeModelServer } from '../../../../fixtures/fakeModelServer';
import { collect, makeHub, role } from '../helpers/hub';

const call: ToolCall = { id: 'c1', name: 'read_file', arguments: { path: 'a.ts' }, rawArguments: '{"path":"a.ts"}' };
const deepseek: ChatMessage[] = [
  { role: 'user', content: 'earlier question' },
  { role: 'assistant', content: 'earlier answer', reasoning: { text: 'old thoughts', durationMs: 5, echo: { api: 'openai', field: 'reasoning_content', text: 'old thoughts' } } },
  { role: 'user', content: 'read a.ts' },
  { role: 'assistant', content: '', toolCalls: [call], reasoning: { text: 'I should read it', durationMs: 5, echo: { api: 'openai', field: 'reasoning_content', text: 'I should read it' } } },
  { role: 'tool', toolCallId: 'c1', content: 'export {}' },
];

describe('reasoning in the history sent back', () => {
  it('OpenAI-compatible: reasoning_content only on the tool-call turn (DeepSeek needs it there, and used to reject it elsewhere)', () => {
    const out = toOpenAiMessages(deepseek) as unknown as Record<string, unknown>[];
    assert.equal(out[1]!.reasoning_content, undefined);
    assert.equal(out[3]!.reasoning_content, 'I should read it');
    assert.ok(!JSON.stringify(out[1]).includes('old thoughts'));
  });

  it('OpenRouter: reasoning_details go back with the tool-call turn, in the field they came in', () => {
    const m: ChatMessage = { role: 'assistant', content: '', toolCalls: [call], reasoning: { text: 'r', durationMs: 1, echo: { api: 'openai', field: 'reasoning', text: 'r', details: [{ type: 'reasoning.text', text: 'r', signature: 's' }] } } };
    const out = toOpenAiMessages([m])[0] as unknown as Record<string, unknown>;
    assert.equal(out.reasoning, 'r');
    assert.deepEqual(out.reasoning_details, [{ type: 'reasoning.text', text: 'r', signature: 's' }]);
  });

  it('Anthropic: signed thinking blocks go first in the tool-use turn; another API\'s reasoning never goes', () => {
    const blocks = [{ type: 'thinking', thinking: 'plan', signature: 'sig' }];
    const { messages } = toAnthropic([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a', reasoning: { text: 'plan', durationMs: 1, echo: { api: 'anthropic', blocks } } },
      { role: 'user', content: 'read it' },
      { role: 'assistant', content: '', toolCalls: [call], reasoning: { text: 'plan', durationMs: 1, echo: { api: 'anthropic', blocks } } },
      { role: 'tool', toolCallId: 'c1', content: 'x' },
    ]);
    assert.deepEqual(messages[1]!.content, [{ type: 'text', text: 'a' }]);
    assert.deepEqual(messages[3]!.content.map((b) => b.type), ['thinking', 'tool_use']);
    assert.equal(toAnthropic(deepseek).messages.some((m) => m.content.some((b) => b.type === 'thinking')), false);
  });

  it('Ollama: no reasoning goes back; tool results carry the tool name', () => {
    const out = toOllamaMessages(deepseek);
    assert.ok(!JSON.stringify(out).includes('thoughts') && !JSON.stringify(out).includes('I should read it'));
    assert.deepEqual(out[3]!.tool_calls, [{ function: { name: 'read_file', arguments: { path: 'a.ts' } } }]);
    assert.equal(out[4]!.tool_name, 'read_file');
  });
});

describe('asking for no reasoning', () => {
  const server = new FakeModelServer({ models: ['m'] });
  before(() => server.start());
  after(() => server.close());
  afterEach(() => server.reset());

  it('by host: self-hosted servers get the chat template switch, DeepSeek and OpenRouter their own, OpenAI nothing', () => {
    assert.deepEqual(noThinkingFields('http://127.0.0.1:8000'), { chat_template_kwargs: { enable_thinking: false } });
    assert.deepEqual(noThinkingFields('https://api.deepseek.com'), { thinking: { type: 'disabled' } });
    assert.deepEqual(noThinkingFields('https://openrouter.ai/api'), { reasoning: { enabled: false } });
    assert.deepEqual(noThinkingFields('https://api.openai.com'), {});
  });

  it('completions ask Ollama for think: false by default; the role setting "on" leaves it to the model', async () => {
    const { hub } = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'ollama'));
    await collect(hub.complete({ prefix: 'a = ', suffix: '' }));
    assert.equal((server.requests()[0]!.body as { think?: boolean }).think, false);
    const on = makeHub(role('completion', server.baseUrl, 'qwen2.5-coder:1.5b-base', 'ollama', { thinking: 'on' })).hub;
    await collect(on.complete({ prefix: 'a = ', suffix: '' }));
    assert.equal('think' in (server.requests()[1]!.body as object), false);
  });

  it('chat leaves reasoning to the model by default; "off" sends the switch; extraBody is merged last and wins', async () => {
    const { hub } = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible'));
    await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal('chat_template_kwargs' in (server.requests()[0]!.body as object), false);
    const off = makeHub(role('chat', server.baseUrl, 'm', 'openai-compatible', { thinking: 'off', extraBody: { top_k: 20, chat_template_kwargs: { enable_thinking: false, x: 1 } } })).hub;
    await collect(off.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    const body = server.requests()[1]!.body as Record<string, unknown>;
    assert.deepEqual([body.top_k, body.chat_template_kwargs], [20, { enable_thinking: false, x: 1 }]);
  });

  it('a reasoning model asked for none that reasons anyway: its reasoning still never reaches the completion', async () => {
    server.addRule({ reply: { text: 'a + b', thinking: 'hmm', shape: 'think-tags' } });
    const { hub } = makeHub(role('completion', server.baseUrl, 'm', 'openai-compatible', { template: 'chat' }));
    const r = await collect(hub.complete({ prefix: 'return ', suffix: '' }));
    assert.equal(r.text, 'a + b');
    assert.equal(r.done.reasoning?.text.trim(), 'hmm');
  });
});
