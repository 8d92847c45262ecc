/**
 * The on-disk form of the index: one file, written atomically (temp file + rename), versioned and
 * checksummed. Parts:
 *
 *   prefix   magic "BANYANIX", format, CRC-32 of everything after the prefix, then the offset and length
 *            of each part below
 *   header   JSON: files (one light row each: path, times, hash, language, counts), skipped files,
 *            roots, config key — all a warm start needs to compare the disk with the index
 *   details  JSON array, one item per file row: its symbols and imports. Kept as bytes on load and
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
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { IndexState, IndexStateParts } from '../search/invertedIndex';

const MAGIC = Buffer.from('BANYANIX', 'latin1');
/** Magic, format, CRC, then offset and length of header, details and sections. */
const PREFIX_BYTES = MAGIC.length + 8 + 3 * 8;
const PARTS = ['header', 'details', 'sections'] as const;
type Part = (typeof PARTS)[number];
/** Bump when the layout or the meaning of anything stored changes. */
export const SNAPSHOT_FORMAT = 7;
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
  /** The details part as bytes (a copy): parseDetails turns it into one item per file row. */
  readonly details: Buffer;
}

/** The details part's items, one per file row of the header. */
export function parseDetails<D>(details: Buffer, files: number): D[] {
  const items = JSON.parse(details.toString('utf8')) as unknown;
  if (!Array.isArray(items) || items.length !== files) throw new Error('snapshot details do not match its files');
  return items as D[];
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
  private readonly crc = new Checksum();
  private offset = PREFIX_BYTES;
  private readonly parts = new Map<Part, [start: number, end: number]>();
  private closed = false;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.target = path.join(dir, SNAPSHOT_FILE);
    this.temp = `${this.target}.${process.pid}.${Date.now()}.tmp`;
    this.fd = openSync(this.temp, 'w');
  }

  write(b: Uint8Array): void {
    for (let at = 0; at < b.byteLength; ) at += writeSync(this.fd, b, at, b.byteLength - at, this.offset + at);
    this.offset += b.byteLength;
    this.crc.update(b);
  }

  begin(part: Part): void {
    this.parts.set(part, [this.offset, -1]);
  }

  end(part: Part): void {
    this.parts.get(part)![1] = this.offset;
  }

  finish(): number {
    const prefix = Buffer.alloc(PREFIX_BYTES);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(SNAPSHOT_FORMAT, 8);
    prefix.writeUInt32LE(this.crc.value(), 12);
    PARTS.forEach((part, i) => {
      const [start, end] = this.parts.get(part) ?? [-1, -1];
      if (start < 0 || end < start) throw new Error(`snapshot part ${part} was not written`);
      prefix.writeUInt32LE(start, 16 + 8 * i);
      prefix.writeUInt32LE(end - start, 20 + 8 * i);
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

export type DecodeResult<F, S> = { ok: true; snapshot: Snapshot<F, S> } | { ok: false; reason: string };

export function decodeSnapshot<F, S>(buf: Buffer, expected: { configKey: string; roots: readonly string[] }): DecodeResult<F, S> {
  try {
    if (buf.length < PREFIX_BYTES || !buf.subarray(0, 8).equals(MAGIC)) return { ok: false, reason: 'not a Banyan index snapshot' };
    const format = buf.readUInt32LE(8);
    if (format !== SNAPSHOT_FORMAT) return { ok: false, reason: `snapshot format ${format}, this version uses ${SNAPSHOT_FORMAT}` };
    const parts = {} as Record<Part, [start: number, end: number]>;
    for (const [i, part] of PARTS.entries()) {
      const start = buf.readUInt32LE(16 + 8 * i);
      const end = start + buf.readUInt32LE(20 + 8 * i);
      if (start < PREFIX_BYTES || end > buf.length) return { ok: false, reason: 'truncated snapshot' };
      parts[part] = [start, end];
    }
    const crc = new Checksum();
    crc.update(buf.subarray(PREFIX_BYTES));
    if (crc.value() !== buf.readUInt32LE(12)) return { ok: false, reason: 'checksum mismatch (corrupt file)' };
    const header = JSON.parse(buf.subarray(...parts.header).toString('utf8')) as SnapshotHeader<F, S>;
    if (header.configKey !== expected.configKey) return { ok: false, reason: 'the extractor changed since it was saved' };
    if (JSON.stringify(header.roots) !== JSON.stringify(expected.roots)) return { ok: false, reason: 'workspace folders changed' };
    const [sectionsStart, sectionsEnd] = parts.sections;
    let at = sectionsStart;
    const next = (): Buffer => {
      if (at + 4 > sectionsEnd) throw new Error('truncated section');
      const len = buf.readUInt32LE(at);
      if (at + 4 + len > sectionsEnd) throw new Error('truncated section');
      const out = buf.subarray(at + 4, at + 4 + len);
      at += 4 + len;
      return out;
    };
    // Copy each section into its own ArrayBuffer: typed arrays need aligned offsets.
    const ints: Partial<Record<Column, Int32Array>> = {};
    for (const col of INT_COLUMNS) {
      const b = next();
      ints[col] = new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
    const tfBytes = next();
    const tfPool = new Uint16Array(tfBytes.buffer.slice(tfBytes.byteOffset, tfBytes.byteOffset + tfBytes.byteLength));
    const termText = next().toString('utf8');
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
    // A copy: the rest of the file's bytes need not stay in memory until the details are used.
    return { ok: true, snapshot: { header, index, details: Buffer.from(buf.subarray(...parts.details)) } };
  } catch (err) {
    return { ok: false, reason: `unreadable snapshot: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function readSnapshotFile(dir: string): Buffer | undefined {
  try {
    return readFileSync(path.join(dir, SNAPSHOT_FILE));
  } catch {
    return undefined;
  }
}
