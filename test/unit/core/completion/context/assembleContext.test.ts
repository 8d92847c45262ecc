import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

  it('a small budget keeps the most important snippet, shortened if need be', () => {
    const r = assemble(40);
    assert.ok(r.tokens <= 40 && r.snippets.length >= 1);
    assert.match(r.snippets[0]!.text, /UserService/);
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
});
