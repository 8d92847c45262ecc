/**
 * `banyan eval`'s engine on a small repository with in-process models: an oracle that answers the
 * hidden span scores 100 %, an empty model 0 %; the index never shows the model the hidden span;
 * cancelling stops the request in flight; a model that cannot work fails with its error; two
 * configurations run on the same cases.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { evaluateWorkspace } from '@src/core/eval/evaluateWorkspace';
import type { EvalCase } from '@src/core/eval/evalTypes';
import type { CodeIndex } from '@src/core/index/codeIndex';
import { ModelError } from '@src/core/llm/errors';
import { caseOf, config, openIndex, scriptedClient, writeWorkspace } from './evalFixture';

describe('evaluateWorkspace', () => {
  let dir: string;
  let index: CodeIndex;
  const overlay = new Map<string, string>();
  before(async () => {
    dir = writeWorkspace();
    index = await openIndex(dir, overlay);
  });
  after(async () => {
    await index.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (configs: Parameters<typeof evaluateWorkspace>[0]['configs'], extra: Partial<Parameters<typeof evaluateWorkspace>[0]> = {}) =>
    evaluateWorkspace({ workspace: dir, index, overlay, configs, n: 9, seed: 7, tasks: ['line', 'api', 'block'], signal: new AbortController().signal, ...extra });

  it('an oracle answering the hidden span scores 100 %, and never sees the span in its context', async () => {
    let cases: readonly EvalCase[] = [];
    const leaks: string[] = [];
    const oracle = scriptedClient(async function* (req) {
      const c = caseOf(cases, req);
      if (!c) throw new Error(`no case for a request ending ${JSON.stringify(req.prefix.slice(-40))}`);
      // What the index shows for the case's file is the masked document, and no snippet carries the answer.
      const disk = readFileSync(c.file, 'utf8');
      if (index.linesOf(c.file)!.join('\n') !== disk.slice(0, c.offset) + disk.slice(c.hiddenEnd)) leaks.push(`${c.id}: the index shows more than the masked document`);
      for (const s of req.snippets ?? []) if (s.path === c.rel && s.content.includes(c.expected)) leaks.push(`${c.id}: a snippet of its own file carries it`);
      yield c.expected;
    });
    const report = await run([config('oracle', oracle)], { onCases: (cs) => (cases = cs) });
    assert.deepEqual(leaks, []);
    assert.ok(report.results.length >= 6, `only ${report.results.length} cases`);
    assert.deepEqual(new Set(report.results.map((r) => r.task)), new Set(['line', 'api', 'block']));
    assert.deepEqual(new Set(report.results.map((r) => r.language)), new Set(['typescript', 'python']));
    const o = report.summary.overall;
    assert.deepEqual([o.exactMatch, o.editSimilarity, o.identifierMatch, o.syntaxMatch], [1, 1, 1, 1], JSON.stringify(report.results.filter((r) => !r.syntaxMatch || !r.exactMatch)));
    assert.ok(o.meanPromptTokens > 0 && o.meanCompletionTokens > 0);
    assert.ok(report.results.every((r) => r.firstTokenMs !== undefined && r.totalMs >= r.firstTokenMs));
    // After the run the index holds the files as on disk again.
    assert.equal(overlay.size, 0);
    assert.match(index.linesOf(cases[0]!.file)!.join('\n'), new RegExp(cases[0]!.expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('tests and generated files are left out unless asked for; the same seed gives the same cases', async () => {
    const empty = scriptedClient(async function* () {});
    const a = await run([config('empty', empty)], { n: 30 });
    const b = await run([config('empty', empty)], { n: 30 });
    assert.deepEqual(a.results.map((r) => r.caseId), b.results.map((r) => r.caseId));
    assert.ok(!a.results.some((r) => /test|generated/.test(r.rel)), a.results.map((r) => r.rel).join(', '));
    const all = await run([config('empty', empty)], { n: 30, includeTests: true, includeGenerated: true });
    assert.ok(all.results.some((r) => r.rel === 'src/cart.test.ts') && all.results.some((r) => r.rel === 'src/generated/api.ts'));
    const other = await run([config('empty', empty)], { n: 30, seed: 8 });
    assert.notDeepEqual(other.results.map((r) => r.caseId), a.results.map((r) => r.caseId));
  });

  it('an empty model scores 0 %', async () => {
    const report = await run([config('empty', scriptedClient(async function* () {}))]);
    const o = report.summary.overall;
    assert.deepEqual([o.exactMatch, o.identifierMatch, o.syntaxMatch], [0, 0, 0]);
    assert.equal(o.editSimilarity, 0);
    assert.ok(report.results.every((r) => r.none === 'empty after post-processing'));
  });

  it('cancelling stops at once: the request in flight is aborted and the report says cancelled', async () => {
    const controller = new AbortController();
    let aborted = false;
    let answered = 0;
    const client = scriptedClient(async function* (_req, signal) {
      if (answered++ === 0) {
        yield 'x';
        return;
      }
      // The second case hangs until the run is cancelled, which the user does while it waits.
      const cancelled = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
      setTimeout(() => controller.abort(), 10);
      await cancelled;
      aborted = signal?.aborted === true;
      yield 'late';
    });
    const report = await run([config('hang', client)], { signal: controller.signal });
    assert.equal(report.info.cancelled, true);
    assert.equal(report.results.length, 1);
    assert.ok(aborted, 'the hanging request saw the abort');
    assert.equal(overlay.size, 0, 'the masked document was put back');
  });

  it('a model that cannot work fails the run with its error', async () => {
    const down = scriptedClient(() => Promise.reject(new ModelError('refused', 'nothing listens at http://127.0.0.1:9', { fix: 'Start the model server' })));
    await assert.rejects(run([config('down', down)]), (err: unknown) => err instanceof ModelError && err.kind === 'refused');
    assert.equal(overlay.size, 0);
  });

  it('two configurations run on the same cases, compared with a sign test', async () => {
    let cases: readonly EvalCase[] = [];
    const oracle = scriptedClient(async function* (req) {
      yield caseOf(cases, req)!.expected;
    });
    const report = await run([config('A', oracle), config('B', scriptedClient(async function* () {}))], { onCases: (cs) => (cases = cs) });
    assert.ok(report.compare);
    assert.deepEqual(report.compare.results.map((r) => r.caseId), report.results.map((r) => r.caseId));
    const em = report.compare.metrics.find((m) => m.metric === 'exactMatch')!;
    assert.deepEqual([em.a, em.b, em.bWorse, em.bBetter], [1, 0, report.results.length, 0]);
    assert.ok(em.pValue < 0.05, String(em.pValue));
  });
});
