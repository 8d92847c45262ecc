import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyTextEdits, computeTextEdits } from '@src/core/edit';

function roundTrip(a: string, b: string) {
  const result = computeTextEdits(a, b);
  assert.equal(applyTextEdits(a, result.edits), b);
  assert.equal(applyTextEdits(a, result.hunks.map((h) => h.edit)), b);
  return result;
}

describe('computeTextEdits', () => {
  it('gives no edits for equal texts', () => {
    assert.deepEqual(roundTrip('a\nb\n', 'a\nb\n').edits, []);
  });

  it('trims an edit to the characters that differ, with UTF-16 positions', () => {
    const { edits } = roundTrip('let x = 1;\nlet 数据 = "😀";\n', 'let x = 1;\nlet 数据 = "😀!";\n');
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, newText: '!' }]);
  });

  it('never splits a surrogate pair', () => {
    // 😀 (U+1F600) and 😃 (U+1F603) share their high surrogate.
    const { edits } = roundTrip('a😀b\n', 'a😃b\n');
    assert.deepEqual(edits, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, newText: '😃' }]);
  });

  it('never separates a combining mark from its base letter', () => {
    const { edits } = roundTrip('cafe\u0301\n', 'cafe\u0300\n');
    const edit = edits[0]!;
    assert.ok(edit.range.start.character <= 3, 'the edit starts at or before the base letter e');
    assert.ok(/^[\p{L}]/u.test(edit.newText), 'the new text starts with a letter, not a lone accent');
  });

  it('never cuts a CRLF in half', () => {
    const { edits } = roundTrip('a\r\nb\r\n', 'a\nb\r\n');
    for (const e of edits) {
      assert.ok(!(e.range.start.line === 0 && e.range.start.character === 2), 'no position between \\r and \\n');
    }
  });

  it('reports whole-line hunks that can be accepted one by one', () => {
    const a = 'one\ntwo\nthree\nfour\nfive\n';
    const b = 'one\nTWO\nthree\nfour\nFIVE\nsix\n';
    const { hunks } = roundTrip(a, b);
    assert.deepEqual(hunks.map((h) => [h.originalStart, h.originalLength, h.newStart, h.newLength]), [[1, 1, 1, 1], [4, 1, 4, 2]]);
    assert.equal(applyTextEdits(a, [hunks[1]!.edit]), 'one\ntwo\nthree\nfour\nFIVE\nsix\n');
    assert.equal(applyTextEdits(a, [hunks[0]!.edit]), 'one\nTWO\nthree\nfour\nfive\n');
  });

  it('handles a missing final newline on either side', () => {
    roundTrip('a\nb', 'a\nb\n');
    roundTrip('a\nb\n', 'a\nb');
    roundTrip('', 'x');
    roundTrip('x', '');
  });
});
