/**
 * The base postings' pages: every term's list gets a range of its own inside one slab, pages are kept
 * from one layout to the next, and the inverted index's postings — lists shorter than a page, filling
 * most of one, and longer than one — equal a plain count of the chunks, through adds, removals and
 * compactions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InvertedIndex } from '@src/core/index/search/invertedIndex';
import { POSTINGS_PAGE, PostingPages } from '@src/core/index/search/postingPages';

function assertDisjoint(pages: PostingPages, lengths: Int32Array): void {
  const bySlab = new Map<number, [number, number][]>();
  for (let t = 0; t < lengths.length; t++) {
    const n = lengths[t]!;
    if (n === 0) continue;
    const slab = pages.slabOf[t]!;
    const from = pages.startOf[t]!;
    assert.ok(from >= 0 && from + n <= pages.slabIds[slab]!.length, `term ${t} inside its slab`);
    assert.equal(pages.slabTfs[slab]!.length, pages.slabIds[slab]!.length);
    const ranges = bySlab.get(slab) ?? [];
    ranges.push([from, from + n]);
    bySlab.set(slab, ranges);
  }
  for (const ranges of bySlab.values()) {
    ranges.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i - 1]![1] <= ranges[i]![0], 'ranges overlap');
  }
}

describe('PostingPages', () => {
  it('gives every list its own range in one slab, for any mix of lengths', () => {
    const length = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 4000, max: POSTINGS_PAGE }), fc.integer({ min: POSTINGS_PAGE + 1, max: POSTINGS_PAGE + 5000 }));
    fc.assert(
      fc.property(fc.array(length, { maxLength: 60 }), (ls) => {
        const pages = new PostingPages();
        const lengths = Int32Array.from(ls);
        pages.layout(lengths);
        assertDisjoint(pages, lengths);
        const total = ls.reduce((a, b) => a + b, 0);
        assert.ok(pages.capacity >= total);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps its pages and long lists from one layout to the next as the lists grow', () => {
    const pages = new PostingPages();
    const small = Array.from({ length: 3000 }, (_, t) => 1 + (t % 40));
    pages.layout(Int32Array.from([...small, POSTINGS_PAGE + 10]));
    const firstPage = pages.slabIds[0];
    const longList = pages.slabIds[pages.slabOf[small.length]!];
    pages.layout(Int32Array.from([...small.map((n) => n * 2), POSTINGS_PAGE + 5, 7]));
    assert.equal(pages.slabIds[0], firstPage, 'first page reused');
    assert.equal(pages.slabIds[pages.slabOf[small.length]!], longList, 'long list reused while large enough');
    assertDisjoint(pages, Int32Array.from([...small.map((n) => n * 2), POSTINGS_PAGE + 5, 7]));
  });

  it('lets pages go when fewer postings remain', () => {
    const pages = new PostingPages();
    pages.layout(Int32Array.from(Array.from({ length: 40 }, () => 5000)));
    const many = pages.capacity;
    pages.layout(Int32Array.from([10, 20]));
    assert.ok(pages.capacity < many);
    assert.equal(pages.capacity, POSTINGS_PAGE);
  });
});

describe('InvertedIndex postings on pages', () => {
  it('equal a count of the chunks for short, page-sized and longer-than-a-page lists, through removals and compaction', () => {
    const index = new InvertedIndex();
    const chunks = POSTINGS_PAGE + 2000;
    const expected = new Map<string, Map<number, number>>();
    const add = (term: string, chunk: number, tf: number) => {
      const m = expected.get(term) ?? new Map<number, number>();
      m.set(chunk, tf);
      expected.set(term, m);
    };
    for (let c = 0; c < chunks; c++) {
      const terms = ['everywhere'];
      const tfs = [1 + (c % 3)];
      if (c % 2 === 0) terms.push('halfway'), tfs.push(2);
      if (c % 9 === 0) terms.push(`rare${c % 500}`), tfs.push(1);
      if (c % 1000 === 7) terms.push('seldom'), tfs.push(70000);
      const id = index.addChunk(c % 97, 0, 1, terms, tfs, 10);
      assert.equal(id, c);
      terms.forEach((t, i) => add(t, id, Math.min(65535, tfs[i]!)));
    }
    const check = () => {
      for (const [term, want] of expected) {
        const t = index.termId(term);
        assert.ok(t !== undefined, term);
        const p = index.postings(t);
        const got = new Map<number, number>();
        for (let i = p.from; i < p.to; i++) if (index.isAlive(p.ids[i]!)) got.set(p.ids[i]!, p.tfs[i]!);
        if (p.delta) for (let i = 0; i < p.delta.length; i += 2) if (index.isAlive(p.delta[i]!)) got.set(p.delta[i]!, p.delta[i + 1]!);
        assert.deepEqual([...got].sort((a, b) => a[0] - b[0]), [...want].sort((a, b) => a[0] - b[0]), term);
        assert.equal(index.documentFrequency(t), want.size, `df of ${term}`);
      }
    };
    assert.equal(index.maintain(), undefined);
    check();
    for (let c = 0; c < chunks; c += 5) {
      index.removeChunk(c);
      for (const m of expected.values()) m.delete(c);
    }
    check();
    const remap = index.maintain();
    assert.ok(remap);
    for (const [term, m] of expected) expected.set(term, new Map([...m].map(([c, tf]) => [remap[c]!, tf])));
    check();
  });
});
