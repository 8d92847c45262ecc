/**
 * The part of indexing a file that needs no syntax tree: content hash, summary line and chunk ranges.
 * Done by whichever thread tokenizes the file: the parse worker itself, or the main thread when it
 * tokenizes (few workers: the worker, not the main thread, is then the bottleneck, so everything that
 * can leave the worker does).
 */
import { createHash } from 'node:crypto';
import type { ChunkRange, FileExtract } from '../model';
import { chunkRanges } from './chunker';
import { fileSummary } from './fileSummary';

/** What only the tree gives (the worker's share of a FileExtract). */
export type TreeExtract = Omit<FileExtract, 'hash' | 'summary' | 'chunks'>;

/** fileSummary reads at most this many characters; UTF-8 needs at most 3 bytes per UTF-16 unit. */
const SUMMARY_BYTES = 8192 * 3;
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Completes a worker's extract. `text` is the decoded content when the caller has it; otherwise the
 * head of `bytes` is decoded for the summary. `hash` is reused when the worker already computed it.
 */
export function finishExtract(tree: TreeExtract, bytes: Uint8Array, text?: string, hash?: string): { extract: FileExtract; ranges: ChunkRange[] } {
  const summary = fileSummary(text ?? decoder.decode(bytes.subarray(0, SUMMARY_BYTES)));
  const extract: FileExtract = {
    ...tree,
    hash: hash ?? contentHash(bytes),
    ...(summary ? { summary } : {}),
    chunks: [],
  };
  return { extract, ranges: chunkRanges(tree.lineCount, tree.symbols) };
}
