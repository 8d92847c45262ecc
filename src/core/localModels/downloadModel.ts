/**
 * Downloads one catalogue model into the models folder: checks free space first, streams into
 * `<file>.part` while hashing, resumes with an HTTP Range request when the connection drops (and on the
 * next attempt after a cancel), verifies the sha256 before the file gets its final name, and deletes
 * a file whose hash is wrong. The fetch is the model layer's, so proxy and CA settings apply.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, statfs } from 'node:fs/promises';
import * as path from 'node:path';
import type { FetchFn } from '../llm/network/httpFetch';
import { systemClock } from '../llm/reliability/clock';
import { type CatalogueEntry, formatBytes } from './catalogue';

export interface DownloadProgress {
  readonly phase: 'downloading' | 'verifying';
  /** Bytes on disk so far (a resumed download starts above 0). */
  readonly receivedBytes: number;
  readonly totalBytes: number;
  /** Over the last few seconds; 0 before there is a measure. */
  readonly bytesPerSecond: number;
  /** Where this run started (0, or the size of the partial file it resumed). */
  readonly resumedFromBytes: number;
}

export type DownloadErrorKind = 'notFound' | 'http' | 'network' | 'checksum' | 'disk' | 'cancelled';

export class DownloadError extends Error {
  constructor(readonly kind: DownloadErrorKind, message: string, readonly fix?: string) {
    super(message);
    this.name = 'DownloadError';
  }

  describe(): string {
    return this.fix ? `${this.message}. ${this.fix}` : this.message;
  }
}

export interface DownloadOptions {
  readonly fetch: FetchFn;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Free bytes where the file goes (default: statfs). */
  readonly freeBytes?: (dir: string) => Promise<number>;
  /** Resumes after a dropped connection before giving up (default 5). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly progressIntervalMs?: number;
}

export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
  /** True when a partial file from an earlier attempt was continued. */
  readonly resumed: boolean;
  /** True when the verified file was already there (nothing was fetched). */
  readonly alreadyPresent: boolean;
}

/** Kept free beyond the file itself, so a download never fills the disk to the last byte. */
const DISK_MARGIN = 64 * 1024 * 1024;

export async function downloadModel(entry: CatalogueEntry, dir: string, o: DownloadOptions): Promise<DownloadResult> {
  const dest = path.join(dir, entry.file);
  if (existsSync(dest)) return { path: dest, bytes: (await stat(dest)).size, resumed: false, alreadyPresent: true };
  await mkdir(dir, { recursive: true });
  const part = `${dest}.part`;
  let have = existsSync(part) ? (await stat(part)).size : 0;
  if (have > entry.sizeBytes) {
    await rm(part, { force: true });
    have = 0;
  }
  const resumedFrom = have;
  const free = await (o.freeBytes ?? freeBytesOf)(dir);
  const needed = entry.sizeBytes - have + DISK_MARGIN;
  if (free < needed) {
    throw new DownloadError('disk', `${entry.name} needs ${formatBytes(entry.sizeBytes - have)} in ${dir}, but only ${formatBytes(free)} is free`, 'Free some disk space and download it again (a partial download is kept and resumed)');
  }
  // A holder, because a restart from byte 0 needs a fresh hash.
  const hash = { h: createHash('sha256') };
  if (have > 0) await hashFile(part, hash.h, o.signal);

  const meter = new SpeedMeter(o.progressIntervalMs ?? 250, (receivedBytes, bytesPerSecond) => o.onProgress?.({ phase: 'downloading', receivedBytes, totalBytes: entry.sizeBytes, bytesPerSecond, resumedFromBytes: resumedFrom }));
  const retries = o.retries ?? 5;
  let delay = o.retryDelayMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    if (have >= entry.sizeBytes) break;
    try {
      have = await fetchInto(entry, part, have, hash, o, meter);
      if (have >= entry.sizeBytes) break;
      throw new DownloadError('network', `the connection to ${host(entry.url)} closed after ${formatBytes(have)} of ${formatBytes(entry.sizeBytes)}`);
    } catch (err) {
      const e = asDownloadError(err, entry, o.signal);
      if (e.kind !== 'network' || attempt >= retries) throw e;
      // A dropped connection: continue from what is on disk.
      have = existsSync(part) ? (await stat(part)).size : 0;
      await systemClock.sleep(delay, o.signal).catch(() => {
        throw new DownloadError('cancelled', `the download of ${entry.name} was cancelled`, 'Download it again to resume where it stopped');
      });
      delay = Math.min(delay * 2, 10_000);
    }
  }

  o.onProgress?.({ phase: 'verifying', receivedBytes: have, totalBytes: entry.sizeBytes, bytesPerSecond: 0, resumedFromBytes: resumedFrom });
  const digest = hash.h.digest('hex');
  if (digest !== entry.sha256.toLowerCase() || have !== entry.sizeBytes) {
    await rm(part, { force: true });
    throw new DownloadError('checksum', `the downloaded ${entry.name} does not match its checksum (sha256 ${digest}, expected ${entry.sha256}; ${formatBytes(have)}); the file was deleted`, `Download it again; if this repeats, something between you and ${host(entry.url)} changes the file`);
  }
  await rename(part, dest);
  return { path: dest, bytes: have, resumed: resumedFrom > 0, alreadyPresent: false };
}

