import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { assembleCompletionContext, assembleCompletionContextCooperatively } from '../../../../../src/core/completion/context/assembleContext';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

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

  it('cooperatively (yielding between steps): the same snippets; an abort between steps stops it', async () => {
    const input = {
      index: ws.index, file: ws.file('src/app.ts'), text: ws.text('src/app.ts'), position: ws.endOf('src/app.ts', 'await userService.'),
      languageId: 'typescript', budgetTokens: 1024,
    };
    const whole = assembleCompletionContext(input);
    const stepped = await assembleCompletionContextCooperatively(input, new AbortController().signal, 0);
    assert.deepEqual(stepped.snippets, whole.snippets);
    const abort = new AbortController();
    const running = assembleCompletionContextCooperatively(input, abort.signal, 0); // ran its first step, now waits for a turn
    abort.abort(new Error('took too long'));
    await assert.rejects(running, /took too long/);
    await assert.rejects(assembleCompletionContextCooperatively(input, abort.signal), /took too long/, 'an aborted signal: no work at all');
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
