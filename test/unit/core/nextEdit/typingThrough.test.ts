import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyOffsetEdits, toOffsetEdits, toTextEdits } from '@src/core/nextEdit/offsetEdits';
import { remapThroughTyping } from '@src/core/nextEdit/typingThrough';

const before = 'const total = sum(items);\nreturn total;\n';
// The suggestion: insert ", tax" after "items" (offset 23) and rename on line 2.
const edits = [{ start: 23, end: 23, text: ', tax' }, { start: 33, end: 38, text: 'amount' }];

describe('typing through a suggestion', () => {
  it('keeps it while the user types what it inserts, re-mapped to what is left', () => {
    const typed = before.slice(0, 23) + ', t' + before.slice(23);
    const r = remapThroughTyping(before, typed, edits);
    assert.equal(r.kind, 'kept');
    assert.equal(applyOffsetEdits(typed, r.kind === 'kept' ? r.edits : []), applyOffsetEdits(before, edits));
  });

  it('drops it when the user types something else there', () => {
    const typed = before.slice(0, 23) + 'x' + before.slice(23);
    assert.equal(remapThroughTyping(before, typed, edits).kind, 'contradicted');
  });

  it('moves it when the user types away from it', () => {
    const typed = '// note\n' + before;
    const r = remapThroughTyping(before, typed, edits);
    assert.equal(r.kind, 'kept');
    assert.deepEqual(r.kind === 'kept' ? r.edits.map((e) => e.start) : [], [31, 41]);
    assert.equal(r.kind === 'kept' && r.moved, true);
  });

  it('is consumed when the user typed all of it', () => {
    const single = [{ start: 23, end: 23, text: ', tax' }];
    assert.equal(remapThroughTyping(before, before.slice(0, 23) + ', tax' + before.slice(23), single).kind, 'consumed');
  });

  it('handles a repeated character where the diff could be placed two ways', () => {
    const text = 'aa';
    const single = [{ start: 1, end: 1, text: 'a' }];
    assert.equal(remapThroughTyping(text, 'aaa', single).kind, 'consumed');
  });

  it('converts between positions and offsets, CRLF included', () => {
    const crlf = 'a\r\nbc\r\nd';
    const e = toOffsetEdits(crlf, [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, newText: 'X' }]);
    assert.deepEqual(e, [{ start: 4, end: 5, text: 'X' }]);
    assert.deepEqual(toTextEdits(crlf, e)[0]!.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } });
  });
});
