/**
 * What one history hunk says about the edits still to come: the names it removed (a rename, a dropped
 * argument), the names it introduced, and the exact piece of old text it changed (so the same change
 * can be looked for elsewhere).
 */
import { meaningfulIdentifiers } from '../identifiers';
import type { HistoryHunk } from '../types';

export interface EditSignals {
  readonly hunk: HistoryHunk;
  /** 0 for the most recent hunk. */
  readonly age: number;
  /** Meaningful names on the removed lines and not on the added lines. */
  readonly removed: readonly string[];
  /** Meaningful names on the added lines and not on the removed lines. */
  readonly added: readonly string[];
  /** Every meaningful name of the removed lines. */
  readonly oldNames: readonly string[];
  /**
   * The old text the hunk changed, widened to whole words with one word of context on each side (e.g.
   * `should should` for a deleted duplicate word); undefined when the change is not within one line.
   */
  readonly oldFragment?: string;
  /** The matching new text (the fragment after the change). */
  readonly newFragment?: string;
}

export function editSignals(hunk: HistoryHunk, age: number): EditSignals {
  const oldNames = meaningfulIdentifiers(hunk.oldLines);
  const newNames = meaningfulIdentifiers(hunk.newLines);
  const newSet = new Set(newNames);
  const oldSet = new Set(oldNames);
  const fragments = changedFragment(hunk);
  return {
    hunk,
    age,
    removed: oldNames.filter((n) => !newSet.has(n)),
    added: newNames.filter((n) => !oldSet.has(n)),
    oldNames,
    ...fragments,
  };
}

const WORD = /[\w$]/;

/**
 * The changed part of a one-line-for-one-line change, widened to whole words, with the word (or symbol)
 * before it as context: `should should` for a doubled word removed, `Hello form` for a typo fixed.
 */
function changedFragment(h: HistoryHunk): { oldFragment?: string; newFragment?: string } {
  if (h.oldLines.length !== 1 || h.newLines.length !== 1) return {};
  const a = h.oldLines[0]!.trimEnd();
  const b = h.newLines[0]!.trimEnd();
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // A change that begins inside a word takes the whole word.
  let start = p;
  if (start > 0 && WORD.test(a[start - 1]!) && (p === a.length - s || WORD.test(a[p] ?? ''))) while (start > 0 && WORD.test(a[start - 1]!)) start--;
  let end = a.length - s;
  if (end > start && WORD.test(a[end - 1]!)) while (end < a.length && WORD.test(a[end]!)) end++;
  // One word (or one symbol) of context before the change.
  let left = start;
  while (left > 0 && a[left - 1] === ' ') left--;
  if (left > 0 && WORD.test(a[left - 1]!)) while (left > 0 && WORD.test(a[left - 1]!)) left--;
  else if (left > 0) left--;
  const oldFragment = a.slice(left, end).trim();
  const newFragment = b.slice(left, b.length - (a.length - end)).trim();
  if (!oldFragment || oldFragment === newFragment) return {};
  return { oldFragment, newFragment };
}
