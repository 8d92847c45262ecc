import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyTextEdits } from '@src/core/edit';
import { cursorAfter, diffPieces, jumpLabel, MAX_SHOWN_CHARS, shown, staleEdit, tabAction, type ViewEdit, type ViewRange } from '@src/extension/nextEdit/nextEditView';

const edit = (sl: number, sc: number, el: number, ec: number, newText: string): ViewEdit => ({ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, newText });

describe('next-edit view', () => {
  it('strikes through what a replacement removes and shows what it inserts after it', () => {
    assert.deepEqual(diffPieces([edit(5, 9, 5, 18, 'totalOf')]), [
      { kind: 'removed', range: edit(5, 9, 5, 18, '').range },
      { kind: 'inserted', at: { line: 5, character: 18 }, text: 'totalOf' },
    ]);
  });

  it('shows a pure insertion without a struck range, and a pure deletion without inserted text', () => {
    assert.deepEqual(diffPieces([edit(2, 4, 2, 4, 'x')]).map((p) => p.kind), ['inserted']);
    assert.deepEqual(diffPieces([edit(2, 0, 3, 0, '')]).map((p) => p.kind), ['removed']);
  });

  it('draws inserted line breaks as ⏎ and cuts long text', () => {
    assert.equal(shown('a\nb\r\nc'), 'a ⏎ b ⏎ c');
    const long = shown('x'.repeat(500));
    assert.equal(long.length, MAX_SHOWN_CHARS);
    assert.ok(long.endsWith('…'));
  });

  it('finds an edit whose range no longer holds the text it was computed on (another file changed meanwhile)', () => {
    const lines = ['export function price(p: Item) {', '  return p.cost;', '}'];
    const textAt = (r: ViewRange) => (r.start.line === r.end.line ? lines[r.start.line]!.slice(r.start.character, r.end.character) : '\u0000');
    const rename = { ...edit(1, 11, 1, 15, 'price'), oldText: 'cost' };
    assert.equal(staleEdit([rename], textAt), undefined);
    lines[1] = '  return p.total;';
    assert.equal(staleEdit([rename], textAt), rename);
  });

  it('labels the jump with the line, and the file when it is another one', () => {
    assert.equal(jumpLabel({ sameDocument: true, line: 5, fileName: 'price.ts' }), '⇥ Tab: next edit at line 6');
    assert.equal(jumpLabel({ sameDocument: false, line: 0, fileName: 'cart.ts' }), '⇥ Tab: next edit in cart.ts:1');
  });

  it('jumps first when the change is away from the cursor, accepts once there', () => {
    assert.equal(tabAction({ sameDocument: false, cursorLine: 5, firstLine: 5, lastLine: 5 }), 'jump');
    assert.equal(tabAction({ sameDocument: true, cursorLine: 0, firstLine: 5, lastLine: 5 }), 'jump');
    assert.equal(tabAction({ sameDocument: true, cursorLine: 5, firstLine: 5, lastLine: 5 }), 'accept');
    assert.equal(tabAction({ sameDocument: true, cursorLine: 4, firstLine: 5, lastLine: 7 }), 'accept');
    assert.equal(tabAction({ sameDocument: true, cursorLine: 8, firstLine: 5, lastLine: 7 }), 'accept');
    assert.equal(tabAction({ sameDocument: true, cursorLine: 9, firstLine: 5, lastLine: 7 }), 'jump');
  });

  it('puts the cursor after the last inserted text, lines added above counted', () => {
    const text = 'a\nb\nc\nfoo(x)\n';
    const edits = [edit(0, 1, 0, 1, '\nz'), edit(3, 4, 3, 5, 'y, w')];
    const after = applyTextEdits(text, edits.map((e) => ({ range: e.range, newText: e.newText })));
    const at = cursorAfter(edits);
    assert.equal(after.split('\n')[at.line]!.slice(0, at.character), 'foo(y, w');
    assert.deepEqual(cursorAfter([edit(1, 0, 1, 1, 'x\nyy')]), { line: 2, character: 2 });
  });
});
