/**
 * BM25 over the inverted index: term-at-a-time accumulation into a reused score array, touching only
 * chunks that share a term with the query, then a heap for the top k.
 */
import type { InvertedIndex } from './invertedIndex';
import { type ScoredChunk, type ScoreOptions, Scratch } from './scoring';
import { TopK } from './topK';

const K1 = 1.2;
const B = 0.75;

export function bm25(index: InvertedIndex, queryTerms: readonly string[], options: ScoreOptions, scratch: Scratch = new Scratch()): ScoredChunk[] {
  const n = index.size;
  if (n === 0 || options.limit <= 0) return [];
  scratch.ensure(index.idSpace);
  const { scores, touched } = scratch;
  let touchedCount = 0;
  const avg = index.averageLength || 1;
  const { alive, length } = index.hotColumns();
  // tf·(k1+1) / (tf + k1·(1 − b + b·len/avg)) with the per-query constants hoisted out of the loop.
  const kBase = K1 * (1 - B);
  const kLen = (K1 * B) / avg;
  const seen = new Set<number>();
  for (const text of queryTerms) {
    const term = index.termId(text);
    if (term === undefined || seen.has(term)) continue;
    seen.add(term);
    const df = index.documentFrequency(term);
    if (df === 0) continue;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const w = idf * (K1 + 1);
    const { ids, tfs, from, to, delta } = index.postings(term);
    for (let i = from; i < to; i++) {
      const c = ids[i]!;
      if (alive[c] === 0) continue;
      const tf = tfs[i]!;
      if (scores[c] === 0) touched[touchedCount++] = c;
      scores[c]! += (w * tf) / (tf + kBase + kLen * length[c]!);
    }
    if (delta) {
      for (let i = 0; i < delta.length; i += 2) {
        const c = delta[i]!;
        if (alive[c] === 0) continue;
        const tf = delta[i + 1]!;
        if (scores[c] === 0) touched[touchedCount++] = c;
        scores[c]! += (w * tf) / (tf + kBase + kLen * length[c]!);
      }
    }
  }
  const top = new TopK(options.limit);
  const { excludeFiles, fileWeight } = options;
  for (let i = 0; i < touchedCount; i++) {
    const c = touched[i]!;
    let s = scores[c]!;
    scores[c] = 0;
    if (excludeFiles || fileWeight) {
      const f = index.fileOf(c);
      if (excludeFiles?.has(f)) continue;
      if (fileWeight) s *= fileWeight(f);
    }
    if (s > 0 && s >= top.threshold) top.offer(c, s); // equal scores: offer() breaks the tie by id
  }
  return top.result().map((r) => ({ chunk: r.id, score: r.score }));
}
