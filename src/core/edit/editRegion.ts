/**
 * Cuts the target out of the document: the whole file (after a BOM, which is never touched) or a
 * selected range. A selection that starts inside a line's indentation is widened to the line start,
 * so the indentation belongs to the region and re-indenting the answer has one rule.
 */
import { detectIndentStyle } from './indentation';
import type { EditRegion } from './strategies/editStrategy';
import { detectEol, endsWithLineBreak, lineStartOffsets, offsetAt, splitLines } from './textLines';
import type { EditTarget } from './types';

export interface LocatedRegion {
  readonly region: EditRegion;
  readonly start: number;
  readonly end: number;
}

export function locateRegion(documentText: string, target: EditTarget, languageId: string | undefined): LocatedRegion | { error: string } {
  const bom = documentText.startsWith('\uFEFF') ? 1 : 0;
  const starts = lineStartOffsets(documentText);
  let start: number;
  let end: number;
  if (target.kind === 'file') {
    start = bom;
    end = documentText.length;
  } else {
    const s = offsetAt(documentText, starts, target.range.start);
    const e = offsetAt(documentText, starts, target.range.end);
    if (s === undefined || e === undefined || e < s) {
      return { error: `The range ${fmt(target.range.start)}-${fmt(target.range.end)} does not fit the document (it has ${starts.length} lines); the document probably changed. Select the code again and retry.` };
    }
    start = Math.max(s, bom);
    end = Math.max(e, start);
    const lineStart = Math.max(starts[target.range.start.line]!, bom);
    if (/^[ \t]*$/.test(documentText.slice(lineStart, start))) start = lineStart;
  }
  const text = documentText.slice(start, end);
  const lines = splitLines(text);
  const before = documentText.slice(bom, start);
  const after = documentText.slice(end);
  const atLineStart = start === bom || /[\r\n]$/.test(documentText.slice(0, start));
  const documentEmpty = documentText.slice(bom).trim() === '';
  // An insertion at the start of a non-empty line must end with a break to keep that line apart.
  // A new file gets a final newline.
  const endsWithBreak = (target.kind === 'file' && documentEmpty)
    || (text === '' ? atLineStart && /^[^\r\n]/.test(after) : endsWithLineBreak(text));
  return {
    start,
    end,
    region: {
      documentText,
      wholeFile: target.kind === 'file',
      text,
      lines,
      firstLine: (documentText.slice(0, start).match(/\r\n|\r|\n/g) ?? []).length,
      endsWithBreak,
      startsAtLineStart: atLineStart,
      linesBefore: before === '' ? [] : withoutPartialLast(before),
      linesAfter: after === '' ? [] : splitLines(after).map((l) => l.text),
      eol: detectEol(documentText),
      indentStyle: detectIndentStyle(splitLines(documentText).map((l) => l.text)),
      documentEmpty,
      languageId,
    },
  };
}

/** The complete lines before the region (a partial line the region starts in is left out). */
function withoutPartialLast(before: string): string[] {
  const lines = splitLines(before);
  if (lines.length > 0 && lines[lines.length - 1]!.eol === '') lines.pop();
  return lines.map((l) => l.text);
}

function fmt(p: { line: number; character: number }): string {
  return `${p.line}:${p.character}`;
}
