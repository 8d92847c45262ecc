/**
 * Reciprocal rank fusion: each ranked list votes 1 / (k + rank) for its items. Ranks, not scores, are
 * combined, so BM25 scores, symbol matches and cosine similarities need no common scale.
 */
export interface Ranked<T> {
  readonly key: string;
  readonly item: T;
}

export const RRF_K = 60;

export function fuseRankings<T>(lists: readonly (readonly Ranked<T>[])[], weights: readonly number[] = [], k = RRF_K): { key: string; item: T; score: number }[] {
  const acc = new Map<string, { key: string; item: T; score: number }>();
  lists.forEach((list, li) => {
    const w = weights[li] ?? 1;
    const seen = new Set<string>();
    list.forEach((r, rank) => {
      if (seen.has(r.key)) return; // a list votes once per item
      seen.add(r.key);
      const entry = acc.get(r.key);
      const vote = w / (k + rank + 1);
      if (entry) entry.score += vote;
      else acc.set(r.key, { key: r.key, item: r.item, score: vote });
    });
  });
  return [...acc.values()].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
}
