/**
 * The on-disk form of the index: one file, written atomically (temp file + rename), versioned and
 * checksummed. Parts:
 *
 *   prefix   magic "BANYANIX", format, then the offset, length and CRC-32 of each part below
 *   header   JSON: files (one light row each: path, times, hash, language, counts), skipped files,
 *            roots, config key — all a warm start needs to compare the disk with the index
 *   details  JSON array, one item per file row: its symbols and imports. Read from the file, checked and
 *            parsed on first use (a warm start that changes nothing never needs them)
 *   sections the chunk columns and term pools as raw little-endian typed arrays, the vocabulary as
 *            newline-joined UTF-8 (each: u32 byte length + bytes)
 *
 * Two orders. Sections, header, details: a writer puts the index's live typed arrays on disk at once
 * (no copy, nothing can change them meanwhile), then encodes the JSON row by row, yielding to the event
 * loop between slices. Header, details, sections: a first build streams each file's row to disk as the
 * file is indexed (SnapshotRowStream; details go to a side file appended at the end), so only the
 * sections are left to write when the build ends. Anything unexpected on load — wrong magic, format,
 * config key, roots, checksum, truncation — is reported as a reason and the caller rebuilds; it never
 * throws past here.
 *
 * A load reads the parts it needs straight into their final arrays (no copy of the whole file, whose
 * fresh pages cost more than the read on a large repository) and leaves the details on disk.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { type FileHandle, open as openFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { IndexState, IndexStateParts } from '../search/invertedIndex';

const MAGIC = Buffer.from('BANYANIX', 'latin1');
/** Magic, format, then offset, length and CRC-32 of header, details and sections. */
const PREFIX_BYTES = MAGIC.length + 4 + 3 * 12;
const PARTS = ['header', 'details', 'sections'] as const;
type Part = (typeof PARTS)[number];
/** Bump when the layout or the meaning of anything stored changes. */
export const SNAPSHOT_FORMAT = 8;
export const SNAPSHOT_FILE = 'index.snapshot';

export interface SnapshotHeader<F, S> {
  readonly format: number;
  /** Hash of what shapes the content (extractor version, chunk sizes). */
  readonly configKey: string;
  readonly roots: readonly string[];
  readonly savedAt: string;
  readonly files: readonly F[];
  readonly skipped: readonly S[];
}

/** What the writer takes: rows may be produced lazily (a generator), one at a time. */
export type EncodableHeader<F, S> = Omit<SnapshotHeader<F, S>, 'files' | 'skipped'> & { readonly files: Iterable<F>; readonly skipped: Iterable<S> };

export interface Snapshot<F, S> {
  readonly header: SnapshotHeader<F, S>;
  readonly index: IndexState;
  /** Reads the details part from the file and parses it, one item per file row; throws when it cannot. */
  readonly details: <D>() => D[];
}

/** The details part's items, one per file row of the header. */
export function parseDetails<D>(details: Buffer, files: number): D[] {
  const items = JSON.parse(details.toString('utf8')) as unknown;
  if (!Array.isArray(items) || items.length !== files) throw new Error('snapshot details do not match its files');
  return items as D[];
}

/** Where a part lies in the file and the CRC-32 of its bytes. */
interface PartPlace {
  readonly start: number;
  readonly length: number;
  readonly crc: number;
}

type Column = 'chunkFile' | 'chunkStart' | 'chunkEnd' | 'chunkLength' | 'chunkTermStart' | 'chunkTermCount' | 'termPool';
const INT_COLUMNS: readonly Column[] = ['chunkFile', 'chunkStart', 'chunkEnd', 'chunkLength', 'chunkTermStart', 'chunkTermCount', 'termPool'];
/** Header JSON is encoded in slices of about this many characters (then the writer may yield). */
const HEADER_SLICE = 1 << 20;

