/**
 * Chat through the real server over stdio against the fake model server: a turn with a tool-call
 * round then an answer (streamed progress, references), cancel closes the model request, a model
 * failure mid-stream ends with an error that keeps the partial text, and the @ mention search.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import {
  ChatCancelNotification,
  ChatProgressNotification,
  type ChatProgressParams,
  type ChatTurnParams,
  ChatTurnRequest,
  MentionSearchRequest,
} from '@src/protocol/lsp';
import { LspSession, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'chat', 'repo');
const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');

describe('chat through the language server', () => {
  const fake = new FakeModelServer({ models: ['chat-model'] });
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-chat-it-'));
  const ws = path.join(tmp, 'ws');
  let session: LspSession;
  let turnNo = 0;

  const turn = (question: string, extra: Partial<ChatTurnParams> = {}): ChatTurnParams => ({ turnId: `t${++turnNo}`, history: [], question, mentions: [], attachments: [], ...extra });
  const progress = (turnId: string) => session.notifications.filter((n) => n.method === ChatProgressNotification.method && (n.params as ChatProgressParams).turnId === turnId).map((n) => (n.params as ChatProgressParams).event);
  const streamedText = (turnId: string) => progress(turnId).map((e) => (e.type === 'text' ? e.text : '')).join('');

  before(async () => {
    cpSync(FIXTURE, ws, { recursive: true });
    await fake.start();
    session = new LspSession({
      workspace: ws,
      initializationOptions: {
        storageDir: path.join(tmp, 'storage'),
        grammarsDir: GRAMMARS,
        settings: { models: { chat: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'chat-model', maxRetries: 0 }, embeddings: { model: '' } } },
      },
    });
    await session.initialize();
    await session.indexIdle();
  });
  beforeEach(() => fake.reset());
  after(async () => {
    await session.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('runs a tool-call round, then streams the answer with steps, usage and references', async () => {
    // The first request must already hold the retrieved definition; the second the tool's result.
    fake.addRule({ route: '/v1/chat/completions', prompt: /export function computeInvoiceTotal\(items[\s\S]*How does computeInvoiceTotal/, times: 1, reply: { toolCalls: [{ name: 'find_definition', arguments: { name: 'LineItem' } }] } });
    fake.addRule({ route: '/v1/chat/completions', prompt: /export interface LineItem \{/, reply: { text: 'It multiplies unitPrice by quantity and adds tax: src/billing/invoiceTotals.ts:4-8.' } });
    const p = turn('How does computeInvoiceTotal handle tax?');
    const result = await session.request(ChatTurnRequest, p);

    assert.equal(result.status, 'done', result.error);
    assert.equal(result.text, 'It multiplies unitPrice by quantity and adds tax: src/billing/invoiceTotals.ts:4-8.');
    assert.equal(streamedText(p.turnId), result.text);
    const steps = progress(p.turnId).flatMap((e) => (e.type === 'step' ? [e.step] : []));
    assert.ok(steps.some((s) => s.title === 'Searched `computeInvoiceTotal`' && s.resultCount! > 0), JSON.stringify(steps));
    assert.ok(steps.some((s) => s.title === 'Looked up `LineItem`' && s.resultCount === 1 && s.status === 'done'), JSON.stringify(steps));
    assert.ok(progress(p.turnId).some((e) => e.type === 'usage'));
    assert.deepEqual(result.references.map((r) => r.path), ['src/billing/invoiceTotals.ts']);

    const requests = fake.requests({ path: '/v1/chat/completions' });
    assert.equal(requests.length, 2);
    const second = requests[1]!.body as { messages: { role: string; tool_call_id?: string }[]; tools?: unknown[] };
    assert.ok(second.messages.some((m) => m.role === 'tool'));
  });

  it('a reasoning model: its reasoning streams as thinking events, then "thought", interleaved with a tool round; the answer and the history hold none of it', async () => {
    fake.addRule({ route: '/v1/chat/completions', times: 1, prompt: 'Where is LineItem defined', reply: { thinking: 'Let me look LineItem up.', toolCalls: [{ name: 'find_definition', arguments: { name: 'LineItem' } }], shape: 'deepseek-reasoner' } });
    fake.addRule({ route: '/v1/chat/completions', prompt: 'Where is LineItem defined', reply: { thinking: 'Found it.', text: 'In src/billing/lineItem.ts.', shape: 'think-tags-split' } });
    const p = turn('Where is LineItem defined?');
    const result = await session.request(ChatTurnRequest, p);
    assert.equal(result.status, 'done', result.error);
    assert.equal(result.text, 'In src/billing/lineItem.ts.');
    const events = progress(p.turnId);
    const thinking = events.map((e) => (e.type === 'thinking' ? e.text : '')).join('');
    assert.equal(thinking.replace(/\s+/g, ' ').trim(), 'Let me look LineItem up. Found it.');
    assert.ok(events.filter((e) => e.type === 'thought').length >= 2, 'a thought after each round of reasoning');
    assert.equal(streamedText(p.turnId), result.text);
    // The tool-call turn went back with its reasoning_content (DeepSeek requires it), and only that turn.
    const second = fake.requests({ path: '/v1/chat/completions' })[1]!.body as { messages: { role: string; reasoning_content?: string; tool_calls?: unknown[] }[] };
    const assistant = second.messages.filter((m) => m.role === 'assistant');
    assert.deepEqual(assistant.filter((m) => m.tool_calls).map((m) => m.reasoning_content), ['Let me look LineItem up.']);
    assert.ok(assistant.filter((m) => !m.tool_calls).every((m) => m.reasoning_content === undefined));
  });

  it('cancel closes the model request and ends the turn as stopped', async () => {
    fake.addRule({ route: '/v1/chat/completions', prompt: 'please hang', fault: { kind: 'hang' } });
    const p = turn('please hang on RateLimiter');
    const pending = session.request(ChatTurnRequest, p);
    await fake.waitForRequest({ path: '/v1/chat/completions' }, 10_000);
    await session.notify(ChatCancelNotification, { turnId: p.turnId });
    const result = await pending;
    assert.equal(result.status, 'stopped');
    await fake.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(fake.requests({ path: '/v1/chat/completions' })[0]!.state, 'aborted');
  });

  it('a model failure mid-stream ends with an error that keeps the partial answer', async () => {
    fake.addRule({ route: '/v1/chat/completions', prompt: 'break midway', reply: { chunks: ['The limiter ', 'keeps a window ', 'per client', ' and more'] }, fault: { kind: 'dropMidStream', afterChunks: 2 } });
    const p = turn('break midway: explain RateLimiter');
    const result = await session.request(ChatTurnRequest, p);
    assert.equal(result.status, 'error');
    assert.equal(result.text, 'The limiter keeps a window ');
    assert.equal(streamedText(p.turnId), 'The limiter keeps a window ');
    assert.ok(result.error && result.error.length > 10, result.error);
  });

  it('answers @file (fuzzy over indexed paths) and @symbol mention searches', async () => {
    const files = await session.request(MentionSearchRequest, { kind: 'file', query: 'invtot' });
    assert.equal(files[0]?.value, 'src/billing/invoiceTotals.ts');
    const symbols = await session.request(MentionSearchRequest, { kind: 'symbol', query: 'RateLim' });
    assert.equal(symbols[0]?.label, 'RateLimiter');
    assert.match(symbols[0]!.detail ?? '', /src\/util\/rateLimiter\.ts:2/);
  });

  it('an @file mention puts the file into the prompt', async () => {
    fake.addRule({ route: '/v1/chat/completions', prompt: /shop\/checkout\.py:1-\d+\n```\nfrom shop\.pricing import apply_discount/, reply: { text: 'checkout sums discounted prices' } });
    const result = await session.request(ChatTurnRequest, turn('what does this do?', { mentions: [{ kind: 'file', value: 'shop/checkout.py' }] }));
    assert.equal(result.text, 'checkout sums discounted prices');
  });
});
