/**
 * Turns "original → new text" into the smallest set of TextEdits, plus whole-line hunks for a
 * per-hunk Accept/Reject view. The line diff comes from `diff` (jsdiff); each changed run is then
 * trimmed to its differing characters, never cutting a surrogate pair, a combining mark off its
 * base, or a CRLF in half.
 */
import { diffArrays } from 'diff';
import { lineStartOffsets, positionAt, splitLines } from './textLines';
import type { LineHunk, TextEdit } from './types';

export interface ComputedEdits {
  readonly edits: TextEdit[];
  readonly hunks: LineHunk[];
}

export function computeTextEdits(original: string, next: string): ComputedEdits {
  const oldTokens = splitLines(original).map((l) => l.text + l.eol);
  const newTokens = splitLines(next).map((l) => l.text + l.eol);
  const oldOffsets = tokenOffsets(oldTokens);
  const newOffsets = tokenOffsets(newTokens);
  const starts = lineStartOffsets(original);
  const edits: TextEdit[] = [];
  const hunks: LineHunk[] = [];

  let oldIndex = 0;
  let newIndex = 0;
  let run: { oldStart: number; newStart: number; oldLength: number; newLength: number } | undefined;
  const flush = () => {
    if (!run) return;
    const fromOld = oldOffsets[run.oldStart]!;
    const toOld = oldOffsets[run.oldStart + run.oldLength]!;
    const fromNew = newOffsets[run.newStart]!;
    const toNew = newOffsets[run.newStart + run.newLength]!;
    const removed = original.slice(fromOld, toOld);
    const added = next.slice(fromNew, toNew);
    hunks.push({
      originalStart: run.oldStart,
      originalLength: run.oldLength,
      newStart: run.newStart,
      newLength: run.newLength,
      edit: { range: { start: positionAt(starts, fromOld), end: positionAt(starts, toOld) }, newText: added },
    });
    const [prefix, suffix] = commonEnds(removed, added);
    edits.push({
      range: { start: positionAt(starts, fromOld + prefix), end: positionAt(starts, toOld - suffix) },
      newText: added.slice(prefix, added.length - suffix),
    });
    run = undefined;
  };

  for (const change of lineChanges(oldTokens, newTokens)) {
    const count = change.count;
    if (!change.added && !change.removed) {
      flush();
      oldIndex += count;
      newIndex += count;
      continue;
    }
    run ??= { oldStart: oldIndex, newStart: newIndex, oldLength: 0, newLength: 0 };
    if (change.removed) {
      run.oldLength += count;
      oldIndex += count;
    } else {
      run.newLength += count;
      newIndex += count;
    }
  }
  flush();
  return { edits, hunks };
}

interface LineChangeRun {
  readonly count: number;
  readonly added: boolean;
  readonly removed: boolean;
}

/** Past this many changed lines the diff gives up and the differing middle becomes one hunk (still exact). */
const MAX_EDIT_LENGTH = 1000;

/** jsdiff's line diff, after stripping the common head and tail (cheap, and most edits are local). */
function lineChanges(a: readonly string[], b: readonly string[]): LineChangeRun[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const runs: LineChangeRun[] = [];
  if (head > 0) runs.push({ count: head, added: false, removed: false });
  const diffed = diffArrays(midA, midB, { maxEditLength: MAX_EDIT_LENGTH });
  if (diffed) runs.push(...diffed.map((c) => ({ count: c.value.length, added: c.added, removed: c.removed })));
  else runs.push({ count: midA.length, added: false, removed: true }, { count: midB.length, added: true, removed: false });
  if (tail > 0) runs.push({ count: tail, added: false, removed: false });
  return runs.filter((r) => r.count > 0);
}

function tokenOffsets(tokens: readonly string[]): number[] {
  const offsets = [0];
  let at = 0;
  for (const t of tokens) offsets.push((at += t.length));
  return offsets;
}

/** Lengths of the common prefix and suffix of a and b, shortened so no cut splits a character or a CRLF. */
function commonEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && (isUnsafeCut(a, prefix) || isUnsafeCut(b, prefix))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  while (suffix > 0 && (isUnsafeCut(a, a.length - suffix) || isUnsafeCut(b, b.length - suffix))) suffix--;
  return [prefix, suffix];
}

const COMBINING = /^[\p{M}\u200D\uFE0F]/u;

function isUnsafeCut(s: string, at: number): boolean {
  if (at <= 0 || at >= s.length) return false;
  const before = s.charCodeAt(at - 1);
  const after = s.charCodeAt(at);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return true;
  if (before === 0x0d && after === 0x0a) return true;
  if (before === 0x200d) return true;
  return COMBINING.test(s.slice(at));
}
