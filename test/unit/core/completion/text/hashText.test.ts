import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { textKey } from '@src/core/completion/text/hashText';

describe('textKey', () => {
  it('is stable and differs for different texts', () => {
    assert.equal(textKey('const x = 1;'), textKey('const x = 1;'));
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => a === b || textKey(a) !== textKey(b)));
  });

  it('tells apart one-character edits of a long prefix', () => {
    const base = 'import { a } from "a";\n'.repeat(400);
    const keys = new Set<string>();
    for (let i = 0; i < base.length; i += 97) keys.add(textKey(base.slice(0, i) + '#' + base.slice(i + 1)));
    assert.equal(keys.size, Math.ceil(base.length / 97));
  });
});
