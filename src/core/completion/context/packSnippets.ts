/**
 * Packing under the token budget: candidates are taken in the order given, a candidate whose lines an
 * accepted snippet already shows is dropped (a definition is never repeated as a similar snippet),
 * overlapping plain-source snippets of one file are merged into one range, and a candidate too large
 * for what is left falls back to its shorter rendering or is skipped.
 */
import type { ContextCandidate, ContextSnippet } from './types';

export interface PackState {
  readonly snippets: ContextSnippet[];
  tokens: number;
}

const RAW = new Set(['similar', 'recentEdit', 'recentFile']);

export function newPackState(): PackState {
  return { snippets: [], tokens: 0 };
}

/** Adds candidates while they fit in `limit` tokens (total, all sources); returns how many were added. */
export function pack(state: PackState, candidates: readonly ContextCandidate[], budget: number, limit: number, count: (t: string) => number): number {
  let added = 0;
  for (const c of candidates) {
    if (budget - state.tokens < 4) break;
    const overlapping = state.snippets.findIndex((s) => s.file === c.file && s.startLine <= c.endLine && c.startLine <= s.endLine);
    if (overlapping >= 0) {
      const s = state.snippets[overlapping]!;
      if (!RAW.has(c.source) || !RAW.has(s.source) || (c.startLine >= s.startLine && c.endLine <= s.endLine)) continue;
      const merged = mergeRaw(s, c);
      const cost = count(merged.text) - count(s.text);
      if (state.tokens + cost > Math.min(budget, limit)) continue;
      state.snippets[overlapping] = merged;
      state.tokens += cost;
      added++;
      continue;
    }
    for (const r of c.fallback ? [c, c.fallback] : [c]) {
      const cost = count(r.text);
      if (state.tokens + cost > Math.min(budget, limit)) continue;
      state.snippets.push({ file: c.file, startLine: r.startLine, endLine: r.endLine, text: r.text, source: c.source, score: c.score, ...(c.symbol ? { symbol: c.symbol } : {}) });
      state.tokens += cost;
      added++;
      break;
    }
  }
  return added;
}

/** Two overlapping line ranges of one file as one snippet (their texts are the file's lines). */
function mergeRaw(a: ContextSnippet, b: ContextCandidate): ContextSnippet {
  const lines = new Map<number, string>();
  a.text.split('\n').forEach((l, i) => lines.set(a.startLine + i, l));
  b.text.split('\n').forEach((l, i) => lines.set(b.startLine + i, l));
  const start = Math.min(a.startLine, b.startLine);
  const end = Math.max(a.endLine, b.endLine);
  const text: string[] = [];
  for (let i = start; i <= end; i++) text.push(lines.get(i) ?? '');
  return { ...a, startLine: start, endLine: end, text: text.join('\n'), score: Math.max(a.score, b.score) };
}
