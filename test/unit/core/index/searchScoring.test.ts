/**
 * The inverted index against a naive reference: after any sequence of adds, removes and maintenance
 * (compaction, renumbering), BM25 and Jaccard top-k equal a full scan of the live chunks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bm25 } from '@src/core/index/search/bm25';
import { InvertedIndex } from '@src/core/index/search/invertedIndex';
import { jaccard } from '@src/core/index/search/jaccard';
import { forEachToken, latin1Chunk, termCounts, tokenize } from '@src/core/index/search/tokenizer';
import { TopK } from '@src/core/index/search/topK';

interface Doc {
  id: number;
  file: number;
  terms: string[];
  tfs: number[];
  length: number;
}

const VOCAB = ['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta', 'iota', 'kappa'];

function naiveBm25(docs: Doc[], query: string[], limit: number, exclude?: Set<number>): [number, number][] {
  const n = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / n;
  const scores = new Map<number, number>();
  const seen = new Set<string>();
  for (const q of query) {
    if (seen.has(q)) continue;
    seen.add(q);
    const df = docs.filter((d) => d.terms.includes(q)).length;
    if (!df) continue;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const d of docs) {
      const i = d.terms.indexOf(q);
      if (i < 0) continue;
      const tf = d.tfs[i]!;
      scores.set(d.id, (scores.get(d.id) ?? 0) + (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * d.length) / avg)));
    }
  }
  return rank(scores, docs, limit, exclude);
}

function naiveJaccard(docs: Doc[], query: string[], limit: number): [number, number][] {
  const q = new Set(query);
  const scores = new Map<number, number>();
  for (const d of docs) {
    const inter = d.terms.filter((t) => q.has(t)).length;
    if (inter) scores.set(d.id, inter / (q.size + d.terms.length - inter));
  }
  return rank(scores, docs, limit);
}

function rank(scores: Map<number, number>, docs: Doc[], limit: number, exclude?: Set<number>): [number, number][] {
  const fileOf = new Map(docs.map((d) => [d.id, d.file]));
  return [...scores]
    .filter(([id, s]) => s > 0 && !exclude?.has(fileOf.get(id)!))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit);
}

const docArb = fc.record({
  file: fc.integer({ min: 0, max: 5 }),
  bag: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 12 }),
});
const opArb = fc.oneof(
  fc.record({ op: fc.constant('add' as const), doc: docArb }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('maintain' as const) }),
);

describe('inverted index scoring', () => {
  it('BM25 and Jaccard equal a naive scan after any add/remove/maintain sequence', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.array(fc.constantFrom(...VOCAB, 'unknown'), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 8 }), (ops, query, limit) => {
        const index = new InvertedIndex();
        let live: Doc[] = [];
        for (const o of ops) {
          if (o.op === 'add') {
            const { terms, tfs, length } = termCounts(o.doc.bag.join(' '));
            const id = index.addChunk(o.doc.file, 0, 0, terms, tfs, length);
            live.push({ id, file: o.doc.file, terms, tfs, length });
          } else if (o.op === 'remove' && live.length) {
            const victim = live[o.pick % live.length]!;
            index.removeChunk(victim.id);
            live = live.filter((d) => d !== victim);
          } else if (o.op === 'maintain') {
            const remap = index.maintain();
            if (remap) live = live.map((d) => ({ ...d, id: remap[d.id]! }));
          }
        }
        assert.equal(index.size, live.length);
        if (!live.length) return;
        const got = bm25(index, query, { limit }).map((r) => [r.chunk, r.score]);
        const want = naiveBm25(live, query, limit);
        assert.equal(got.length, want.length);
        got.forEach((g, i) => {
          assert.equal(g[0], want[i]![0]);
          assert.ok(Math.abs(g[1]! - want[i]![1]) < 1e-9);
        });
        const exclude = new Set([0, 1]);
        assert.deepEqual(
          bm25(index, query, { limit, excludeFiles: exclude }).map((r) => r.chunk),
          naiveBm25(live, query, limit, exclude).map((r) => r[0]),
        );
        assert.deepEqual(
          jaccard(index, query, { limit }).map((r) => [r.chunk, r.score]),
          naiveJaccard(live, query, limit),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('adding a chunk from text equals adding its counted terms', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...VOCAB, 'getUserName', 'user_id', '42', '+'), { maxLength: 10 }), { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom(...VOCAB, 'user', 'name'), { minLength: 1, maxLength: 4 }), (docs, query) => {
        const viaTerms = new InvertedIndex();
        const viaText = new InvertedIndex();
        let text = '';
        docs.forEach((words, i) => {
          const chunk = words.join(' ');
          const from = text.length;
          text += `${chunk}\n`;
          const c = termCounts(chunk);
          const a = c.length ? viaTerms.addChunk(i, i, i, c.terms, c.tfs, c.length) : -1;
          const b = viaText.addChunkTokens(i, i, i, (emit) => forEachToken(text, emit, from, from + chunk.length));
          assert.equal(b, a);
        });
        assert.deepEqual(bm25(viaText, query, { limit: 5 }), bm25(viaTerms, query, { limit: 5 }));
        assert.deepEqual(jaccard(viaText, query, { limit: 5 }), jaccard(viaTerms, query, { limit: 5 }));
      }),
    );
  });

  it('exports and restores a dense state that scores the same', () => {
    const index = new InvertedIndex();
    const texts = ['parseConfig readFile', 'loadUser userService', 'config parse parse', 'unrelated words here'];
    texts.forEach((t, i) => {
      const c = termCounts(t);
      index.addChunk(i, i, i, c.terms, c.tfs, c.length);
    });
    index.removeChunk(1);
    const { state } = index.exportState();
    const restored = InvertedIndex.fromState(state);
    const q = tokenize('parse config');
    assert.deepEqual(bm25(restored, q, { limit: 5 }), bm25(index, q, { limit: 5 }));
    assert.equal(restored.size, 3);
  });
});

describe('tokenizer', () => {
  it('splits camelCase, PascalCase, snake_case and SCREAMING_CASE and keeps the whole identifier', () => {
    assert.deepEqual(tokenize('getUserById'), ['getuserbyid', 'get', 'user', 'id']); // "by" is a stop word
    assert.deepEqual(tokenize('parse_http_response'), ['parse_http_response', 'parse', 'http', 'response']);
    assert.deepEqual(tokenize('HTTPServer'), ['httpserver', 'http', 'server']);
    assert.deepEqual(tokenize('MAX_RETRY_COUNT'), ['max_retry_count', 'max', 'retry', 'count']);
  });

  it('drops keywords, one-letter names and numbers-only tokens', () => {
    assert.deepEqual(tokenize('const x = function () { return this.value; }'), ['value']);
    assert.deepEqual(tokenize('a1 = 42'), ['a1']);
  });

  it('bytes give the same tokens as the decoded text, non-ASCII included', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('getUserName', 'café', 'naïveΩmega', 'x_y_z', ' ', '\n', '日本語', 'HTTPServer2', '__proto__', '$el', '0x1F', '😀'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const fromText: string[] = [];
        const fromBytes: string[] = [];
        forEachToken(text, (t) => fromText.push(t));
        const bytes = Buffer.from(text, 'utf8');
        forEachToken(latin1Chunk(bytes, 0, bytes.length), (t) => fromBytes.push(t));
        assert.deepEqual(fromBytes, fromText);
      }),
    );
  });

  it('termCounts agrees with forEachToken', () => {
    const text = 'user.name = userName + user_name; user';
    const all: string[] = [];
    forEachToken(text, (t) => all.push(t));
    const { terms, tfs, length } = termCounts(text);
    assert.equal(length, all.length);
    terms.forEach((t, i) => assert.equal(tfs[i], all.filter((x) => x === t).length));
  });
});

describe('top-k heap', () => {
  it('keeps the k best, ties broken by lower id', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 100 }), fc.integer({ min: 1, max: 10 }), (scores, k) => {
        const top = new TopK(k);
        scores.forEach((s, id) => top.offer(id, s));
        const want = scores.map((s, id) => ({ id, score: s })).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
        assert.deepEqual(top.result(), want);
      }),
    );
  });
});
