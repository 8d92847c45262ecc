/**
 * The part of indexing a file that needs no syntax tree: content hash, summary line, symbols from the
 * definitions found (symbolOutline.ts) and chunk ranges. Done by whichever thread tokenizes the file:
 * the parse worker itself, or the main thread when it tokenizes (few workers: the worker, not the main
 * thread, is then the bottleneck, so everything that can leave the worker does).
 */
import { createHash } from 'node:crypto';
import type { ChunkRange, FileExtract } from '../model';
import { chunkRanges } from './chunker';
import { fileSummary } from './fileSummary';
import { LANGUAGE_SPECS } from './languageSpecs';
import { type FoundDefinition, toSymbols } from './symbolOutline';

/** What only the tree gives (the worker's share of a FileExtract). */
export type TreeExtract = Omit<FileExtract, 'hash' | 'summary' | 'chunks' | 'symbols'> & { readonly definitions: readonly FoundDefinition[] };

/** The file's lines as finishExtract reads them: a line by number (no line break) and the head of the file. */
export interface LineSource {
  line(row: number): string;
  /** At least the first 8,192 characters (all fileSummary reads), or the whole text. */
  head(): string;
}

/** fileSummary reads at most this many characters; UTF-8 needs at most 3 bytes per UTF-16 unit. */
const SUMMARY_BYTES = 8192 * 3;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Lines of decoded text, by its line starts (chunker's lineStartsOf). */
export function textLines(text: string, lineStarts: Int32Array): LineSource {
  return {
    line: (row) => text.slice(lineStarts[row]!, Math.max(lineStarts[row]!, lineStarts[row + 1]! - 1)),
    head: () => text,
  };
}

/** Lines of UTF-8 bytes, by their line starts (chunker's lineStartsOfBytes), decoded one at a time. */
export function byteLines(bytes: Uint8Array, lineStarts: Int32Array): LineSource {
  return {
    line: (row) => decoder.decode(bytes.subarray(lineStarts[row]!, Math.max(lineStarts[row]!, lineStarts[row + 1]! - 1))),
    head: () => decoder.decode(bytes.subarray(0, SUMMARY_BYTES)),
  };
}

/** Completes a worker's extract. `hash` is reused when the worker already computed it. */
export function finishExtract(tree: TreeExtract, bytes: Uint8Array, lines: LineSource, hash?: string): { extract: FileExtract; ranges: ChunkRange[] } {
  const summary = fileSummary(lines.head());
  const { definitions, ...rest } = tree;
  const symbols = toSymbols(definitions, (tree.language && LANGUAGE_SPECS[tree.language].memberContainers) || [], (row) => lines.line(row));
  const extract: FileExtract = {
    ...rest,
    hash: hash ?? contentHash(bytes),
    ...(summary ? { summary } : {}),
    symbols,
    chunks: [],
  };
  return { extract, ranges: chunkRanges(tree.lineCount, symbols) };
}
