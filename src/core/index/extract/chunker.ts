/**
 * Splits a file into search chunks: one chunk per outermost function or method (long ones split into
 * windows), and fixed-size windows over everything in between (class heads, fields, top-level code,
 * text files). Whole functions make better search hits and completion snippets than arbitrary windows.
 */
import type { ChunkInfo, ChunkRange, SymbolInfo } from '../model';
import { termCounts } from '../search/tokenizer';

export const WINDOW_LINES = 40;
export const MAX_FUNCTION_LINES = 80;

const FUNCTION_KINDS = new Set(['function', 'method', 'macro']);

/** `lineStarts[i]` is the offset of line i in `text`; one extra entry at the end equals text.length. */
export function lineStartsOf(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count + 1);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  starts[count] = text.length;
  return starts;
}

/** Line starts of UTF-8 bytes (same lines as the decoded text: a newline is always the byte 0x0A). */
export function lineStartsOfBytes(bytes: Uint8Array): Int32Array {
  // indexOf is a native scan (memchr); a byte-by-byte loop costs several times more on large files.
  let count = 1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  const starts = new Int32Array(count + 1);
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) starts[line++] = i + 1;
  starts[count] = bytes.length;
  return starts;
}

/** Where the chunks of a file are (before tokenizing): outermost functions, and windows over the rest. */
export function chunkRanges(lineCount: number, symbols: readonly SymbolInfo[]): ChunkRange[] {
  const out: ChunkRange[] = [];
  let next = 0; // first line not yet covered
  for (const fn of outermostFunctions(symbols)) {
    if (fn.startLine > next) windows(next, fn.startLine - 1, WINDOW_LINES, undefined, out);
    const end = Math.min(fn.endLine, lineCount - 1);
    const span = end - fn.startLine + 1;
    windows(fn.startLine, end, span <= MAX_FUNCTION_LINES ? span : WINDOW_LINES, fn.name, out);
    next = end + 1;
  }
  if (next < lineCount) windows(next, lineCount - 1, WINDOW_LINES, undefined, out);
  return out;
}

/** Tokenizes chunk ranges; ranges with no token at all (blank, punctuation) are dropped. */
export function tokenizeChunks(text: string, lineStarts: Int32Array, ranges: readonly ChunkRange[]): ChunkInfo[] {
  const out: ChunkInfo[] = [];
  for (const r of ranges) {
    const { terms, tfs, length } = termCounts(text.slice(lineStarts[r.startLine]!, lineStarts[r.endLine + 1]!));
    if (length > 0) out.push({ ...r, terms, tfs, length });
  }
  return out;
}

function outermostFunctions(symbols: readonly SymbolInfo[]): SymbolInfo[] {
  const fns = symbols.filter((s) => FUNCTION_KINDS.has(s.kind) && s.endLine > s.startLine).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const out: SymbolInfo[] = [];
  let coveredTo = -1;
  for (const fn of fns) {
    if (fn.startLine <= coveredTo) continue; // nested (or overlapping) inside the previous one
    out.push(fn);
    coveredTo = fn.endLine;
  }
  return out;
}

function windows(from: number, to: number, size: number, symbol: string | undefined, out: ChunkRange[]): void {
  for (let start = from; start <= to; start += size) {
    out.push({ startLine: start, endLine: Math.min(to, start + size - 1), ...(symbol ? { symbol } : {}) });
  }
}
