/**
 * The insights log through the built server over LSP: suggestions shown, accepted and dismissed come
 * back as exact counts, with the completion model's tokens; an event the editor records; a second
 * server (another window) on the same global storage; a restart keeps everything; export and clear.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CompletionAcceptedNotification,
  InsightsClearRequest,
  InsightsExportRequest,
  InsightsQueryRequest,
  InsightsRecordNotification,
  type InsightsQueryResult,
} from '@src/protocol/lsp';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { LspSession, REPO_ROOT } from './helpers/lspSession';
import { until } from './helpers/until';

const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');
const MAIN = 'export function total(items: number[]): number {\n  let sum = 0;\n  \n  return sum;\n}\n';
const query = { range: 'today' as const, timezoneOffsetMin: new Date().getTimezoneOffset() };

describe('insights through the language server', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-insights-it-'));
  const ws = path.join(tmp, 'ws');
  const globalStorageDir = path.join(tmp, 'global');
  const file = path.join(ws, 'src', 'total.ts');
  const uri = pathToFileURL(file).toString();
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base'] });
  let session: LspSession;
  let version = 1;
  const start = async (storage: string) => {
    const s = new LspSession({
      workspace: ws,
      initializationOptions: {
        storageDir: path.join(tmp, storage), globalStorageDir, grammarsDir: GRAMMARS,
        settings: { models: { completion: { provider: 'ollama', baseUrl: fake.baseUrl, model: 'qwen2.5-coder:1.5b-base' } } },
      },
    });
    await s.initialize();
    await s.indexIdle(1);
    return s;
  };
  const complete = (character: number) =>
    session.connection.sendRequest('textDocument/inlineCompletion', { textDocument: { uri }, position: { line: 2, character }, context: { triggerKind: 1 } }) as Promise<{ insertText: string; command?: { arguments: string[] } }[] | null>;
  const type = (text: string, character: number) =>
    session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 2, character }, end: { line: 2, character } }, text }] });
  const report = async (s = session) => {
    const r: InsightsQueryResult = await s.request(InsightsQueryRequest, query);
    assert.ok(r.enabled && r.report, r.message);
    return r.report;
  };

  before(async () => {
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    writeFileSync(file, MAIN);
    await fake.start();
    fake.configure({ defaultReply: { text: '', usage: { promptTokens: 7, completionTokens: 0 } } });
    fake.addRule({ route: '/api/generate', prompt: /sum = 0;\n  <\|fim_suffix\|>/, reply: { text: 'for (const x of items) sum += x;', usage: { promptTokens: 321, completionTokens: 9 } } });
    fake.addRule({ route: '/api/generate', prompt: /let y<\|fim_suffix\|>/, reply: { text: ' = sum * 2;', usage: { promptTokens: 300, completionTokens: 5 } } });
    session = await start('storage-a');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text: MAIN } });
  });
  after(async () => {
    await session.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('counts a suggestion accepted and one dismissed, with language, model and the completion tokens', async () => {
    const first = await complete(2);
    assert.equal(first?.[0]?.insertText, 'for (const x of items) sum += x;');
    await session.notify(CompletionAcceptedNotification, { id: first![0]!.command!.arguments[0]!, kind: 'full' });
    // The user types something else instead: the next request finds the shown one dismissed.
    await type('let y', 2);
    const second = await complete(7);
    assert.equal(second?.[0]?.insertText, ' = sum * 2;');
    await type('!', 7);
    await complete(8);

    const r = await until('the dismissal in the log', async () => {
      const rep = await report();
      return rep.completion.totals.dismissed === 1 ? rep : undefined;
    });
    assert.deepEqual(
      { shown: r.completion.totals.shown, accepted: r.completion.totals.accepted, partial: r.completion.totals.partial, dismissed: r.completion.totals.dismissed },
      { shown: 2, accepted: 1, partial: 0, dismissed: 1 },
    );
    assert.deepEqual(r.languages, ['typescript']);
    assert.deepEqual(r.models, ['qwen2.5-coder:1.5b-base']);
    assert.equal(r.completion.byLanguage[0]!.acceptRate, 0.5);
    const today = r.tokens.completion!.at(-1)!;
    assert.deepEqual([today.prompt, today.completion], [321 + 300 + 7, 9 + 5], 'every request of the role, the empty answer too');
    assert.ok(r.completion.latency.firstToken.reduce((a, b) => a + b, 0) === 2, 'both suggestions have a first-token time');
  });

  it('records what only the editor sees, and refuses kinds the editor does not own', async () => {
    await session.notify(InsightsRecordNotification, { events: [{ v: 1, t: Date.now(), k: 'rewrite.accepted', hunks: 2 }, { v: 1, t: Date.now(), k: 'completion.accepted', id: 'forged', lang: 'x', model: 'y' }, { junk: true } as never] });
    const r = await until('the rewrite in the log', async () => {
      const rep = await report();
      return rep.activity.at(-1)!.rewritesAccepted === 1 ? rep : undefined;
    });
    assert.equal(r.completion.totals.accepted, 1, 'a forged completion event was dropped');
  });

  it('a second window writes into the same log; a restart keeps everything', async () => {
    const other = await start('storage-b');
    try {
      await other.notify(InsightsRecordNotification, { events: [{ v: 1, t: Date.now(), k: 'rewrite.rejected' }] });
      await until('the other window\'s event', async () => ((await report()).activity.at(-1)!.rewritesRejected === 1 ? true : undefined));
    } finally {
      await other.close();
    }
    await session.close();
    session = await start('storage-a');
    const r = await report();
    assert.equal(r.completion.totals.shown, 2);
    assert.equal(r.activity.at(-1)!.rewritesRejected, 1);
  });

  it('exports the range as CSV and JSON, then Clear empties it for every window', async () => {
    const csv = path.join(tmp, 'out', 'insights.csv');
    const json = path.join(tmp, 'out', 'insights.json');
    const a = await session.request(InsightsExportRequest, { ...query, format: 'csv', path: csv });
    const b = await session.request(InsightsExportRequest, { ...query, format: 'json', path: json });
    assert.equal(a.events, b.events);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines.length, a.events + 1);
    assert.match(lines[0]!, /^time,kind,/);
    const events = JSON.parse(readFileSync(json, 'utf8')) as { k: string }[];
    assert.equal(events.filter((e) => e.k === 'completion.shown').length, 2);
    await session.request(InsightsClearRequest, undefined);
    const r = await report();
    assert.equal(r.eventCount, 0);
    assert.ok(existsSync(path.join(globalStorageDir, 'insights', 'cleared.json')));
  });
});
