import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyOffsetEdits, toOffsetEdits, withOldText } from '@src/core/nextEdit/offsetEdits';

const at = (line: number, character: number) => ({ line, character });

describe('next-edit offset edits', () => {
  it('gives each edit the text its range covers, across lines and CRLF, in the order given', () => {
    const text = 'const a = price;\r\nreturn price * 2;\n';
    const edits = [
      { range: { start: at(1, 7), end: at(1, 12) }, newText: 'cost' },
      { range: { start: at(0, 10), end: at(1, 0) }, newText: 'cost;\r\n' },
    ];
    assert.deepEqual(withOldText(text, edits).map((e) => e.oldText), ['price', 'price;\r\n']);
    assert.equal(applyOffsetEdits(text, toOffsetEdits(text, edits)), 'const a = cost;\r\nreturn cost * 2;\n');
  });

  it('an insertion covers nothing; a range past the end stops at the end of the text', () => {
    assert.deepEqual(withOldText('ab', [{ range: { start: at(0, 1), end: at(0, 1) }, newText: 'x' }])[0]!.oldText, '');
    assert.equal(withOldText('ab\ncd', [{ range: { start: at(1, 1), end: at(9, 0) }, newText: '' }])[0]!.oldText, 'd');
  });

  it('keeps non-ASCII text whole (UTF-16 offsets, as LSP ranges count)', () => {
    assert.equal(withOldText('naïve 😀 x', [{ range: { start: at(0, 6), end: at(0, 8) }, newText: '' }])[0]!.oldText, '😀');
  });
});
