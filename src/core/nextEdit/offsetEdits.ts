/**
 * Edits as character offsets into the text they apply to, and the smallest such edits between two
 * texts: the edit engine's line diff (never splitting a surrogate pair, a combining sequence or a
 * CRLF), each changed run then split by words so that, e.g., a rename on two adjacent lines is two
 * small edits, not one spanning both lines (the split is dropped where it would break a character).
 */
import { diffWordsWithSpace } from 'diff';
import { computeTextEdits } from '../edit/computeTextEdits';
import { positionAt } from '../edit/textLines';
import type { TextEdit } from './types';

/** A suggestion's edits as offsets into the text they were computed on. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function toOffsetEdits(text: string, edits: readonly TextEdit[]): OffsetEdit[] {
  const off = offsetIn(text);
  return edits.map((e) => ({ start: off(e.range.start), end: off(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start);
}

/**
 * Each edit with the text its range covers in `text`, the text it was computed on: the editor applies
 * an edit only where its document still holds that (another file can change between the suggestion
 * and the accept, and only the cursor's document has a version the suggestion names).
 */
export function withOldText(text: string, edits: readonly TextEdit[]): (TextEdit & { readonly oldText: string })[] {
  const off = offsetIn(text);
  return edits.map((e) => ({ ...e, oldText: text.slice(off(e.range.start), off(e.range.end)) }));
}

function offsetIn(text: string): (p: { line: number; character: number }) => number {
  const starts = lineStarts(text);
  return (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
}

export function toTextEdits(text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  const starts = lineStarts(text);
  return edits.map((e) => ({ range: { start: positionAt(starts, e.start), end: positionAt(starts, e.end) }, newText: e.text }));
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

/**
 * The edits from `from` to `to`: the edit engine's line diff, each changed run then split by words
 * (a rename on two adjacent lines is two small edits, not one spanning both lines).
 */
export function minimalEdits(from: string, to: string): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of toOffsetEdits(from, computeTextEdits(from, to).edits)) {
    const parts = splitByWords(from, e);
    // The engine's run never splits a surrogate pair, a combining sequence or a CRLF; the split must not either.
    out.push(...(parts.every((x) => safeBoundary(from, x.start) && safeBoundary(from, x.end) && safeText(x.text)) ? parts : [e]));
  }
  return out;
}

function splitByWords(from: string, e: OffsetEdit): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  let at = e.start;
  let pending: OffsetEdit | undefined;
  for (const part of diffWordsWithSpace(from.slice(e.start, e.end), e.text)) {
    if (!part.added && !part.removed) {
      if (pending) out.push(pending);
      pending = undefined;
      at += part.value.length;
      continue;
    }
    pending ??= { start: at, end: at, text: '' };
    if (part.removed) {
      pending = { ...pending, end: pending.end + part.value.length };
      at += part.value.length;
    } else pending = { ...pending, text: pending.text + part.value };
  }
  if (pending) out.push(pending);
  return out;
}

const COMBINING = /^\p{M}/u;

/** Not inside a surrogate pair or a CRLF, and not right before a combining mark. */
function safeBoundary(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const prev = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) return false;
  if (c === 10 && prev === 13) return false;
  return !COMBINING.test(text.slice(at, at + 1));
}

function safeText(t: string): boolean {
  return !COMBINING.test(t) && !/^[\udc00-\udfff]/.test(t) && !/[\ud800-\udbff]$/.test(t);
}



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
