/**
 * Typing through a shown suggestion: while the user types exactly what the suggestion inserts, the
 * suggestion stays, re-mapped onto the new text (what remains to insert), without a new request. A
 * change that contradicts it (other text, text elsewhere inside it, a deletion in it) drops it; one
 * that types all of it consumes it (nothing is left to suggest).
 */
import { applyOffsetEdits, minimalEdits, type OffsetEdit } from './offsetEdits';

/** `moved`: the change was away from every edit (the user is typing elsewhere), which only shifted them. */
export type Remapped = { readonly kind: 'kept'; readonly edits: readonly OffsetEdit[]; readonly moved?: boolean } | { readonly kind: 'consumed' } | { readonly kind: 'contradicted' };

/**
 * The suggestion after the document went from `before` to `after`. A change away from every edit only
 * moves them; a change touching one must bring the text closer to the suggested result (fewer
 * characters left to remove or insert), and the rest is what remains to suggest.
 */
export function remapThroughTyping(before: string, after: string, edits: readonly OffsetEdit[]): Remapped {
  if (before === after) return { kind: 'kept', edits };
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const removedEnd = before.length - s; // [p, removedEnd) of `before` became [p, after.length - s) of `after`
  const delta = after.length - before.length;
  const target = applyOffsetEdits(before, edits);
  if (after === target) return { kind: 'consumed' };
  // Away from every edit (a character clear of each, so no ambiguity about where the change is): the edits only move.
  if (edits.every((e) => removedEnd < e.start - 1 || p > e.end + 1)) {
    return { kind: 'kept', moved: true, edits: edits.map((e) => (e.start > p ? { start: e.start + delta, end: e.end + delta, text: e.text } : e)) };
  }
  // Otherwise the change must bring the text closer to the suggested result.
  const rest = minimalEdits(after, target);
  return size(rest) < size(minimalEdits(before, target)) ? { kind: 'kept', edits: rest } : { kind: 'contradicted' };
}

/** Characters left to remove and insert. */
const size = (edits: readonly OffsetEdit[]) => edits.reduce((n, e) => n + (e.end - e.start) + e.text.length, 0);
