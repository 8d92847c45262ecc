/**
 * The part of indexing a file that needs neither the syntax tree nor the decoded text: content hash and
 * chunk ranges. Done by whichever thread tokenizes the file: the parse worker itself, or the main
 * thread when it tokenizes (few workers: the worker, not the main thread, is then the bottleneck, so
 * everything that can leave the worker does).
 */
import { createHash } from 'node:crypto';
import type { ChunkRange, FileExtract } from '../model';
import { chunkRanges } from './chunker';

/**
 * The worker's share of a FileExtract: what needs the tree, and the summary (from the decoded text the
 * worker has anyway; decoding a head of every file again on the receiver costs more memory than it saves).
 */
export type TreeExtract = Omit<FileExtract, 'hash' | 'chunks'>;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Completes a worker's extract. `hash` is reused when the worker already computed it. */
export function finishExtract(tree: TreeExtract, bytes: Uint8Array, hash?: string): { extract: FileExtract; ranges: ChunkRange[] } {
  const extract: FileExtract = { ...tree, hash: hash ?? contentHash(bytes), chunks: [] };
  return { extract, ranges: chunkRanges(tree.lineCount, tree.symbols) };
}
