/**
 * Text as lines that keep their own line ending, so unchanged lines survive an edit byte for byte even
 * in files with mixed endings. Line breaks are `\r\n`, `\n` and a lone `\r`, as in LSP and VS Code.
 */
import type { Position } from './types';

export interface Line {
  readonly text: string;
  /** '' only for a last line without a final line break. */
  readonly eol: string;
}

export type Eol = '\n' | '\r\n';

const LINE_BREAK = /\r\n|\r|\n/g;

/** `"a\nb\n"` → two lines; `""` → no lines; a final line without a break has `eol: ''`. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  let out = '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}

/** The line contents without endings (a final empty line after a trailing break is not included). */
export function lineTexts(text: string): string[] {
  return splitLines(text).map((l) => l.text);
}

/** The file's line ending: the more frequent of CRLF and LF (LF for a file without breaks). */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    if (m[0] === '\r\n') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function endsWithLineBreak(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

/** Offsets at which each line starts; a text ending in a break has a last, empty line (as in VS Code). */
export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

/**
 * The offset of a position, or undefined when it lies outside the text or inside a line break.
 * A character beyond the end of its line is refused rather than clamped: a range that does not fit
 * the text was computed against another version of it.
 */
export function offsetAt(text: string, starts: readonly number[], pos: Position): number | undefined {
  if (!Number.isInteger(pos.line) || !Number.isInteger(pos.character) || pos.line < 0 || pos.character < 0) return undefined;
  if (pos.line >= starts.length) return undefined;
  const lineStart = starts[pos.line]!;
  const nextStart = pos.line + 1 < starts.length ? starts[pos.line + 1]! : text.length;
  let contentEnd = nextStart;
  if (pos.line + 1 < starts.length) {
    contentEnd -= text.startsWith('\r\n', nextStart - 2) ? 2 : 1;
  }
  const offset = lineStart + pos.character;
  return offset <= contentEnd ? offset : undefined;
}
