/**
 * Interning tokens straight from bytes (the index's build path) against the string tokenizer: the same
 * term sequence, stop words dropped, and the same scores as adding the counted terms.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bm25 } from '@src/core/index/search/bm25';
import { IdentifierTerms } from '@src/core/index/search/identifierTerms';
import { InvertedIndex } from '@src/core/index/search/invertedIndex';
import { jaccard } from '@src/core/index/search/jaccard';
import { forEachTermIdInBytes, forEachToken, STOP, termCounts } from '@src/core/index/search/tokenizer';
import { Vocabulary } from '@src/core/index/search/vocabulary';

const WORDS = ['getUserName', 'café', 'naïveΩmega', 'x_y_z', ' ', '\n', '日本語', 'HTTPServer2', '__proto__', '$el', '0x1F', '😀', 'Return', 'the', 'IF', 'user', 'USER_ID', 'a', 'ab', 'x'.repeat(65), 'Ab'.repeat(32), 'snake_Case_9x'];

describe('vocabulary', () => {
  it('term ids from bytes spell the tokens of the decoded text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }), { minLength: 1, maxLength: 5 }), (texts) => {
        const vocab = new Vocabulary(STOP);
        const known = new IdentifierTerms();
        for (const parts of texts) {
          const text = parts.join(' ');
          const expected: string[] = [];
          forEachToken(text, (t) => expected.push(t));
          const bytes = Buffer.from(text, 'utf8');
          const got: string[] = [];
          forEachTermIdInBytes(bytes, 0, bytes.length, vocab, known, (id) => got.push(vocab.terms[id]!));
          assert.deepEqual(got, expected);
          for (const t of expected) assert.equal(vocab.terms[vocab.idOf(t)!], t);
        }
      }),
    );
  });

  it('keeps ids dense and stable across many terms (table growth)', () => {
    const vocab = new Vocabulary(STOP);
    const ids: number[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(vocab.intern(`term${i}`));
    assert.deepEqual(ids, ids.map((_, i) => i));
    for (let i = 0; i < 20_000; i += 997) assert.equal(vocab.idOf(`term${i}`), i);
    assert.equal(vocab.idOf('return'), undefined); // a stop word has no id
    assert.equal(vocab.idOf('missing'), undefined);
  });

  it('a stop word interned as a term keeps being dropped from bytes', () => {
    const vocab = new Vocabulary(STOP);
    const known = new IdentifierTerms();
    const id = vocab.intern('the');
    assert.equal(vocab.idOf('the'), id);
    const got: number[] = [];
    const bytes = Buffer.from('the theory');
    forEachTermIdInBytes(bytes, 0, bytes.length, vocab, known, (t) => got.push(t));
    assert.deepEqual(got.map((t) => vocab.terms[t]), ['theory']);
  });

  it('adding chunks from bytes scores like adding their counted terms', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...WORDS, 'alpha', 'beta', 'gamma'), { maxLength: 12 }), { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom('alpha', 'beta', 'user', 'name', 'getusername', 'café'), { minLength: 1, maxLength: 3 }), (docs, query) => {
        const viaTerms = new InvertedIndex();
        const viaBytes = new InvertedIndex();
        const bytes = Buffer.from(docs.map((d) => `${d.join(' ')}\n`).join(''), 'utf8');
        let from = 0;
        docs.forEach((words, i) => {
          const chunk = words.join(' ');
          const c = termCounts(chunk);
          const a = c.length ? viaTerms.addChunk(i, i, i, c.terms, c.tfs, c.length) : -1;
          const to = from + Buffer.byteLength(chunk, 'utf8');
          assert.equal(viaBytes.addChunkBytes(i, i, i, bytes, from, to), a);
          from = to + 1;
        });
        assert.deepEqual(bm25(viaBytes, query, { limit: 5 }), bm25(viaTerms, query, { limit: 5 }));
        assert.deepEqual(jaccard(viaBytes, query, { limit: 5 }), jaccard(viaTerms, query, { limit: 5 }));
        const restored = InvertedIndex.fromState(viaBytes.exportState().state);
        assert.deepEqual(bm25(restored, query, { limit: 5 }), bm25(viaTerms, query, { limit: 5 }));
      }),
    );
  });
});
