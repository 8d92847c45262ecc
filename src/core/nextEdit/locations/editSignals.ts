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

/** The changed part of a one-line-for-one-line change, with a word of context on each side. */
function changedFragment(h: HistoryHunk): { oldFragment?: string; newFragment?: string } {
  if (h.oldLines.length !== 1 || h.newLines.length !== 1) return {};
  const a = h.oldLines[0]!.trimEnd();
  const b = h.newLines[0]!.trimEnd();
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // Widen to whole words, then take one more word (or symbol run) on each side as context.
  let start = p;
  while (start > 0 && WORD.test(a[start - 1]!)) start--;
  start = widenLeft(a, start);
  let endA = a.length - s;
  while (endA < a.length && WORD.test(a[endA]!)) endA++;
  endA = widenRight(a, endA);
  const oldFragment = a.slice(start, endA).trim();
  const endB = b.length - (a.length - endA);
  const newFragment = b.slice(start, Math.max(start, endB)).trim();
  if (!oldFragment || oldFragment === newFragment) return {};
  return { oldFragment, newFragment };
}

function widenLeft(t: string, i: number): number {
  let j = i;
  while (j > 0 && t[j - 1] === ' ') j--;
  if (j > 0 && WORD.test(t[j - 1]!)) while (j > 0 && WORD.test(t[j - 1]!)) j--;
  else if (j > 0) j--;
  return j;
}

function widenRight(t: string, i: number): number {
  let j = i;
  while (j < t.length && t[j] === ' ') j++;
  if (j < t.length && WORD.test(t[j]!)) while (j < t.length && WORD.test(t[j]!)) j++;
  else if (j < t.length) j++;
  return j;
}
