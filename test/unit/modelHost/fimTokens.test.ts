import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { commonPrefixLength, fimTokens, hasFimTokens } from '@src/modelHost/fimTokens';

// One token per character, FIM tokens 900/901/902.
const vocab = { prefix: 900, suffix: 901, middle: 902, tokenize: (t: string) => [...t].map((c) => c.charCodeAt(0)) };
const text = (tokens: number[]) => tokens.map((t) => (t === 900 ? '<P>' : t === 901 ? '<S>' : t === 902 ? '<M>' : String.fromCharCode(t))).join('');

describe('fimTokens', () => {
  it('prefix-suffix-middle with the model\'s own FIM tokens', () => {
    assert.equal(text(fimTokens(vocab, 'abc', 'xyz', 100)), '<P>abc<S>xyz<M>');
  });

  it('too long: keeps the end of the prefix and the start of the suffix (the code at the cursor)', () => {
    // 13 tokens of room after the three FIM tokens: the suffix gets a quarter, the prefix the rest.
    assert.equal(text(fimTokens(vocab, 'aaaaaaaaaaPREFIXEND', 'SUFSTARTzzzzzzzzzz', 16)), '<P>aPREFIXEND<S>SUF<M>');
    // A short prefix leaves its room to the suffix.
    assert.equal(text(fimTokens(vocab, 'ab', 'SUFSTARTzzzzzzzzzz', 16)), '<P>ab<S>SUFSTARTzzz<M>');
  });

  it('a vocabulary without FIM tokens is refused; shared prefixes are counted', () => {
    assert.equal(hasFimTokens({ prefix: 1, suffix: null, middle: 3 }), false);
    assert.throws(() => fimTokens({ ...vocab, middle: null }, 'a', 'b', 10), /no FIM tokens/);
    assert.equal(commonPrefixLength([1, 2, 3, 4], [1, 2, 9]), 2);
    assert.equal(commonPrefixLength([], [1]), 0);
  });
});
