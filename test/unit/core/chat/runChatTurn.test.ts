/** One chat turn end to end in the core, against a scripted model and the fixture repository's index. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChatTurnEvent, ChatTurnInput, ChatTurnOutcome } from '@src/core/chat/chatTypes';
import { type ChatEngineDeps, runChatTurn } from '@src/core/chat/runChatTurn';
import { CodeIndex } from '@src/core/index/codeIndex';
import type { ChatRequest } from '@src/core/llm';
import { scriptedModel, toolCall } from './scriptedModel';

const REPO = path.resolve(__dirname, '../../../fixtures/chat/repo');

async function run(input: Partial<ChatTurnInput> & { question: string }, deps: ChatEngineDeps): Promise<{ events: ChatTurnEvent[]; outcome: ChatTurnOutcome }> {
  const events: ChatTurnEvent[] = [];
  const gen = runChatTurn({ history: [], mentions: [], attachments: [], ...input }, deps);
  for (;;) {
    const r = await gen.next();
    if (r.done) return { events, outcome: r.value };
    events.push(r.value);
  }
}

const promptText = (req: ChatRequest) => req.messages.map((m) => m.content).join('\n');

describe('a chat turn', () => {
  let index: CodeIndex;
  before(async () => {
    index = await CodeIndex.open({ roots: [REPO], workers: 0 });
    await index.refresh();
  });
  after(() => index.close());

  it('retrieves the named definition into the prompt, lets the model call a tool, then answers without tools', async () => {
    const model = scriptedModel((_req, n) =>
      n === 1 ? { toolCalls: [toolCall('c1', 'find_definition', { name: 'RateLimiter' })] } : { text: 'It adds tax, see src/billing/invoiceTotals.ts:4-8.' },
    );
    const { events, outcome } = await run({ question: 'How does computeInvoiceTotal handle tax?' }, { models: model, index, roots: [REPO] });

    assert.equal(model.requests.length, 2);
    assert.match(promptText(model.requests[0]!), /export function computeInvoiceTotal\(items/);
    assert.ok(model.requests[0]!.tools?.some((t) => t.name === 'find_definition'));
    const second = model.requests[1]!;
    const tool = second.messages.find((m) => m.role === 'tool');
    assert.ok(tool && tool.role === 'tool' && tool.toolCallId === 'c1' && /export class RateLimiter/.test(tool.content));

    const steps = events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
    assert.equal(steps[0]!.title, 'Searched `computeInvoiceTotal`');
    assert.ok(steps[0]!.resultCount! >= 1);
    const lookup = steps.filter((s) => s.title === 'Looked up `RateLimiter`');
    assert.deepEqual(lookup.map((s) => [s.status, s.resultCount]), [['done', 1]]);
    assert.deepEqual(steps.filter((s) => s.title === 'find_definition').map((s) => s.status), ['running']);

    assert.equal(outcome.text, 'It adds tax, see src/billing/invoiceTotals.ts:4-8.');
    assert.equal(outcome.toolRounds, 1);
    assert.deepEqual(outcome.usage, { promptTokens: 200, completionTokens: 20, cachedTokens: 50 });
    assert.deepEqual(outcome.references.map((r) => r.path), ['src/billing/invoiceTotals.ts']);
  });

  it('tool rounds are bounded: the last request offers no tools, so the model must answer', async () => {
    const model = scriptedModel((req) => (req.tools ? { toolCalls: [toolCall(`c${Math.random()}`, 'search_code', { query: 'cache' })] } : { text: 'done' }));
    const { outcome } = await run({ question: 'Where does LruCache evict?' }, { models: model, index, roots: [REPO], maxToolRounds: 2 });
    assert.equal(model.requests.length, 3);
    assert.equal(model.requests[2]!.tools, undefined);
    assert.equal(outcome.toolRounds, 2);
    assert.equal(outcome.text, 'done');
  });

  it('a tool may not read outside the workspace, and broken arguments are reported to the model', async () => {
    const model = scriptedModel((_req, n) =>
      n === 1
        ? { toolCalls: [toolCall('a', 'read_file', { path: '../../../../package.json' }), { id: 'b', name: 'search_code', arguments: {}, rawArguments: '{query:', argumentsError: 'unexpected end' }] }
        : { text: 'ok' },
    );
    const { events } = await run({ question: 'Read the RateLimiter file' }, { models: model, index, roots: [REPO] });
    const tools = model.requests[1]!.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    assert.match(tools[0]!, /is not an indexed file of the workspace/);
    assert.match(tools[1]!, /not valid JSON/);
    assert.ok(events.some((e) => e.type === 'step' && e.step.status === 'error'));
  });

  it('the prompt prefix (system, repository overview) is identical across turns of a conversation', async () => {
    const model = scriptedModel(() => ({ text: 'answer' }));
    const deps = { models: model, index, roots: [REPO], maxToolRounds: 0 };
    await run({ question: 'What is RateLimiter?' }, deps);
    await run({ question: 'And apply_discount?', history: [{ role: 'user', content: 'What is RateLimiter?' }, { role: 'assistant', content: 'answer' }] }, deps);
    const [a, b] = model.requests;
    assert.deepEqual(b!.messages.slice(0, 3), a!.messages.slice(0, 3));
    assert.equal(b!.messages[3]!.content, 'What is RateLimiter?');
  });

  it('a Chinese question without identifiers asks the model for search terms first (strict JSON)', async () => {
    const model = scriptedModel((req) => (req.json ? { text: '{"identifiers": ["LruCache"], "keywords": ["evict", "cache",]}' } : { text: '见 store/cache.go' }));
    const { events } = await run({ question: '缓存满了以后是怎么淘汰条目的？' }, { models: model, index, roots: [REPO], maxToolRounds: 0 });
    assert.equal(model.requests[0]!.json, true);
    assert.match(promptText(model.requests[1]!), /type LruCache struct/);
    assert.ok(events.some((e) => e.type === 'step' && /^Search terms: LruCache/.test(e.step.title)));
  });

  it('mentions: @file and @symbol are attached, a path outside the workspace is refused', async () => {
    const model = scriptedModel(() => ({ text: 'ok' }));
    const { events } = await run(
      { question: 'compare these', mentions: [{ kind: 'file', value: 'shop/checkout.py' }, { kind: 'symbol', value: 'LruCache' }, { kind: 'file', value: '/etc/passwd' }] },
      { models: model, index, roots: [REPO], maxToolRounds: 0 },
    );
    const prompt = promptText(model.requests[0]!);
    assert.match(prompt, /shop\/checkout\.py:1-\d+\n```\nfrom shop\.pricing import apply_discount/);
    assert.match(prompt, /store\/cache\.go:\d+-\d+ \(LruCache\)/);
    assert.ok(!prompt.includes('root:'));
    assert.ok(events.some((e) => e.type === 'step' && e.step.status === 'error' && e.step.title.includes('/etc/passwd')));
  });

  it('a model failure mid-answer propagates after the partial text streamed', async () => {
    const model = scriptedModel(() => ({ text: 'partial answer ', fail: new Error('dropped') }));
    const events: ChatTurnEvent[] = [];
    await assert.rejects(async () => {
      for await (const e of runChatTurn({ history: [], mentions: [], attachments: [], question: 'x RateLimiter' }, { models: model, index, roots: [REPO] })) events.push(e);
    }, /dropped/);
    assert.equal(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join(''), 'partial answer ');
  });
});
