/**
 * Packing under the token budget, monotonic in the budget: the candidates are laid out once as one
 * sequence that does not depend on the budget, and a budget takes the longest prefix of it that fits.
 * So the context at budget B is a prefix of the context at any larger budget, snippet for snippet: a
 * larger budget only adds at the end, never pushes out what a smaller one had.
 *
 * The sequence: the `first` candidates in their order, then the `shared` groups interleaved so that
 * each holds about its share of the tokens at every point (weighted fair queueing on tokens placed).
 * A candidate whose lines a placed snippet already shows is dropped (a definition is never repeated as
 * a similar snippet); plain source windows overlapping one placed earlier keep only their new lines.
 * Every snippet is rendered the same way whatever the budget: a candidate larger than
 * MAX_SNIPPET_TOKENS takes its shorter rendering, and a source window is cut to its first lines.
 */
import type { ContextCandidate, ContextSnippet } from './types';

/** No snippet is larger than this (tokens by the assembly's counter), whatever the budget. */
export const MAX_SNIPPET_TOKENS = 400;
/** Below this many tokens left, nothing useful fits. */
const MIN_SNIPPET_TOKENS = 4;

const RAW = new Set(['similar', 'recentEdit', 'recentFile']);

export interface SharedGroup {
  readonly candidates: readonly ContextCandidate[];
  /** Relative weight: the group's tokens stay near share / Σ shares of the interleaved part. */
  readonly share: number;
}

export interface PackGroups {
  readonly first: readonly ContextCandidate[];
  readonly shared: readonly SharedGroup[];
}

export interface Packed {
  readonly snippets: ContextSnippet[];
  readonly tokens: number;
}

/** The longest prefix of the sequence that fits in `budget` tokens. */
export function packPrefix(groups: PackGroups, budget: number, count: (t: string) => number): Packed {
  const snippets: ContextSnippet[] = [];
  let tokens = 0;
  if (budget < MIN_SNIPPET_TOKENS) return { snippets, tokens };
  for (const { snippet, cost } of snippetSequence(groups, count)) {
    if (tokens + cost > budget) break;
    snippets.push(snippet);
    tokens += cost;
  }
  return { snippets, tokens };
}

/** The budget-free sequence, lazily (a caller stops reading once its budget is full). */
export function* snippetSequence(groups: PackGroups, count: (t: string) => number): Generator<{ snippet: ContextSnippet; cost: number }, void, void> {
  const placed: ContextSnippet[] = [];
  const place = (c: ContextCandidate): { snippet: ContextSnippet; cost: number } | undefined => {
    const s = fitted(c, placed, count);
    if (!s) return undefined;
    placed.push(s.snippet);
    return s;
  };
  for (const c of groups.first) {
    const s = place(c);
    if (s) yield s;
  }
  const queues = groups.shared.filter((g) => g.candidates.length && g.share > 0).map((g) => ({ list: g.candidates, share: g.share, next: 0, used: 0 }));
  for (;;) {
    let pick: (typeof queues)[number] | undefined;
    for (const q of queues) if (q.next < q.list.length && (!pick || q.used / q.share < pick.used / pick.share)) pick = q;
    if (!pick) return;
    const s = place(pick.list[pick.next++]!);
    if (!s) continue;
    pick.used += s.cost;
    yield s;
  }
}

/** The candidate as it will be shown given what is placed already, or undefined when it adds nothing. */
function fitted(c: ContextCandidate, placed: readonly ContextSnippet[], count: (t: string) => number): { snippet: ContextSnippet; cost: number } | undefined {
  let range = { startLine: c.startLine, endLine: c.endLine, text: c.text };
  const overlapping = placed.filter((s) => s.file === c.file && s.startLine <= c.endLine && c.startLine <= s.endLine);
  if (overlapping.length) {
    if (!RAW.has(c.source) || overlapping.some((s) => !RAW.has(s.source))) return undefined;
    const fresh = newLines(range, overlapping);
    if (!fresh) return undefined;
    range = fresh;
  }
  let cost = count(range.text);
  if (cost > MAX_SNIPPET_TOKENS) {
    const smaller = RAW.has(c.source) ? firstLinesWithin(range, count) : c.fallback && count(c.fallback.text) <= MAX_SNIPPET_TOKENS ? c.fallback : undefined;
    if (!smaller) return undefined;
    range = smaller;
    cost = count(range.text);
  }
  const snippet: ContextSnippet = { file: c.file, startLine: range.startLine, endLine: range.endLine, text: range.text, source: c.source, score: c.score, ...(c.symbol ? { symbol: c.symbol } : {}) };
  return { snippet, cost };
}

type Range = { readonly startLine: number; readonly endLine: number; readonly text: string };

/** The longest run of a window's lines that no placed window shows (its text is the file's lines). */
function newLines(r: Range, shown: readonly ContextSnippet[]): Range | undefined {
  const lines = r.text.split('\n');
  let best: { from: number; to: number } | undefined;
  let from = -1;
  for (let i = 0; i <= lines.length; i++) {
    const line = r.startLine + i;
    const free = i < lines.length && !shown.some((s) => s.startLine <= line && line <= s.endLine);
    if (free && from < 0) from = i;
    if (!free && from >= 0) {
      if (!best || i - from > best.to - best.from + 1) best = { from, to: i - 1 };
      from = -1;
    }
  }
  if (!best || !lines.slice(best.from, best.to + 1).some((l) => l.trim())) return undefined;
  return { startLine: r.startLine + best.from, endLine: r.startLine + best.to, text: lines.slice(best.from, best.to + 1).join('\n') };
}

/** A window's first lines, as many as fit in MAX_SNIPPET_TOKENS. */
function firstLinesWithin(r: Range, count: (t: string) => number): Range | undefined {
  const lines = r.text.split('\n');
  let n = lines.length;
  while (n > 0 && count(lines.slice(0, n).join('\n')) > MAX_SNIPPET_TOKENS) n--;
  return n ? { startLine: r.startLine, endLine: r.startLine + n - 1, text: lines.slice(0, n).join('\n') } : undefined;
}
