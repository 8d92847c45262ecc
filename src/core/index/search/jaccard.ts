/**
 * Jaccard similarity |Q ∩ C| / |Q ∪ C| between the query's term set and every chunk's term set
 * (the "similar snippet" measure of Copilot and Cody), counted through the postings so only chunks
 * sharing a term are touched.
 */
import type { InvertedIndex } from './invertedIndex';
import { type ScoredChunk, type ScoreOptions, Scratch } from './scoring';
import { TopK } from './topK';

export function jaccard(index: InvertedIndex, queryTerms: readonly string[], options: ScoreOptions, scratch: Scratch = new Scratch()): ScoredChunk[] {
  if (index.size === 0 || options.limit <= 0) return [];
  scratch.ensure(index.idSpace);
  const { counts, touched } = scratch;
  let touchedCount = 0;
  const distinct = new Set(queryTerms);
  const querySize = distinct.size;
  for (const text of distinct) {
    const term = index.termId(text);
    if (term === undefined || index.documentFrequency(term) === 0) continue;
    const p = index.postings(term);
    for (let i = p.from; i < p.to; i++) {
      const c = p.ids[i]!;
      if (counts[c] === 0) touched[touchedCount++] = c;
      counts[c]!++;
    }
    const d = p.delta;
    if (d) {
      for (let i = 0; i < d.length; i += 2) {
        const c = d[i]!;
        if (counts[c] === 0) touched[touchedCount++] = c;
        counts[c]!++;
      }
    }
  }
  const top = new TopK(options.limit);
  const { excludeFiles, fileWeight } = options;
  for (let i = 0; i < touchedCount; i++) {
    const c = touched[i]!;
    const inter = counts[c]!;
    counts[c] = 0;
    if (!index.isAlive(c)) continue;
    let s = inter / (querySize + index.distinctTermsOf(c) - inter);
    if (excludeFiles || fileWeight) {
      const f = index.fileOf(c);
      if (excludeFiles?.has(f)) continue;
      if (fileWeight) s *= fileWeight(f);
    }
    if (s > 0 && s >= top.threshold) top.offer(c, s); // equal scores: offer() breaks the tie by id
  }
  return top.result().map((r) => ({ chunk: r.id, score: r.score }));
}
