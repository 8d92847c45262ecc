import { isBlank, lineIndentWidth } from '../text/indentation';

/** A line that closes a structure (`}`, `)`, `]`, Ruby/Lua `end`). */
const CLOSING_LINE = /^\s*([)\]}]|end\b)/;
/** A closing line that opens the next part of the same structure (`} else {`, `} catch (e) {`). */
const REOPENING_LINE = /[{([]\s*$/;

export interface Region {
  readonly start: number;
  readonly end: number;
}

/**
 * The part of the document in which a candidate's syntax is judged: the outermost structure around
 * the cursor that fits in `maxChars`, found by indentation: a line above the cursor indented less
 * than everything between it and the cursor (a header: `class …{`, `func …{`, `def …:`), down to the
 * first line below the cursor at that indentation or less (its closing line included). The prompt's
 * windows would not do: cut at a token budget, they leave structures open at one edge and their
 * closers at the other, and then a `}` that balances the window is not the one that balances the
 * code. Undefined when not even the innermost structure fits.
 */
export function syntaxRegion(text: string, cursor: number, tabSize: number, maxChars: number): Region | undefined {
  const cursorLineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const newline = text.indexOf('\n', cursor);
  const cursorLineEnd = newline < 0 ? text.length : newline;
  const cursorLine = text.slice(cursorLineStart, cursorLineEnd);
  const headers: { start: number; indent: number }[] = [];
  let minIndent = Infinity;
  if (!isBlank(cursorLine)) {
    minIndent = lineIndentWidth(cursorLine, tabSize);
    headers.push({ start: cursorLineStart, indent: minIndent });
  }
  for (let lineEnd = cursorLineStart - 1; lineEnd > 0 && minIndent > 0 && cursor - lineEnd <= maxChars; ) {
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(start, lineEnd);
    lineEnd = start - 1;
    if (isBlank(line) || CLOSING_LINE.test(line)) continue;
    const indent = lineIndentWidth(line, tabSize);
    if (indent >= minIndent) continue;
    minIndent = indent;
    headers.push({ start, indent });
  }
  for (let i = headers.length - 1; i >= 0; i--) {
    const header = headers[i]!;
    const end = structureEnd(text, cursorLineEnd, header.indent, tabSize, header.start + maxChars);
    if (end !== undefined) return { start: header.start, end };
  }
  if (headers.length === 0) return structureEndOrBlank(text, cursorLineStart, cursorLineEnd, tabSize, maxChars);
  return undefined;
}

/**
 * Where a structure whose header is indented `indent` ends below the cursor line (which ends at
 * `from`): after its closing line, or before the next line at its indentation that is not one.
 * Undefined past `limit`.
 */
function structureEnd(text: string, from: number, indent: number, tabSize: number, limit: number): number | undefined {
  let start = from + 1;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end > limit) return undefined;
    const line = text.slice(start, end);
    if (!isBlank(line) && lineIndentWidth(line, tabSize) <= indent) {
      if (!CLOSING_LINE.test(line)) return Math.max(from, start - 1);
      if (!REOPENING_LINE.test(line)) return end;
    }
    if (newline < 0) return text.length;
    start = newline + 1;
  }
  return text.length;
}

/** A blank cursor line with nothing indented above it: the region is whatever the cursor starts. */
function structureEndOrBlank(text: string, cursorLineStart: number, cursorLineEnd: number, tabSize: number, maxChars: number): Region | undefined {
  const end = structureEnd(text, cursorLineEnd, 0, tabSize, cursorLineStart + maxChars);
  return end === undefined ? undefined : { start: cursorLineStart, end };
}
