import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_SNIPPET_TOKENS, type PackGroups, packPrefix } from '@src/core/completion/context/packSnippets';
import type { ContextCandidate } from '@src/core/completion/context/types';

const count = (t: string) => Math.ceil(t.length / 4);
const cand = (file: string, startLine: number, endLine: number, source: ContextCandidate['source'], text?: string, extra: Partial<ContextCandidate> = {}): ContextCandidate => ({
  file, startLine, endLine, source, score: 1,
  text: text ?? Array.from({ length: endLine - startLine + 1 }, (_, i) => `line ${startLine + i}`).join('\n'),
  ...extra,
});
const only = (first: ContextCandidate[], shared: PackGroups['shared'] = []): PackGroups => ({ first, shared });

describe('packing snippets', () => {
  it('keeps the order given and stops at the first snippet that does not fit', () => {
    const r = packPrefix(only([cand('/a', 0, 0, 'definition', 'x'.repeat(40)), cand('/b', 0, 0, 'definition', 'y'.repeat(400)), cand('/c', 0, 0, 'definition', 'z'.repeat(20))]), 20, count);
    assert.deepEqual(r.snippets.map((x) => x.file), ['/a'], 'a larger budget would show /b before /c, so /c is not shown here either');
    assert.equal(r.tokens, 10);
    assert.deepEqual(packPrefix(only([cand('/a', 0, 0, 'definition', 'x'.repeat(40)), cand('/b', 0, 0, 'definition', 'y'.repeat(400))]), 1000, count).snippets.map((x) => x.file), ['/a', '/b']);
  });

  it('a definition larger than the snippet cap shows its shorter rendering at every budget', () => {
    const big = cand('/a', 0, 99, 'definition', 'x'.repeat(MAX_SNIPPET_TOKENS * 4 + 4), { fallback: { startLine: 2, endLine: 2, text: 'sig' } });
    for (const budget of [10, 1000, 100_000]) assert.deepEqual(packPrefix(only([big]), budget, count).snippets.map((x) => [x.startLine, x.endLine, x.text]), [[2, 2, 'sig']]);
  });

  it('a source window larger than the cap keeps its first lines', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${'w'.repeat(60)} ${i}`);
    const r = packPrefix(only([cand('/a', 10, 69, 'similar', lines.join('\n'))]), 10_000, count);
    assert.equal(r.snippets[0]!.startLine, 10);
    assert.ok(r.tokens <= MAX_SNIPPET_TOKENS);
    assert.equal(r.snippets[0]!.text, lines.slice(0, r.snippets[0]!.endLine - 9).join('\n'));
  });

  it('a similar snippet overlapping a definition already shown is dropped', () => {
    const r = packPrefix(only([cand('/a', 10, 20, 'definition'), cand('/a', 15, 25, 'similar'), cand('/b', 15, 25, 'similar')]), 1000, count);
    assert.deepEqual(r.snippets.map((x) => [x.file, x.source]), [['/a', 'definition'], ['/b', 'similar']]);
  });

  it('a source window overlapping one shown earlier keeps only its new lines', () => {
    const r = packPrefix(only([cand('/a', 0, 4, 'similar'), cand('/a', 3, 7, 'recentEdit'), cand('/a', 1, 3, 'similar')]), 1000, count);
    assert.deepEqual(r.snippets.map((x) => [x.startLine, x.endLine, x.text]), [
      [0, 4, 'line 0\nline 1\nline 2\nline 3\nline 4'],
      [5, 7, 'line 5\nline 6\nline 7'],
    ]);
  });

  it('shared groups interleave near their shares, the first group ahead of them', () => {
    const eight = (f: string, source: ContextCandidate['source']) => Array.from({ length: 8 }, (_, i) => cand(`${f}${i}`, 0, 0, source, 'x'.repeat(40)));
    const r = packPrefix({ first: [cand('/strong', 0, 0, 'definition', 'x'.repeat(40))], shared: [{ candidates: eight('/s', 'similar'), share: 0.25 }, { candidates: eight('/d', 'definition'), share: 0.75 }] }, 90, count);
    assert.deepEqual(r.snippets.map((x) => x.file), ['/strong', '/s0', '/d0', '/d1', '/d2', '/s1', '/d3', '/d4', '/d5']);
  });

  it('property: the context at a budget is a prefix of the context at any larger budget', () => {
    const source = fc.constantFrom<ContextCandidate['source']>('definition', 'import', 'similar', 'recentEdit', 'recentFile');
    const candidate = fc.record({
      file: fc.constantFrom('/a', '/b', '/c'),
      start: fc.nat(40),
      length: fc.integer({ min: 1, max: 30 }),
      source,
      width: fc.integer({ min: 1, max: 120 }),
      score: fc.double({ min: 0, max: 100, noNaN: true }),
      fallback: fc.boolean(),
    }).map(({ file, start, length, source, width, score, fallback }): ContextCandidate => {
      const text = Array.from({ length }, (_, i) => `${'v'.repeat(width)}${start + i}`).join('\n');
      return { file, startLine: start, endLine: start + length - 1, text, source, score, ...(fallback ? { fallback: { startLine: start, endLine: start, text: `head ${start}` } } : {}) };
    });
    const groups = fc.record({
      first: fc.array(candidate, { maxLength: 8 }),
      shared: fc.array(fc.record({ candidates: fc.array(candidate, { maxLength: 10 }), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }), { maxLength: 4 }),
    });
    fc.assert(fc.property(groups, fc.nat(3000), fc.nat(3000), (g, x, y) => {
      const [small, large] = x <= y ? [x, y] : [y, x];
      const a = packPrefix(g, small, count);
      const b = packPrefix(g, large, count);
      assert.ok(a.tokens <= small && b.tokens <= large);
      assert.deepEqual(b.snippets.slice(0, a.snippets.length), a.snippets);
    }), { numRuns: 400 });
  });
});
