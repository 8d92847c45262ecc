/**
 * Files kept up to date in the background for a store that lives in memory (conversations, agent
 * runs): a change marks a file, and the marked files are written atomically a little later, one pass
 * at a time, in the order they were last marked; a file marked again while a pass runs is written in
 * the next pass with the content of then. Nothing is written on the calling tick. `flushSync` (a
 * window closing, when no more ticks may run) writes what is marked at once; a background write
 * still in flight then finds a newer version on disk and drops itself (writeFileAtomic's commit).
 */
import { rmSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicSync } from './writeFileAtomic';

/** The file's content when it is written (the state of then), or null to delete the file. */
export type FileContent = () => string | Uint8Array | null;

export class BackgroundFileWriter {
  private readonly marked = new Map<string, FileContent>();
  /** Files of the pass in progress not yet written. */
  private readonly inFlight = new Map<string, FileContent>();
  private readonly versions = new Map<string, { handed: number; onDisk: number }>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private again = false;

  /**
   * @param delayMs how long a change waits for more before a pass starts (marks with `now` start it at once)
   * @param onError told of a failed write; the file stays marked and is tried again at the next pass
   */
  constructor(
    private readonly delayMs: number,
    private readonly onError: (file: string, err: unknown) => void = () => undefined,
  ) {}

  /** Marks `file`; `now` starts a pass at once instead of after the delay. */
  mark(file: string, content: FileContent, now = false): void {
    this.marked.delete(file); // re-inserted: passes write in the order of the last mark
    this.marked.set(file, content);
    if (now) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.delayMs);
  }

  /**
   * Writes every marked file now, synchronously, and those the pass in progress has not written yet
   * (it may never finish); errors go to onError and the files stay marked.
   */
  flushSync(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    const all = new Map(this.inFlight);
    for (const [file, content] of this.marked) {
      all.delete(file);
      all.set(file, content);
    }
    for (const [file, content] of all) {
      const v = this.version(file);
      v.handed++;
      try {
        const data = content();
        if (data === null) rmSync(file, { force: true });
        else writeFileAtomicSync(file, data);
        v.onDisk = v.handed;
        this.marked.delete(file);
      } catch (err) {
        this.onError(file, err);
        if (!this.marked.has(file)) this.marked.set(file, content);
      }
    }
  }

  /** Resolves once nothing is marked or being written (tests; readers of the files). */
  async whenIdle(): Promise<void> {
    while (this.writing || this.timer) {
      if (this.timer) this.start();
      await this.writing;
    }
  }

  /** Whether `file` waits for a pass. */
  isMarked(file: string): boolean {
    return this.marked.has(file);
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) {
      this.again = true; // the current pass ends first; the next one takes what is marked then
      return;
    }
    if (this.marked.size === 0) return;
    const batch = [...this.marked];
    this.marked.clear();
    for (const [file, content] of batch) this.inFlight.set(file, content);
    this.writing = this.pass(batch).finally(() => {
      this.writing = undefined;
      this.inFlight.clear();
      // Only a mark made during the pass starts the next one: files left marked by a failure wait
      // for the next change or flush instead of failing in a loop (a read-only disk).
      if (this.again) {
        this.again = false;
        this.start();
      }
    });
  }

  /** Writes the batch in order; a failure leaves the failed file and the rest marked (unless marked anew). */
  private async pass(batch: [string, FileContent][]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      const [file, content] = batch[i]!;
      const v = this.version(file);
      const version = ++v.handed;
      try {
        const data = content();
        if (data === null) {
          // An unlink is quick: done in this tick, it cannot undo a later synchronous write.
          if (version > v.onDisk) {
            rmSync(file, { force: true });
            v.onDisk = version;
          }
        } else if (await writeFileAtomic(file, data, { commit: () => version > v.onDisk })) {
          v.onDisk = version;
        }
        this.inFlight.delete(file);
      } catch (err) {
        this.onError(file, err);
        for (const [f, c] of batch.slice(i)) if (!this.marked.has(f)) this.marked.set(f, c);
        return;
      }
    }
  }

  private version(file: string): { handed: number; onDisk: number } {
    let v = this.versions.get(file);
    if (!v) this.versions.set(file, (v = { handed: 0, onDisk: 0 }));
    return v;
  }
}