/** One HTTP request from byte `have` on; appends to the part file and the hash. Returns the new size. */
async function fetchInto(entry: CatalogueEntry, part: string, have: number, hash: { h: Hash }, o: DownloadOptions, meter: SpeedMeter): Promise<number> {
  const res = await o.fetch(entry.url, { headers: have > 0 ? { range: `bytes=${have}-` } : {}, ...(o.signal ? { signal: o.signal } : {}), redirect: 'follow' });
  if (res.status === 404) throw new DownloadError('notFound', `${entry.url} was not found (HTTP 404)`, 'The catalogue entry is out of date, or a mirror lacks the file; check banyan.models.embedded.catalogueFile');
  if (res.status === 416 && have > 0) {
    // The server does not have the partial file's range (the file changed?): start again from 0.
    await res.body?.cancel().catch(() => undefined);
    await rm(part, { force: true });
    hash.h = createHash('sha256');
    throw new DownloadError('network', 'the server refused to resume the partial download');
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadError(res.status >= 500 ? 'network' : 'http', `${host(entry.url)} answered HTTP ${res.status} for ${entry.file}`, 'Check the network, proxy (http.proxy) and banyan.models.caFile settings');
  }
  if (have > 0 && res.status === 200) {
    // The server ignored the Range header: it sends the whole file again.
    await rm(part, { force: true });
    hash.h = createHash('sha256');
    have = 0;
  }
  if (!res.body) throw new DownloadError('network', `${host(entry.url)} sent no body`);
  const fh = await open(part, have > 0 ? 'a' : 'w');
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      await fh.write(chunk);
      hash.h.update(chunk);
      have += chunk.byteLength;
      meter.add(chunk.byteLength, have);
      if (have > entry.sizeBytes) break;
    }
    await fh.sync();
  } finally {
    await fh.close();
    meter.flush();
  }
  return have;
}

function asDownloadError(err: unknown, entry: CatalogueEntry, signal: AbortSignal | undefined): DownloadError {
  if (signal?.aborted) return new DownloadError('cancelled', `the download of ${entry.name} was cancelled`, 'Download it again to resume where it stopped');
  if (err instanceof DownloadError) return err;
  const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return new DownloadError('network', `downloading ${entry.name} from ${host(entry.url)} failed: ${cause}`, 'Check the network, proxy (http.proxy) and banyan.models.caFile settings, then download it again (it resumes)');
}

async function hashFile(file: string, hash: Hash, signal: AbortSignal | undefined): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) hash.update(chunk as Buffer);
}

async function freeBytesOf(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Reports progress at most every `intervalMs`, with the speed over a sliding window of ~3 s. */
class SpeedMeter {
  private last = 0;
  private received = 0;
  private readonly samples: [number, number][] = [];
  private pending = false;

  constructor(private readonly intervalMs: number, private readonly report: (receivedBytes: number, bytesPerSecond: number) => void) {}

  add(bytes: number, received: number): void {
    const now = Date.now();
    this.received = received;
    this.samples.push([now, bytes]);
    while (this.samples.length > 1 && now - this.samples[0]![0] > 3000) this.samples.shift();
    this.pending = true;
    if (now - this.last >= this.intervalMs) this.flush();
  }

  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.last = Date.now();
    const span = this.samples.length > 1 ? this.last - this.samples[0]![0] : 0;
    const bytes = this.samples.reduce((n, [, b]) => n + b, 0);
    this.report(this.received, span > 0 ? Math.round((bytes / span) * 1000) : 0);
  }
}
