/**
 * The chunks' term pairs on pages: an index whose pairs span several pages (and one chunk larger than a
 * page) exports its pools in pieces, and what is restored from them — in memory, and through the
 * snapshot's bytes — has the same postings, document frequencies and search results.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readSnapshot, SNAPSHOT_FORMAT, writeSnapshotSync } from '@src/core/index/persist/snapshot';
import { bm25 } from '@src/core/index/search/bm25';
import { InvertedIndex } from '@src/core/index/search/invertedIndex';
import { jaccard } from '@src/core/index/search/jaccard';
import { Scratch } from '@src/core/index/search/scoring';

const CHUNKS = 40_000;
const WIDE = 70_000;

function build(): { index: InvertedIndex; terms: string[] } {
  const index = new InvertedIndex();
  const terms = new Set<string>();
  for (let c = 0; c < CHUNKS; c++) {
    const ts = [`t${c % 1000}`, `u${c % 7}`, 'all'];
    if (c === CHUNKS / 2) for (let w = 0; w < WIDE; w++) ts.push(`wide${w}`);
    ts.forEach((t) => terms.add(t));
    index.addChunk(c % 300, c, c + 3, ts, ts.map((_, i) => 1 + ((c + i) % 4)), ts.length + 2);
  }
  index.maintain();
  return { index, terms: [...terms] };
}

function sameAnswers(a: InvertedIndex, b: InvertedIndex, terms: readonly string[]): void {
  for (const term of terms) {
    const ta = a.termId(term)!;
    const tb = b.termId(term)!;
    assert.equal(a.documentFrequency(ta), b.documentFrequency(tb), term);
    const list = (x: InvertedIndex, t: number) => {
      const p = x.postings(t);
      const out: [number, number][] = [];
      for (let i = p.from; i < p.to; i++) if (x.isAlive(p.ids[i]!)) out.push([p.ids[i]!, p.tfs[i]!]);
      return out;
    };
    assert.deepEqual(list(b, tb), list(a, ta), term);
  }
  for (const query of [['t7', 'u3'], ['all', 'wide5'], ['t999', 'all', 'u0'], ['wide69999']]) {
    assert.deepEqual(bm25(b, query, { limit: 15 }, new Scratch()), bm25(a, query, { limit: 15 }, new Scratch()), query.join(' '));
    assert.deepEqual(jaccard(b, query, { limit: 15 }, new Scratch()), jaccard(a, query, { limit: 15 }, new Scratch()), query.join(' '));
  }
}

describe('InvertedIndex term pages', () => {
  const { index, terms } = build();
  const sample = [...terms.filter((t) => !t.startsWith('wide')), 'wide0', 'wide69999'];

  it('exports pools of several pages in pieces that restore to the same index', () => {
    const { state, remap } = index.exportState();
    assert.equal(remap, undefined);
    assert.ok(state.termPool.length >= 3, `pieces: ${state.termPool.length}`);
    assert.equal(state.termPool.reduce((n, p) => n + p.length, 0), CHUNKS * 3 + WIDE);
    sameAnswers(index, InvertedIndex.fromState(state), sample);
  });

  it('writes the pieces as one pool: the snapshot restores the same index', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'banyan-term-pages-'));
    try {
      const { state } = index.exportState();
      const identity = { configKey: 'k', roots: ['/w'] };
      writeSnapshotSync(dir, { format: SNAPSHOT_FORMAT, ...identity, savedAt: new Date(0).toISOString(), files: [], skipped: [] }, [], state);
      const decoded = await readSnapshot(dir, identity);
      assert.ok(decoded?.ok, decoded?.ok ? '' : decoded?.reason);
      sameAnswers(index, InvertedIndex.fromState(decoded.snapshot.index), sample);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps answering the same after removals, a compaction and more chunks', () => {
    const { index: a } = build();
    for (let c = 0; c < CHUNKS; c += 3) a.removeChunk(c);
    const remap = a.maintain();
    assert.ok(remap);
    for (let c = 0; c < 30_000; c++) a.addChunk(1, c, c, [`t${c % 1000}`, 'late'], [1, 2], 4);
    a.maintain();
    const restored = InvertedIndex.fromState(a.exportState().state);
    sameAnswers(a, restored, [...sample, 'late']);
  });
});
