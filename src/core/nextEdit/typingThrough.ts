/**
 * Typing through a shown suggestion: while the user types exactly what the suggestion inserts, the
 * suggestion stays, re-mapped onto the new text (what remains to insert), without a new request. A
 * change that contradicts it (other text, text elsewhere inside it, a deletion in it) drops it; one
 * that types all of it consumes it (nothing is left to suggest).
 */
import { computeTextEdits } from '../edit/computeTextEdits';
import { positionAt } from '../edit/textLines';
import type { TextEdit } from './types';

/** A suggestion's edits as offsets into the text they were computed on. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type Remapped = { readonly kind: 'kept'; readonly edits: readonly OffsetEdit[] } | { readonly kind: 'consumed' } | { readonly kind: 'contradicted' };

export function toOffsetEdits(text: string, edits: readonly TextEdit[]): OffsetEdit[] {
  const starts = lineStarts(text);
  const off = (p: { line: number; character: number }) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  return edits.map((e) => ({ start: off(e.range.start), end: off(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
}

export function toTextEdits(text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  const starts = lineStarts(text);
  return edits.map((e) => ({ range: { start: positionAt(starts, e.start), end: positionAt(starts, e.end) }, newText: e.text }));
}

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
  // Away from every edit (not touching one): the edits only move.
  if (edits.every((e) => removedEnd < e.start || p > e.end)) {
    return { kind: 'kept', edits: edits.map((e) => (e.start > p ? { start: e.start + delta, end: e.end + delta, text: e.text } : e)) };
  }
  const target = applyOffsetEdits(before, edits);
  if (after === target) return { kind: 'consumed' };
  const rest = toOffsetEdits(after, computeTextEdits(after, target).edits);
  return size(rest) < size(edits) ? { kind: 'kept', edits: rest } : { kind: 'contradicted' };
}

export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Characters left to remove and insert. */
const size = (edits: readonly OffsetEdit[]) => edits.reduce((n, e) => n + (e.end - e.start) + e.text.length, 0);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
