/**
 * The index as a snapshot and back: which files, symbols, imports and skipped files go into the header,
 * how chunk ids and file ids are renumbered on the way out, and how the per-file entries are rebuilt on
 * the way in. The byte layout is snapshot.ts's.
 */
import { describeError } from '../../logging/logger';
import type { IndexedFile, SkippedFile } from '../model';
import { type IndexStateParts as IndexArrays, InvertedIndex } from '../search/invertedIndex';
import { decodeFile, type DetailsRow, encodeDetails, encodeFile, encodeSkipped, type FileRow, type SkippedRow } from './fileRows';
import { type EncodableHeader, readSnapshot, SNAPSHOT_FORMAT } from './snapshot';

export interface CapturedSnapshot {
  readonly header: EncodableHeader<FileRow, SkippedRow>;
  /** One item per file row, in the same order. */
  readonly details: Iterable<DetailsRow>;
  readonly index: IndexArrays;
}

export interface SnapshotIdentity {
  /** Hash of what shapes the content (extractor version, chunk sizes). */
  readonly configKey: string;
  readonly roots: readonly string[];
}

/**
 * Everything the snapshot holds, taken in one synchronous step from the files by id (holes where files
 * were removed), the skipped files and the index's exported arrays (after any remap was applied to the
 * files). Files are renumbered densely in the order of their ids, chunk → file ids follow; rows are made
 * lazily while the writer runs (entries are immutable, so later changes do not touch them).
 */
export function captureSnapshot(files: readonly (IndexedFile | undefined)[], skipped: ReadonlyMap<string, SkippedFile>, state: IndexArrays, identity: SnapshotIdentity): CapturedSnapshot {
  const live = files.filter((f): f is IndexedFile => !!f);
  const newId = new Int32Array(files.length).fill(-1);
  live.forEach((f, i) => (newId[f.id] = i));
  const chunkFile = new Int32Array(state.chunkCount);
  for (let c = 0; c < state.chunkCount; c++) chunkFile[c] = newId[state.chunkFile[c]!]!;
  // Chunks must be stored in file order so each file's chunks stay one contiguous range after load.
  const order = live.slice().sort((a, b) => a.firstChunk - b.firstChunk);
  let contiguous = true;
  let expect = 0;
  for (const f of order) {
    if (f.chunkCount === 0) continue;
    if (f.firstChunk !== expect) contiguous = false;
    expect = f.firstChunk + f.chunkCount;
  }
  if (!contiguous || expect !== state.chunkCount) throw new Error('index invariant broken: chunks are not contiguous per file');
  const header: EncodableHeader<FileRow, SkippedRow> = {
    format: SNAPSHOT_FORMAT,
    configKey: identity.configKey,
    roots: identity.roots,
    savedAt: new Date().toISOString(),
    files: mapLazily(live, encodeFile),
    skipped: mapLazily([...skipped], encodeSkipped),
  };
  return { header, details: mapLazily(live, encodeDetails), index: { ...state, chunkFile } };
}

export interface RestoredIndex {
  /** By id, dense; symbols and imports not decoded yet (see `details`). */
  readonly files: IndexedFile[];
  /** Each file's symbol count, by id (the statistics count them before the details are decoded). */
  readonly symbolCounts: Int32Array;
  /** Reads and parses the files' details, by id (once). */
  readonly details: () => DetailsRow[];
  readonly skipped: Map<string, SkippedFile>;
  readonly index: InvertedIndex;
  readonly savedAt: Date;
  readonly sizeOnDisk: number;
}

export type RestoreResult = { readonly ok: true; readonly restored: RestoredIndex } | { readonly ok: false; readonly reason: string };

/**
 * Rebuilds the index from the snapshot in `dir` (undefined: there is none); anything wrong with it is
 * a reason, never a throw.
 */
export async function restoreSnapshot(dir: string, identity: SnapshotIdentity, rootOf: (file: string) => string): Promise<RestoreResult | undefined> {
  const decoded = await readSnapshot<FileRow, SkippedRow>(dir, identity);
  if (!decoded?.ok) return decoded;
  try {
    const { header, index } = decoded.snapshot;
    const first = new Int32Array(header.files.length).fill(-1);
    for (let c = index.chunkCount - 1; c >= 0; c--) {
      const f = index.chunkFile[c]!;
      if (f < 0 || f >= header.files.length) throw new Error('chunk points at a missing file');
      first[f] = c;
    }
    const restored = InvertedIndex.fromState(index);
    const files = header.files.map((row, id) => decodeFile(row, id, Math.max(0, first[id]!), rootOf(row[0])));
    const symbolCounts = Int32Array.from(header.files, (row) => row[11]);
    const skipped = new Map<string, SkippedFile>();
    for (const [p, size, mtimeMs, ctimeMs, reason] of header.skipped) skipped.set(p, { size, mtimeMs, ctimeMs, reason });
    let taken = false;
    const details = () => {
      if (taken) throw new Error('snapshot details already taken');
      taken = true;
      return decoded.snapshot.details<DetailsRow>();
    };
    return { ok: true, restored: { files, symbolCounts, details, skipped, index: restored, savedAt: new Date(header.savedAt), sizeOnDisk: decoded.sizeOnDisk } };
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
}

/** Rows made one at a time while the snapshot is written, never all at once. */
function* mapLazily<T, R>(items: Iterable<T>, f: (item: T) => R): Generator<R> {
  for (const item of items) yield f(item);
}