type Crc32 = (data: Uint8Array, value?: number) => number;
const zlibCrc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** CRC-32 fed buffer by buffer (zlib's; on Node versions without it, the first 4 bytes of a SHA-1). */
class Checksum {
  private crc = 0;
  private readonly sha = zlibCrc32 ? undefined : createHash('sha1');
  update(b: Uint8Array): void {
    if (zlibCrc32) this.crc = zlibCrc32(b, this.crc);
    else this.sha!.update(b);
  }
  value(): number {
    return zlibCrc32 ? this.crc >>> 0 : this.sha!.digest().readUInt32LE(0);
  }
}

/** The sections as buffers: views on the index's arrays, not copies. */
function sections(index: IndexStateParts): Buffer[] {
  const out: Buffer[] = [];
  /** One section: its length, then the pieces one after the other. */
  const add = (...pieces: readonly ArrayBufferView[]) => {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(pieces.reduce((n, a) => n + a.byteLength, 0), 0);
    out.push(len, ...pieces.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  };
  for (const col of INT_COLUMNS) {
    if (col === 'termPool') add(...index.termPool);
    else add(index[col]);
  }
  add(...index.tfPool);
  add(Buffer.from(index.terms.join('\n'), 'utf8'));
  return out;
}

/** The header's JSON (the same text as JSON.stringify(header)) in slices, rows encoded one at a time. */
function* headerSlices<F, S>(header: EncodableHeader<F, S>): Generator<Buffer> {
  let pending = '';
  const { files, skipped, ...rest } = header;
  pending += JSON.stringify(rest).slice(0, -1);
  for (const [key, rows] of [['files', files], ['skipped', skipped]] as const) {
    pending += `,${JSON.stringify(key)}:[`;
    for (const items of jsonItems(rows as Iterable<unknown>)) {
      pending += items;
      if (pending.length >= HEADER_SLICE) {
        yield Buffer.from(pending, 'utf8');
        pending = '';
      }
    }
    pending += ']';
  }
  yield Buffer.from(`${pending}}`, 'utf8');
}

/** Details as one JSON array, in slices. */
function* detailsSlices<D>(details: Iterable<D>): Generator<Buffer> {
  let pending = '[';
  for (const items of jsonItems(details)) {
    pending += items;
    if (pending.length >= HEADER_SLICE) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  yield Buffer.from(`${pending}]`, 'utf8');
}

/** Rows as the items of a JSON array (comma-separated, no brackets), in pieces of about HEADER_SLICE characters. */
function* jsonItems(rows: Iterable<unknown>, after = 0): Generator<string> {
  let piece = '';
  let n = after;
  for (const row of rows) {
    piece += `${n++ ? ',' : ''}${JSON.stringify(row)}`;
    if (piece.length >= HEADER_SLICE) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Writes the snapshot atomically: a reader sees the old snapshot or the new one, never half of one.
 * The sections (live index arrays) are written before the first yield; `pause` runs between header
 * slices so a large index does not hold the event loop for the whole encoding. Returns the file size.
 */
export async function writeSnapshot<F, S, D>(dir: string, header: EncodableHeader<F, S>, details: Iterable<D>, index: IndexStateParts, pause: () => Promise<void>): Promise<number> {
  const writer = new SnapshotWriter(dir);
  try {
    writer.begin('sections');
    for (const b of sections(index)) writer.write(b);
    writer.end('sections');
    for (const [part, slices] of [['header', headerSlices(header)], ['details', detailsSlices(details)]] as const) {
      writer.begin(part);
      for (const slice of slices) {
        writer.write(slice);
        await pause();
      }
      writer.end(part);
    }
    return writer.finish();
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/** The same, without yielding (process exit paths, where no more ticks may run). */
export function writeSnapshotSync<F, S, D>(dir: string, header: EncodableHeader<F, S>, details: Iterable<D>, index: IndexStateParts): number {
  const writer = new SnapshotWriter(dir);
  try {
    writer.begin('sections');
    for (const b of sections(index)) writer.write(b);
    writer.end('sections');
    for (const [part, slices] of [['header', headerSlices(header)], ['details', detailsSlices(details)]] as const) {
      writer.begin(part);
      for (const slice of slices) writer.write(slice);
      writer.end(part);
    }
    return writer.finish();
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/**
 * A snapshot written while a first build runs: file rows go to disk as they come (`add`, in the order
 * the snapshot will list the files; their details to a side file), the rest at `finish`, without
 * yielding (so the sections match the rows). Memory stays at a slice of JSON whatever the index size.
 */
export class SnapshotRowStream<F, D> {
  private readonly writer: SnapshotWriter;
  private readonly side: SideFile;
  private pending = '';
  private pendingDetails = '';
  private done = false;
  /** Rows added so far. */
  rows = 0;

  constructor(dir: string) {
    removeStaleTemps(dir);
    this.writer = new SnapshotWriter(dir);
    try {
      this.side = new SideFile(`${this.writer.temp.slice(0, -'.tmp'.length)}.details.tmp`);
    } catch (err) {
      this.writer.abort();
      throw err;
    }
    this.writer.begin('header');
    this.pending = '{"files":[';
  }

  add(row: F, details: D): void {
    for (const items of jsonItems([row], this.rows)) this.pending += items;
    for (const items of jsonItems([details], this.rows)) this.pendingDetails += items;
    this.rows++;
    if (this.pending.length >= HEADER_SLICE) this.flush();
    if (this.pendingDetails.length >= HEADER_SLICE) this.flushDetails();
  }

  /** Completes the file (header fields, skipped rows, details, sections) and renames it into place; returns its size. */
  finish<S>(header: Omit<EncodableHeader<F, S>, 'files'>, index: IndexStateParts): number {
    if (this.done) throw new Error('snapshot stream already finished');
    this.done = true;
    try {
      const { skipped, ...rest } = header;
      this.pending += '],"skipped":[';
      for (const items of jsonItems(skipped)) this.pending += items;
      this.pending += `],${JSON.stringify(rest).slice(1)}`;
      this.flush();
      this.writer.end('header');
      this.flushDetails();
      this.writer.begin('details');
      this.writer.write(Buffer.from('['));
      this.side.copyTo((b) => this.writer.write(b));
      this.writer.write(Buffer.from(']'));
      this.writer.end('details');
      this.writer.begin('sections');
      for (const b of sections(index)) this.writer.write(b);
      this.writer.end('sections');
      return this.writer.finish();
    } catch (err) {
      this.writer.abort();
      throw err;
    } finally {
      this.side.remove();
    }
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    this.writer.abort();
    this.side.remove();
  }

  private flush(): void {
    if (!this.pending) return;
    this.writer.write(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  private flushDetails(): void {
    if (!this.pendingDetails) return;
    this.side.write(Buffer.from(this.pendingDetails, 'utf8'));
    this.pendingDetails = '';
  }
}

/** A plain temp file written in sequence and read back once. */
class SideFile {
  private readonly fd: number;
  private size = 0;
  private closed = false;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'w+');
  }

  write(b: Uint8Array): void {
    for (let at = 0; at < b.byteLength; ) at += writeSync(this.fd, b, at, b.byteLength - at, this.size + at);
    this.size += b.byteLength;
  }

  copyTo(sink: (b: Buffer) => void): void {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, this.size)));
    for (let at = 0; at < this.size; ) {
      const n = readSync(this.fd, chunk, 0, Math.min(chunk.length, this.size - at), at);
      if (n <= 0) throw new Error('snapshot details side file is shorter than written');
      sink(chunk.subarray(0, n));
      at += n;
    }
  }

  remove(): void {
    try {
      if (!this.closed) closeSync(this.fd);
      this.closed = true;
      unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Temp files of writers that died (a streamed first build lasts long enough to be killed midway): removed
 * when their process is gone. Names are `index.snapshot.<pid>.<time>.tmp` (see SnapshotWriter) and
 * `index.snapshot.<pid>.<time>.details.tmp` (SnapshotRowStream's side file).
 */
function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^index\.snapshot\.(\d+)\.\d+(?:\.details)?\.tmp$/.exec(name);
    // This process's own writers may be open; another live process may be writing too.
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      /* gone already */
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class SnapshotWriter {
  private readonly target: string;
  readonly temp: string;
  private readonly fd: number;
  /** The part being written and its checksum so far. */
  private open: { part: Part; crc: Checksum } | undefined;
  private offset = PREFIX_BYTES;
  private readonly parts = new Map<Part, [start: number, end: number, crc: number]>();
  private closed = false;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.target = path.join(dir, SNAPSHOT_FILE);
    this.temp = `${this.target}.${process.pid}.${Date.now()}.tmp`;
    this.fd = openSync(this.temp, 'w');
  }

  write(b: Uint8Array): void {
    if (!this.open) throw new Error('snapshot bytes written outside a part');
    for (let at = 0; at < b.byteLength; ) at += writeSync(this.fd, b, at, b.byteLength - at, this.offset + at);
    this.offset += b.byteLength;
    this.open.crc.update(b);
  }

  begin(part: Part): void {
    if (this.open) throw new Error(`snapshot part ${part} begun inside ${this.open.part}`);
    this.open = { part, crc: new Checksum() };
    this.parts.set(part, [this.offset, -1, 0]);
  }

  end(part: Part): void {
    if (this.open?.part !== part) throw new Error(`snapshot part ${part} ended but not begun`);
    const place = this.parts.get(part)!;
    place[1] = this.offset;
    place[2] = this.open.crc.value();
    this.open = undefined;
  }

  finish(): number {
    const prefix = Buffer.alloc(PREFIX_BYTES);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(SNAPSHOT_FORMAT, 8);
    PARTS.forEach((part, i) => {
      const [start, end, crc] = this.parts.get(part) ?? [-1, -1, 0];
      if (start < 0 || end < start) throw new Error(`snapshot part ${part} was not written`);
      prefix.writeUInt32LE(start, 12 + 12 * i);
      prefix.writeUInt32LE(end - start, 16 + 12 * i);
      prefix.writeUInt32LE(crc, 20 + 12 * i);
    });
    writeSync(this.fd, prefix, 0, PREFIX_BYTES, 0);
    closeSync(this.fd);
    this.closed = true;
    renameSync(this.temp, this.target);
    return this.offset;
  }

  abort(): void {
    try {
      if (!this.closed) closeSync(this.fd);
      unlinkSync(this.temp);
    } catch {
      /* already gone */
    }
  }
}

export type DecodeResult<F, S> = { ok: true; snapshot: Snapshot<F, S>; sizeOnDisk: number } | { ok: false; reason: string };

/**
 * Reads and checks the snapshot in `dir`: its header and index arrays now, its details when asked for.
 * The index arrays are read in the thread pool while this thread checks and parses the header.
 */
export async function readSnapshot<F, S>(dir: string, expected: { configKey: string; roots: readonly string[] }): Promise<DecodeResult<F, S> | undefined> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let handle: FileHandle;
  try {
    handle = await openFile(file, 'r');
  } catch {
    return undefined;
  }
  let sectionsRead: Promise<unknown> | undefined;
  try {
    const size = (await handle.stat()).size;
    const prefix = await readAt(handle, Buffer.allocUnsafe(Math.min(PREFIX_BYTES, size)), 0);
    if (prefix.length < PREFIX_BYTES || !prefix.subarray(0, 8).equals(MAGIC)) return { ok: false, reason: 'not a Banyan index snapshot' };
    const format = prefix.readUInt32LE(8);
    if (format !== SNAPSHOT_FORMAT) return { ok: false, reason: `snapshot format ${format}, this version uses ${SNAPSHOT_FORMAT}` };
    const parts = {} as Record<Part, PartPlace>;
    for (const [i, part] of PARTS.entries()) {
      const place = { start: prefix.readUInt32LE(12 + 12 * i), length: prefix.readUInt32LE(16 + 12 * i), crc: prefix.readUInt32LE(20 + 12 * i) };
      if (place.start < PREFIX_BYTES || place.start + place.length > size) return { ok: false, reason: 'truncated snapshot' };
      parts[part] = place;
    }
    // Its own ArrayBuffer, at offset 0: the sections' arrays are views on it (see indexOfSections).
    const sections = readAt(handle, Buffer.allocUnsafeSlow(parts.sections.length), parts.sections.start);
    sectionsRead = sections.catch(() => undefined);
    const headerBytes = await readAt(handle, Buffer.allocUnsafe(parts.header.length), parts.header.start);
    if (!sameCrc(parts.header, headerBytes)) return { ok: false, reason: 'checksum mismatch (corrupt file)' };
    const header = JSON.parse(headerBytes.toString('utf8')) as SnapshotHeader<F, S>;
    if (header.configKey !== expected.configKey) return { ok: false, reason: 'the extractor changed since it was saved' };
    if (JSON.stringify(header.roots) !== JSON.stringify(expected.roots)) return { ok: false, reason: 'workspace folders changed' };
    const sectionBytes = await sections;
    if (!sameCrc(parts.sections, sectionBytes)) return { ok: false, reason: 'checksum mismatch (corrupt file)' };
    const index = indexOfSections(sectionBytes);
    const details = <D>(): D[] => parseDetails<D>(readDetails(file, parts.details), header.files.length);
    return { ok: true, snapshot: { header, index, details }, sizeOnDisk: size };
  } catch (err) {
    return { ok: false, reason: `unreadable snapshot: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    await sectionsRead;
    await handle.close().catch(() => undefined);
  }
}

/** Fills `into` from the file at `position`; fewer bytes than asked for means the file is truncated. */
async function readAt<T extends Uint8Array>(handle: FileHandle, into: T, position: number): Promise<T> {
  for (let at = 0; at < into.byteLength; ) {
    const { bytesRead } = await handle.read(into, at, into.byteLength - at, position + at);
    if (bytesRead <= 0) throw new Error('truncated snapshot');
    at += bytesRead;
  }
  return into;
}

function sameCrc(place: PartPlace, bytes: Uint8Array): boolean {
  const crc = new Checksum();
  crc.update(bytes);
  return crc.value() === place.crc;
}

/**
 * The index arrays, views on the sections part's bytes (no copy; only the vocabulary's bytes, turned
 * into strings, are kept beyond need), checked for consistency. Each section is a u32 length and its
 * contents; every length before the vocabulary's is a multiple of 4, so each array starts aligned.
 */
function indexOfSections(part: Uint8Array): IndexState {
  const view = new DataView(part.buffer, part.byteOffset, part.byteLength);
  let at = 0;
  const next = <T>(make: (offset: number, length: number) => T, unit: number): T => {
    if (at + 4 > part.byteLength) throw new Error('truncated section');
    const bytes = view.getUint32(at, true);
    if (at + 4 + bytes > part.byteLength) throw new Error('truncated section');
    if (bytes % unit !== 0 || (part.byteOffset + at + 4) % unit !== 0) throw new Error('misaligned section');
    const data = make(part.byteOffset + at + 4, bytes / unit);
    at += 4 + bytes;
    return data;
  };
  const ints: Partial<Record<Column, Int32Array>> = {};
  for (const col of INT_COLUMNS) ints[col] = next((offset, n) => new Int32Array(part.buffer, offset, n), 4);
  const tfPool = next((offset, n) => new Uint16Array(part.buffer, offset, n), 2);
  const termText = next((offset, n) => Buffer.from(part.buffer, offset, n).toString('utf8'), 1);
  if (at !== part.byteLength) throw new Error('unexpected bytes after the sections');
  const terms = termText ? termText.split('\n') : [];
  const chunkCount = ints.chunkFile!.length;
  for (const col of INT_COLUMNS) if (col !== 'termPool' && ints[col]!.length !== chunkCount) throw new Error(`column ${col} has the wrong length`);
  if (tfPool.length !== ints.termPool!.length) throw new Error('term pools differ in length');
  const index: IndexState = {
    terms,
    chunkFile: ints.chunkFile!,
    chunkStart: ints.chunkStart!,
    chunkEnd: ints.chunkEnd!,
    chunkLength: ints.chunkLength!,
    chunkTermStart: ints.chunkTermStart!,
    chunkTermCount: ints.chunkTermCount!,
    termPool: ints.termPool!,
    tfPool,
    chunkCount,
  };
  for (let i = 0; i < index.termPool.length; i++) if ((index.termPool[i]! >>> 0) >= terms.length) throw new Error('term id out of range');
  for (let c = 0; c < chunkCount; c++) {
    if (index.chunkTermStart[c]! < 0 || index.chunkTermStart[c]! + index.chunkTermCount[c]! > index.termPool.length) throw new Error('chunk terms out of range');
  }
  return index;
}

/**
 * The details part, read when first needed. The file may have been replaced since the load (another
 * process saving the same workspace): the part's checksum from the load tells, and the caller then
 * indexes the files again.
 */
function readDetails(file: string, place: PartPlace): Buffer {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.allocUnsafe(place.length);
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, bytes, at, bytes.length - at, place.start + at);
      if (n <= 0) throw new Error('snapshot details cut short on disk');
      at += n;
    }
    if (!sameCrc(place, bytes)) throw new Error('snapshot details changed on disk or are corrupt');
    return bytes;
  } finally {
    closeSync(fd);
  }
}
