/**
 * The local insights log: JSON Lines in one folder (the extension's global storage), append-only,
 * rotated into segments and capped in total size. Events are buffered in memory and written in one
 * append per second at most, off the caller's path.
 *
 * Several windows (one server process each) share the folder, so nothing here takes a lock:
 * - each flush opens `current.jsonl` with O_APPEND and writes its batch in one write, so batches of
 *   different processes never interleave inside a line;
 * - rotation renames `current.jsonl` to a unique segment name; a writer holding the old file still
 *   lands in that segment, a second process renaming at the same moment finds nothing (ENOENT, fine)
 *   or renames a fresh small file; pruning ignores files another process deleted first;
 * - Clear writes a `cleared.json` time mark before deleting: events another window still had
 *   buffered from before the clear are ignored when read back.
 * A torn line (a crash mid-write) is skipped by the reader; the next process to write starts on a
 * new line, so it never swallows the next batch.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import { describeError, type Logger, silentLogger } from '../logging/logger';
import { type InsightEvent, parseInsightLine } from './insightEvent';

const CURRENT = 'current.jsonl';
const CLEARED = 'cleared.json';
const SEGMENT = /^events-(\d{15})-[\w-]+\.jsonl$/;

export interface InsightsLogOptions {
  readonly dir: string;
  /** Cap on all files together. */
  readonly maxBytes: number;
  /** `current.jsonl` is rotated once larger than this; default an eighth of maxBytes. */
  readonly segmentBytes?: number;
  /** Longest an event waits in memory; default 1 s. */
  readonly flushMs?: number;
  /** Events kept while the disk refuses writes; older ones are dropped beyond it. */
  readonly maxBuffered?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface InsightsReadResult {
  readonly events: InsightEvent[];
  /** Lines that were not events (torn writes, damage); skipped. */
  readonly corruptLines: number;
  readonly bytes: number;
  readonly files: number;
}

export class InsightsLog {
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Flushes run one after another. */
  private chain: Promise<void> = Promise.resolve();
  private tailChecked = false;
  private warned = false;
  private closed = false;
  private readonly segmentBytes: number;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(private readonly options: InsightsLogOptions) {
    this.segmentBytes = Math.max(4096, options.segmentBytes ?? Math.floor(options.maxBytes / 8));
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Queues one event; it reaches the disk within `flushMs`. Never throws, never waits. */
  append(event: InsightEvent): void {
    if (this.closed) return;
    this.buffer.push(JSON.stringify(event));
    const max = this.options.maxBuffered ?? 10_000;
    if (this.buffer.length > max) this.buffer.splice(0, this.buffer.length - max);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.options.flushMs ?? 1000);
      this.timer.unref?.();
    }
  }

  /** Writes what is buffered; resolves once it is on disk (or the write failed and was logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.chain.then(() => this.writeBuffered());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Every event on disk (this process's buffer flushed first), oldest segment first. */
  async read(): Promise<InsightsReadResult> {
    await this.flush();
    const clearedAt = await this.clearedAt();
    const names = await this.segments();
    const events: InsightEvent[] = [];
    let corruptLines = 0;
    let bytes = 0;
    let files = 0;
    for (const name of [...names, CURRENT]) {
      let text: string;
      try {
        text = await fs.readFile(path.join(this.dir, name), 'utf8');
      } catch {
        continue; // rotated or pruned by another window meanwhile
      }
      files++;
      bytes += Buffer.byteLength(text);
      const lines = text.split('\n');
      // An unterminated last line of the live file may be another window's write in progress.
      const inProgress = name === CURRENT && !text.endsWith('\n') ? lines.length - 1 : -1;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (!line.trim()) continue;
        const event = parseInsightLine(line);
        if (!event) {
          if (i !== inProgress) corruptLines++;
          continue;
        }
        if (event.t >= clearedAt) events.push(event);
      }
    }
    return { events, corruptLines, bytes, files };
  }

  /** Deletes everything recorded so far, also by other windows (see `cleared.json` above). */
  async clear(): Promise<void> {
    this.buffer = [];
    await this.chain;
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path.join(this.dir, CLEARED), JSON.stringify({ clearedAt: this.now() }));
    for (const name of [...(await this.segments()), CURRENT]) await unlinkQuietly(path.join(this.dir, name));
    this.tailChecked = true; // a fresh file
  }

  /** Flushes and stops accepting events. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private async writeBuffered(): Promise<void> {
    if (!this.buffer.length) return;
    const lines = this.buffer;
    this.buffer = [];
    const file = path.join(this.dir, CURRENT);
    try {
      await fs.mkdir(this.dir, { recursive: true });
      let data = lines.join('\n') + '\n';
      if (!this.tailChecked) {
        // A previous process may have died mid-line: start on a new one so this batch stays readable.
        if (!(await endsWithNewline(file))) data = '\n' + data;
        this.tailChecked = true;
      }
      const handle = await fs.open(file, 'a');
      let size: number;
      try {
        const bytes = Buffer.from(data, 'utf8');
        for (let off = 0; off < bytes.length;) off += (await handle.write(bytes, off, bytes.length - off)).bytesWritten;
        size = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
      this.warned = false;
      if (size > this.segmentBytes) await this.rotate();
    } catch (err) {
      // Kept for the next try (within maxBuffered); said once until a write works again.
      this.buffer = [...lines, ...this.buffer];
      if (!this.warned) this.logger.warn(`Insights log: could not write to ${this.dir} (${describeError(err)}); events are kept in memory and written when it works again.`);
      this.warned = true;
    }
  }

  private async rotate(): Promise<void> {
    const name = `events-${String(this.now()).padStart(15, '0')}-${process.pid}-${randomBytes(3).toString('hex')}.jsonl`;
    try {
      await fs.rename(path.join(this.dir, CURRENT), path.join(this.dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await this.prune();
  }

  /** Deletes the oldest segments until everything fits under maxBytes. */
  private async prune(): Promise<void> {
    const sized: { name: string; size: number }[] = [];
    for (const name of [...(await this.segments()), CURRENT]) {
      const size = await fs.stat(path.join(this.dir, name)).then((s) => s.size, () => undefined);
      if (size !== undefined) sized.push({ name, size });
    }
    let total = sized.reduce((n, s) => n + s.size, 0);
    for (const s of sized) {
      if (total <= this.options.maxBytes || s.name === CURRENT) break;
      await unlinkQuietly(path.join(this.dir, s.name));
      total -= s.size;
    }
  }

  /** Rotated segment names, oldest first (the name starts with its rotation time). */
  private async segments(): Promise<string[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => SEGMENT.test(n)).sort();
  }

  private async clearedAt(): Promise<number> {
    try {
      const v = JSON.parse(await fs.readFile(path.join(this.dir, CLEARED), 'utf8')) as { clearedAt?: unknown };
      return typeof v.clearedAt === 'number' ? v.clearedAt : 0;
    } catch {
      return 0;
    }
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } catch {
    return true; // no file yet
  } finally {
    await handle?.close();
  }
}

async function unlinkQuietly(file: string): Promise<void> {
  await fs.unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
