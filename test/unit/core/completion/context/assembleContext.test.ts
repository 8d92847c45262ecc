import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { assembleCompletionContext, assembleCompletionContextCooperatively } from '@src/core/completion/context/assembleContext';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

/** A snippet without its score (signals not run yet add a little to it). */
const place = (s: { file: string; startLine: number; endLine: number; text: string } | undefined) => s && { file: s.file, startLine: s.startLine, endLine: s.endLine, text: s.text };

describe('assembling completion context', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('ts')));
  after(() => ws.close());

  const assemble = (budgetTokens: number, extra = {}) =>
    assembleCompletionContext({
      index: ws.index, file: ws.file('src/app.ts'), text: ws.text('src/app.ts'), position: ws.endOf('src/app.ts', 'await userService.'),
      languageId: 'typescript', budgetTokens, ...extra,
    });

  it('the receiver’s class comes first; everything fits the budget; never the document itself', () => {
    const r = assemble(1024);
    assert.equal(r.snippets[0]?.file, ws.file('src/services/userService.ts'));
    assert.equal(r.snippets[0]?.source, 'definition');
    assert.match(r.snippets[0]!.text, /findUser/);
    const tokens = r.snippets.reduce((n, s) => n + Math.ceil(s.text.length / 4), 0);
    assert.equal(r.tokens, tokens);
    assert.ok(tokens <= 1024);
    assert.ok(r.snippets.every((s) => s.file !== ws.file('src/app.ts')));
  });

  it('cooperatively (yielding between steps): the same snippets; an abort between steps packs what was found', async () => {
    const input = {
      index: ws.index, file: ws.file('src/app.ts'), text: ws.text('src/app.ts'), position: ws.endOf('src/app.ts', 'await userService.'),
      languageId: 'typescript', budgetTokens: 1024,
    };
    const whole = assembleCompletionContext(input);
    const stepped = await assembleCompletionContextCooperatively(input, new AbortController().signal, { sliceMs: 0 });
    assert.deepEqual(stepped.snippets, whole.snippets);
    const abort = new AbortController();
    const running = assembleCompletionContextCooperatively(input, abort.signal, { sliceMs: 0 }); // ran its first step, now waits for a turn
    abort.abort(new Error('took too long'));
    const partial = await running;
    assert.ok(partial.snippets.length > 0 && partial.snippets.length <= whole.snippets.length);
    assert.deepEqual(place(partial.snippets[0]), place(whole.snippets[0]), 'the receiver’s class, as in the whole context');
    await assert.rejects(assembleCompletionContextCooperatively(input, abort.signal), /took too long/, 'an aborted signal: no work at all');
  });

  it('a slow index: when the deadline passes mid-assembly, the strongest definitions come back, not nothing', async () => {
    // Each index call takes 5 ms of a fake clock: the box (1 ms) closes at the first one.
    let time = 0;
    const slow = new Proxy(ws.index, {
      get(target, prop) {
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (...args: unknown[]) => ((time += 5), (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
      },
    });
    const input = {
      index: slow, file: ws.file('src/app.ts'), text: ws.text('src/app.ts'), position: ws.endOf('src/app.ts', 'await userService.'),
      languageId: 'typescript', budgetTokens: 1024,
    };
    const whole = assembleCompletionContext({ ...input, index: ws.index });
    let calls = 0;
    const counting = (n: number) => (calls++, n);
    const partial = await assembleCompletionContextCooperatively(input, new AbortController().signal, { deadline: time + 1, now: () => counting(time) });
    assert.ok(calls > 0, 'the deadline was asked');
    assert.ok(partial.snippets.length > 0, 'never nothing');
    assert.equal(partial.snippets[0]?.file, ws.file('src/services/userService.ts'));
    assert.match(partial.snippets[0]!.text, /findUser/);
    assert.deepEqual(place(partial.snippets[0]), place(whole.snippets[0]), 'the same rendering (its score misses what later signals add)');
    assert.ok(!partial.snippets.some((s) => s.source === 'similar'), 'the similar source, not run yet, is skipped');
    assert.ok(whole.snippets.some((s) => s.source === 'similar'), 'the whole context has similar snippets');
  });

  it('a small budget keeps the first snippets of a larger one; a budget below the first snippet gives none', () => {
    const large = assemble(1024);
    const first = large.tokens && Math.ceil(large.snippets[0]!.text.length / 4);
    const r = assemble(first + 10);
    assert.ok(r.tokens <= first + 10 && r.snippets.length >= 1);
    assert.match(r.snippets[0]!.text, /UserService/);
    assert.deepEqual(r.snippets, large.snippets.slice(0, r.snippets.length));
    assert.equal(assemble(first - 1).snippets.length, 0);
    assert.equal(assemble(0).snippets.length, 0);
  });

  it('no two snippets of one file overlap', () => {
    const r = assemble(4096);
    for (const a of r.snippets) for (const b of r.snippets) {
      if (a !== b && a.file === b.file) assert.ok(a.endLine < b.startLine || b.endLine < a.startLine, `${a.file} ${a.startLine}-${a.endLine} / ${b.startLine}-${b.endLine}`);
    }
  });

  it('recent edits come before similar snippets; a custom token counter is used', () => {
    const edit = { file: ws.file('src/orders/orderService.ts'), startLine: 5, endLine: 6 };
    const r = assemble(4096, { recentEdits: [edit], countTokens: (t: string) => t.length });
    assert.ok(r.snippets.some((s) => s.source === 'recentEdit'));
    assert.ok(r.tokens <= 4096 && r.tokens === r.snippets.reduce((n, s) => n + s.text.length, 0));
    const firstEdit = r.snippets.findIndex((s) => s.source === 'recentEdit');
    const firstSimilar = r.snippets.findIndex((s) => s.source === 'similar');
    assert.ok(firstSimilar < 0 || firstEdit < firstSimilar);
  });

  it('property: for one cursor, the context at a budget is a prefix of the context at any larger budget (snippet for snippet)', () => {
    const files = ['src/app.ts', 'src/orders/orderService.ts', 'src/services/userService.ts'];
    const cursor = fc.constantFrom(...files).chain((rel) => {
      const lines = ws.text(rel).split('\n');
      return fc.nat(lines.length - 1).chain((line) => fc.nat(lines[line]!.length).map((character) => ({ rel, line, character })));
    });
    const edits = [{ file: ws.file('src/orders/orderService.ts'), startLine: 2, endLine: 6 }, { file: ws.file('src/util/format.ts'), startLine: 0, endLine: 3 }];
    fc.assert(fc.property(cursor, fc.nat(3000), fc.nat(3000), fc.boolean(), ({ rel, line, character }, x, y, recent) => {
      const [small, large] = x <= y ? [x, y] : [y, x];
      const at = (budgetTokens: number) => assembleCompletionContext({
        index: ws.index, file: ws.file(rel), text: ws.text(rel), position: { line, character }, languageId: 'typescript', budgetTokens,
        ...(recent ? { recentEdits: edits, recentFiles: [ws.file('src/services/database.ts')] } : {}),
      }).snippets;
      const a = at(small);
      const b = at(large);
      assert.deepEqual(b.slice(0, a.length), a);
    }), { numRuns: 150 });
  });
});
