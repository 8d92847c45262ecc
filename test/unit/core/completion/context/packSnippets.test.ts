import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newPackState, pack } from '../../../../../src/core/completion/context/packSnippets';
import type { ContextCandidate } from '../../../../../src/core/completion/context/types';

const count = (t: string) => Math.ceil(t.length / 4);
const cand = (file: string, startLine: number, endLine: number, source: ContextCandidate['source'], text?: string, extra: Partial<ContextCandidate> = {}): ContextCandidate => ({
  file, startLine, endLine, source, score: 1,
  text: text ?? Array.from({ length: endLine - startLine + 1 }, (_, i) => `line ${startLine + i}`).join('\n'),
  ...extra,
});

describe('packing snippets', () => {
  it('keeps the order given and stays within the budget, skipping what does not fit', () => {
    const s = newPackState();
    pack(s, [cand('/a', 0, 0, 'definition', 'x'.repeat(40)), cand('/b', 0, 0, 'definition', 'y'.repeat(400)), cand('/c', 0, 0, 'definition', 'z'.repeat(20))], 20, 20, count);
    assert.deepEqual(s.snippets.map((x) => x.file), ['/a', '/c']);
    assert.equal(s.tokens, 15);
  });

  it('falls back to the shorter rendering when the full one does not fit', () => {
    const s = newPackState();
    pack(s, [cand('/a', 0, 9, 'definition', 'x'.repeat(200), { fallback: { startLine: 2, endLine: 2, text: 'sig' } })], 10, 10, count);
    assert.deepEqual(s.snippets.map((x) => [x.startLine, x.endLine, x.text]), [[2, 2, 'sig']]);
  });

  it('a similar snippet overlapping a definition already shown is dropped', () => {
    const s = newPackState();
    pack(s, [cand('/a', 10, 20, 'definition')], 1000, 1000, count);
    pack(s, [cand('/a', 15, 25, 'similar'), cand('/b', 15, 25, 'similar')], 1000, 1000, count);
    assert.deepEqual(s.snippets.map((x) => [x.file, x.source]), [['/a', 'definition'], ['/b', 'similar']]);
  });

  it('overlapping source windows of one file merge into one range', () => {
    const s = newPackState();
    pack(s, [cand('/a', 0, 4, 'similar'), cand('/a', 3, 7, 'recentEdit')], 1000, 1000, count);
    assert.equal(s.snippets.length, 1);
    assert.deepEqual([s.snippets[0]!.startLine, s.snippets[0]!.endLine], [0, 7]);
    assert.equal(s.snippets[0]!.text, Array.from({ length: 8 }, (_, i) => `line ${i}`).join('\n'));
    assert.equal(s.tokens, count(s.snippets[0]!.text));
  });

  it('a limit below the budget caps one source’s share', () => {
    const s = newPackState();
    pack(s, [cand('/a', 0, 0, 'similar', 'x'.repeat(40)), cand('/b', 0, 0, 'similar', 'x'.repeat(40))], 100, 12, count);
    assert.equal(s.snippets.length, 1);
  });
});
