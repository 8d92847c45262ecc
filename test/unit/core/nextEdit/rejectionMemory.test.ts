import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeTextEdits } from '@src/core/edit/computeTextEdits';
import { RejectionMemory } from '@src/core/nextEdit/rejectionMemory';

describe('RejectionMemory', () => {
  it('remembers a rejected change per document, by its line and text, not its position', () => {
    const m = new RejectionMemory();
    const doc = 'a\nfoo(x)\nb\n';
    m.reject('/f', computeTextEdits(doc, 'a\nfoo(x, y)\nb\n').edits, doc);
    const moved = 'z\na\nfoo(x)\nb\n';
    assert.equal(m.wasRejected('/f', computeTextEdits(moved, 'z\na\nfoo(x, y)\nb\n').edits, moved), true);
    assert.equal(m.wasRejected('/f', computeTextEdits(moved, 'z\na\nfoo(x, z)\nb\n').edits, moved), false);
    assert.equal(m.wasRejected('/g', computeTextEdits(doc, 'a\nfoo(x, y)\nb\n').edits, doc), false, 'per document');
    m.forget('/f');
    assert.equal(m.wasRejected('/f', computeTextEdits(doc, 'a\nfoo(x, y)\nb\n').edits, doc), false);
  });

  it('is bounded', () => {
    const m = new RejectionMemory();
    const doc = 'x\n';
    for (let i = 0; i < 60; i++) m.reject('/f', computeTextEdits(doc, `x${i}\n`).edits, doc);
    assert.equal(m.wasRejected('/f', computeTextEdits(doc, 'x0\n').edits, doc), false);
    assert.equal(m.wasRejected('/f', computeTextEdits(doc, 'x59\n').edits, doc), true);
  });
});
