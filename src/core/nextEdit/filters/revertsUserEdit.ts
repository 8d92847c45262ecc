/**
 * Drops a suggestion that undoes what the user just did: after it, the lines of one of the user's
 * recent edits would read as they did before that edit (a rename renamed back, typed code deleted,
 * a deleted line put back). The top complaint about next-edit suggestions.
 */
import { documentLines } from '../documentLines';
import type { HistoryHunk } from '../types';
import type { SuggestionFilter } from './suggestionFilter';

/** Recent edits checked, newest first. */
const RECENT = 8;

export const revertsUserEdit: SuggestionFilter = {
  name: 'reverts-user-edit',
  check(s, ctx) {
    const recent = ctx.history.filter((h) => h.file === s.file).slice(-RECENT);
    if (!recent.length) return undefined;
    const before = documentLines(s.document);
    const after = documentLines(s.newText);
    for (const h of recent) {
      const now = before.slice(h.newStart, h.newStart + h.newLines.length);
      if (!same(now, h.newLines)) continue; // the edit is no longer there as made
      if (undoes(h, before, after)) return `it would undo the edit at line ${h.newStart + 1}`;
    }
    return undefined;
  },
};

const norm = (l: string) => l.replace(/\s+$/, '');
function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => norm(l) === norm(b[i]!));
}

/** Whether `after` has the edit's lines back as they were before it (looked for within the suggestion's line shift). */
function undoes(h: HistoryHunk, before: readonly string[], after: readonly string[]): boolean {
  const shift = after.length - before.length;
  const offsets: number[] = [];
  for (let d = Math.min(0, shift); d <= Math.max(0, shift); d++) if (h.newStart + d >= 0) offsets.push(h.newStart + d);
  const at = (i: number, n: number) => after.slice(i, i + n);
  if (h.newLines.length === 0) return offsets.some((i) => same(at(i, h.oldLines.length), h.oldLines)); // deleted lines put back
  if (h.oldLines.length === 0) {
    // Added lines removed: the lines around them meet again.
    if (shift > -h.newLines.length) return false;
    const above = h.newStart > 0 ? before[h.newStart - 1] : undefined;
    const below = before[h.newStart + h.newLines.length];
    return offsets.some((i) => (above === undefined || norm(after[i - 1] ?? '') === norm(above)) && (below === undefined || norm(after[i] ?? '') === norm(below)));
  }
  const kept = offsets.some((i) => same(at(i, h.newLines.length), h.newLines));
  return !kept && offsets.some((i) => same(at(i, h.oldLines.length), h.oldLines));
}
