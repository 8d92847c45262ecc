/**
 * Select-and-rewrite through the built server over LSP, against the fake model server: start →
 * progress → result; a document edited mid-stream stops the rewrite with a message; a second rewrite
 * of the same range replaces the first; two files at once; retry with feedback; and `banyan rewrite`
 * from the built CLI (dry run, --write, refusal).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type RewriteDoneParams,
  RewriteDoneNotification,
  type RewriteProgressParams,
  RewriteProgressNotification,
  RewriteStartRequest,
  type ServerStatus,
  StatusChangedNotification,
} from '@src/protocol/lsp';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { CLI_JS, LspSession } from './helpers/lspSession';

const FORMAT_TS = ['export function format(n: number): string {', '  const s = String(n);', '  return s;', '}', ''].join('\n');
const OTHER_TS = ['export function twice(n: number): number {', '  return n + n;', '}', ''].join('\n');
/** Many small pieces, each after a pause: the stream is still running while the test acts. */
const slowly = (text: string) => ({ chunks: text.split(/(?<=\n)/).flatMap((l) => [l.slice(0, 3), l.slice(3)]).filter(Boolean), chunkDelayMs: 150 });

describe('rewrite over LSP', () => {
  const fake = new FakeModelServer({ models: ['fake-edit'] });
  const ws = mkdtempSync(path.join(tmpdir(), 'banyan-rewrite-'));
  const formatUri = pathToFileURL(path.join(ws, 'format.ts')).toString();
  const otherUri = pathToFileURL(path.join(ws, 'other.ts')).toString();
  let session: LspSession;
  const versions = new Map<string, number>();

  const open = async (uri: string, text: string) => {
    versions.set(uri, 1);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  };
  const change = async (uri: string, text: string) => {
    const version = versions.get(uri)! + 1;
    versions.set(uri, version);
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  };
  const done = (id: number) => session.waitForNotification(RewriteDoneNotification, (p: RewriteDoneParams) => p.rewriteId === id, 20_000);
  const progress = (id: number) => session.waitForNotification(RewriteProgressNotification, (p: RewriteProgressParams) => p.rewriteId === id && p.text.length > 0, 20_000);
  const lines = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

  before(async () => {
    await fake.start();
    writeFileSync(path.join(ws, 'format.ts'), FORMAT_TS);
    writeFileSync(path.join(ws, 'other.ts'), OTHER_TS);
    session = new LspSession({
      workspace: ws,
      initializationOptions: { settings: { index: { enabled: false }, models: { edit: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'fake-edit' } } } },
    });
    await session.initialize();
    await session.waitForNotification(StatusChangedNotification, (s: ServerStatus) => s.state === 'ready' || s.state === 'indexing');
  });
  after(async () => {
    await session.close();
    await fake.close();
  });
  afterEach(async () => {
    fake.reset();
    await change(formatUri, FORMAT_TS).catch(() => undefined);
  });

  it('streams progress and ends with the edit of the selection; the prompt holds the instruction, the enclosing function and the conventions', async () => {
    await open(formatUri, FORMAT_TS);
    await open(otherUri, OTHER_TS);
    fake.addRule({ prompt: 'use toFixed', reply: { text: 'Here it is:\n```ts\nconst s = n.toFixed(2);\n```\n', chunkDelayMs: 5 } });
    const { rewriteId } = await session.request(RewriteStartRequest, { uri: formatUri, version: versions.get(formatUri)!, range: lines(1, 2, 1, 22), instruction: 'use toFixed' });
    await progress(rewriteId);
    const d = await done(rewriteId);
    const shown = session.notifications.filter((n) => n.method === RewriteProgressNotification.method && (n.params as RewriteProgressParams).rewriteId === rewriteId).map((n) => n.params as RewriteProgressParams);
    assert.ok(shown.length >= 3, JSON.stringify(shown));
    assert.deepEqual(shown.at(-1), { rewriteId, uri: formatUri, text: 'const s = n.toFixed(2);', complete: true });
    assert.equal(d.stopped, undefined, d.message);
    assert.ok(d.result?.ok, JSON.stringify(d.result));
    assert.equal(d.result.newText, FORMAT_TS.replace('String(n)', 'n.toFixed(2)'));
    assert.match(d.answer!, /toFixed/);
    const prompt = JSON.stringify(fake.requests({ path: '/v1/chat/completions' })[0]!.body);
    assert.match(prompt, /export function format\(n: number\): string/);
    assert.match(prompt, /indent with 2 spaces, LF line endings, language typescript/);
    assert.match(prompt, /File: format\.ts/);
  });

  it('a document edited while the rewrite streams stops it with a message', async () => {
    fake.addRule({ prompt: 'make it slow', reply: slowly('```ts\nconst s = `${n}`;\nconst t = 1;\nconst u = 2;\n```\n') });
    const { rewriteId } = await session.request(RewriteStartRequest, { uri: formatUri, version: versions.get(formatUri)!, range: lines(1, 2, 1, 22), instruction: 'make it slow' });
    await progress(rewriteId);
    await change(formatUri, FORMAT_TS.replace('return s;', 'return s + "";'));
    const d = await done(rewriteId);
    assert.equal(d.stopped, 'document-changed');
    assert.equal(d.result, undefined);
    assert.match(d.message!, /document was edited while the rewrite was running.*Run it again/);
    await fake.waitForAbort({ path: '/v1/chat/completions' });
  });

  it('a second rewrite of the same range cancels the first; a rewrite of another file runs beside it', async () => {
    fake.addRule({ prompt: 'first try', reply: slowly('```ts\nconst s = "first";\nconst a = 1;\nconst b = 2;\n```\n') });
    fake.addRule({ prompt: 'second try', reply: { text: '```ts\nconst s = "second";\n```' } });
    fake.addRule({ prompt: 'other file', reply: { ...slowly('```ts\nreturn 2 * n;\n```'), chunkDelayMs: 20 } });
    const v = versions.get(formatUri)!;
    const first = await session.request(RewriteStartRequest, { uri: formatUri, version: v, range: lines(1, 2, 1, 22), instruction: 'first try' });
    const other = await session.request(RewriteStartRequest, { uri: otherUri, version: versions.get(otherUri)!, range: lines(1, 2, 1, 15), instruction: 'other file' });
    await progress(first.rewriteId);
    const second = await session.request(RewriteStartRequest, { uri: formatUri, version: v, range: lines(1, 0, 2, 11), instruction: 'second try' });
    const [d1, d2, d3] = await Promise.all([done(first.rewriteId), done(second.rewriteId), done(other.rewriteId)]);
    assert.equal(d1.stopped, 'superseded');
    assert.match(d1.message!, /new rewrite of the same code replaced this one/);
    assert.ok(d2.result?.ok, JSON.stringify(d2));
    assert.match(d2.result.newText, /const s = "second";\n}\n$/);
    assert.ok(d3.result?.ok, JSON.stringify(d3));
    assert.equal(d3.result.newText, OTHER_TS.replace('n + n', '2 * n'));
  });

  it('retry with feedback sends the previous answer and the feedback; a refusal comes back with the reason', async () => {
    fake.addRule({ prompt: 'not a template', reply: { text: '```ts\nconst s = `${n} units`;\n```' } });
    const previousAnswer = '```ts\nconst s = `${n}`;\n```';
    const { rewriteId } = await session.request(RewriteStartRequest, {
      uri: formatUri, version: versions.get(formatUri)!, range: lines(1, 2, 1, 22), instruction: 'use a template', feedback: { previousAnswer, text: 'not a template without units' },
    });
    const d = await done(rewriteId);
    assert.ok(d.result?.ok, JSON.stringify(d));
    const body = fake.requests({ path: '/v1/chat/completions' })[0]!.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(body.messages[2]!.content, previousAnswer);
    assert.match(body.messages[3]!.content, /Feedback: not a template without units/);

    fake.addRule({ prompt: 'elide', reply: { text: '```ts\nconst s = String(n);\n// ... rest of the code\n```' } });
    const refused = await session.request(RewriteStartRequest, { uri: formatUri, version: versions.get(formatUri)!, range: lines(1, 2, 1, 22), instruction: 'elide' });
    const r = await done(refused.rewriteId);
    assert.equal(r.result?.ok, false);
    assert.equal(r.result.ok === false && r.result.code, 'elided-code');
  });

  it('refuses a start on a stale version with what to do', async () => {
    await assert.rejects(
      session.request(RewriteStartRequest, { uri: formatUri, version: versions.get(formatUri)! - 1, range: lines(1, 2, 1, 22), instruction: 'x' }),
      /document changed before the rewrite started.*run the rewrite again/,
    );
  });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { env: { ...process.env, BANYAN_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('banyan rewrite (CLI)', () => {
  const fake = new FakeModelServer({ models: ['fake-edit'] });
  const ws = mkdtempSync(path.join(tmpdir(), 'banyan-rewrite-cli-'));
  const file = path.join(ws, 'format.ts');
  before(async () => {
    await fake.start();
  });
  after(() => fake.close());
  afterEach(() => fake.reset());

  const args = () => ['rewrite', '--workspace', ws, '--file', 'format.ts', '--range', '1:2-1:22', '--no-index', '--base-url', fake.openaiBaseUrl, '--model', 'fake-edit'];

  it('dry run prints a unified diff and leaves the file alone; --json gives edits and newText', async () => {
    writeFileSync(file, FORMAT_TS);
    fake.addRule({ prompt: 'use toFixed', reply: { text: '```ts\nconst s = n.toFixed(2);\n```' } });
    const r = await cli([...args(), 'use toFixed']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/format\.ts\n\+\+\+ b\/format\.ts\n@@ -1,4 \+1,4 @@\n export function format\(n: number\): string \{\n-  const s = String\(n\);\n\+  const s = n\.toFixed\(2\);/);
    assert.equal(readFileSync(file, 'utf8'), FORMAT_TS);
    const j = await cli([...args(), '--json', 'use toFixed']);
    assert.equal(j.code, 0, j.stderr);
    const out = JSON.parse(j.stdout) as { edits: unknown[]; newText: string };
    assert.equal(out.newText, FORMAT_TS.replace('String(n)', 'n.toFixed(2)'));
    assert.equal(out.edits.length, 1);
  });

  it('--write replaces the file and keeps its mode', async () => {
    writeFileSync(file, FORMAT_TS);
    chmodSync(file, 0o640);
    fake.addRule({ prompt: 'use toFixed', reply: { text: '```ts\nconst s = n.toFixed(2);\n```' } });
    const r = await cli([...args(), '--write', 'use toFixed']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), FORMAT_TS.replace('String(n)', 'n.toFixed(2)'));
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  it('a refused answer leaves the file untouched, exits 1 and says why on one stderr line', async () => {
    writeFileSync(file, FORMAT_TS);
    fake.addRule({ prompt: 'two blocks', reply: { text: '```ts\nconst s = 1;\n```\nor\n```ts\nconst s = 2;\n```' } });
    const r = await cli([...args(), '--write', 'two blocks']);
    assert.equal(r.code, 1);
    assert.equal(readFileSync(file, 'utf8'), FORMAT_TS);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /rewrite not applied \(ambiguous-code-blocks\)/);
  });
});
