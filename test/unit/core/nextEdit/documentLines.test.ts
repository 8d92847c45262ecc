import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { documentLines } from '@src/core/nextEdit/documentLines';

describe('documentLines', () => {
  it('splits on \\r\\n, \\n and a lone \\r, as LSP counts lines', () => {
    assert.deepEqual(documentLines('a\r\nb\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(documentLines('a\n\nb\n'), ['a', '', 'b', '']);
    assert.deepEqual(documentLines(''), ['']);
  });

  it('gives the same lines with or without a \\r in the text', () => {
    const text = fc.array(fc.constantFrom('x', 'é', ' ', '\n', '\r', '\r\n', '\t'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (t) => assert.deepEqual(documentLines(t), t.split(/\r\n|\r|\n/))), { numRuns: 500 });
  });
});
