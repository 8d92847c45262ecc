/**
 * What the inline diff shows, as runs of whole lines: which original lines go (`originalStart`,
 * `originalLength`) and which lines come instead (`newLines`). From the final EditResult's hunks, or,
 * while the answer still streams, from a line diff of the selection against the code so far (lines
 * compared without their indentation, the model's base indentation replaced by the selection's).
 */
import { diffArrays } from 'diff';
import type { EditSuccess, Range } from '../edit/types';

export interface ReviewHunk {
  /** First original line replaced (0-based); for a pure insertion, the line the new lines go before. */
  readonly originalStart: number;
  readonly originalLength: number;
  readonly newLines: readonly string[];
}

export function hunksOfResult(result: EditSuccess): ReviewHunk[] {
  const lines = result.newText.split(/\r\n|\r|\n/);
  return result.hunks.map((h) => ({ originalStart: h.originalStart, originalLength: h.originalLength, newLines: lines.slice(h.newStart, h.newStart + h.newLength) }));
}

export function streamingHunks(original: string, range: Range, code: string, complete: boolean): ReviewHunk[] {
  if (code === '') return [];
  const lines = original.split(/\r\n|\r|\n/);
  const first = range.start.line;
  // A selection that ends at the start of a line does not include that line.
  const last = range.end.line > first && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  const cursor = range.start.line === range.end.line && range.start.character === range.end.character;
  const selected = cursor ? [] : lines.slice(first, last + 1);
  const base = /^[ \t]*/.exec(selected.find((l) => l.trim() !== '') ?? lines[first] ?? '')![0];
  const codeLines = code.split('\n');
  const modelBase = commonIndent(codeLines);
  const shown = codeLines.map((l) => (l.trim() === '' ? '' : base + l.slice(modelBase.length)));
  const hunks: ReviewHunk[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  let run: { start: number; removed: number; added: string[] } | undefined;
  const flush = () => {
    if (run) hunks.push({ originalStart: first + run.start, originalLength: run.removed, newLines: run.added });
    run = undefined;
  };
  for (const part of diffArrays(selected, shown, { comparator: (a, b) => a.trim() === b.trim() })) {
    const n = part.value.length;
    if (!part.added && !part.removed) {
      flush();
      oldIndex += n;
      newIndex += n;
      continue;
    }
    run ??= { start: oldIndex, removed: 0, added: [] };
    if (part.removed) {
      run.removed += n;
      oldIndex += n;
    } else {
      run.added.push(...shown.slice(newIndex, newIndex + n));
      newIndex += n;
    }
  }
  // Still streaming: selected lines after the code so far are not known to go yet.
  if (run && !complete && run.start + run.removed === selected.length) run.removed = Math.min(run.removed, run.added.length);
  flush();
  return hunks.filter((h) => h.originalLength > 0 || h.newLines.length > 0);
}

function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const indent = /^[ \t]*/.exec(l)![0];
    if (common === undefined || !indent.startsWith(common)) {
      let i = 0;
      while (common !== undefined && i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common === undefined ? indent : common.slice(0, i);
    }
  }
  return common ?? '';
}
