/**
 * Candidates for the `@file` and `@symbol` popups. Files: fuzzy subsequence match over workspace-
 * relative paths, a match in the file name counting most (the way editors' quick-open ranks).
 */
import type { CodeIndex } from '../index/codeIndex';

export interface MentionMatch {
  readonly kind: 'file' | 'symbol';
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
}

/** Higher is better; undefined when `query` is not a subsequence of `target` (case-insensitive). */
export function fuzzyScore(query: string, target: string): number | undefined {
  const q = query.toLowerCase();
  const t = target.toLowerCase();
  if (!q) return 0;
  const base = t.lastIndexOf('/') + 1;
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found < 0) return undefined;
    score += 1;
    if (found === prev + 1) score += 2; // runs of consecutive letters
    if (found >= base) score += 1; // in the file name
    if (found === base || /[/_.\-]/.test(t[found - 1] ?? '/')) score += 2; // at a word start
    prev = found;
    ti = found + 1;
  }
  if (t.slice(base).startsWith(q)) score += 5;
  return score - t.length * 0.01;
}

export function searchFiles(rels: readonly string[], query: string, limit = 20): MentionMatch[] {
  return rels
    .map((rel) => ({ rel, score: fuzzyScore(query.replace(/\\/g, '/'), rel) }))
    .filter((r): r is { rel: string; score: number } => r.score !== undefined)
    .sort((a, b) => b.score - a.score || a.rel.length - b.rel.length || (a.rel < b.rel ? -1 : 1))
    .slice(0, limit)
    .map(({ rel }) => {
      const slash = rel.lastIndexOf('/');
      return { kind: 'file', label: rel.slice(slash + 1), value: rel, ...(slash > 0 ? { detail: rel.slice(0, slash) } : {}) };
    });
}

export function searchSymbols(index: Pick<CodeIndex, 'findSymbols'>, query: string, limit = 20): MentionMatch[] {
  if (!query.trim()) return [];
  return index.findSymbols(query.trim(), limit).map((s) => ({
    kind: 'symbol',
    label: s.container ? `${s.container}.${s.name}` : s.name,
    value: s.name,
    detail: `${s.kind} · ${s.rel}:${s.nameLine + 1}`,
  }));
}
