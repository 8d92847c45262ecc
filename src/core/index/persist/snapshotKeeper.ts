/**
 * When and how the index's snapshot is written: after a build or an update burst settles (coalesced,
 * in the background, never two writes at once), synchronously on process exit, and — during a first
 * build — row by row as files are indexed, so the save at the end writes only the index arrays.
 */
import { describeError, type Logger } from '../../logging/logger';
import type { IndexedFile } from '../model';
import { type DetailsRow, encodeDetails, encodeFile, type FileRow } from './fileRows';
import type { CapturedSnapshot } from './indexSnapshot';
import { SnapshotRowStream, writeSnapshot, writeSnapshotSync } from './snapshot';

/** File events are saved to the snapshot after this long without further changes. */
const SAVE_DELAY_MS = 30_000;

export interface SnapshotSource {
  /** Everything to save, taken in one synchronous step. */
  capture(): CapturedSnapshot;
  /** Whether `rows` streamed rows are still exactly the files: ids 0 to rows - 1, none missing. */
  rowsAreFiles(rows: number): boolean;
}

export class SnapshotKeeper {
  /** Size of the snapshot on disk (as loaded or last written). */
  sizeOnDisk = 0;
  private dirty = false;
  private saving: Promise<void> | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  /**
   * During a first build, each file's row as the file is indexed (see SnapshotRowStream). Dropped as soon
   * as anything would make the rows differ from the files: a file indexed again, replaced or removed.
   */
  private rowStream: SnapshotRowStream<FileRow, DetailsRow> | undefined;

  constructor(
    readonly dir: string,
    private readonly source: SnapshotSource,
    private readonly logger: Logger,
  ) {}

  /** The index changed since the snapshot. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Writes the snapshot now if anything changed since the last one. */
  async save(): Promise<void> {
    this.cancelScheduled();
    if (!this.dirty) return;
    if (this.saving) {
      await this.saving;
      if (!this.dirty) return;
    }
    if (this.finishRows()) return;
    const { header, details, index } = this.source.capture();
    this.dirty = false;
    const run = writeSnapshot(this.dir, header, details, index, yieldToEventLoop).then(
      (bytes) => {
        this.sizeOnDisk = bytes;
      },
      (err: unknown) => {
        this.dirty = true;
        this.logger.warn(`Could not save the index snapshot in ${this.dir}: ${describeError(err)}. The index will be rebuilt on the next start.`);
      },
    );
    this.saving = run;
    await run;
    if (this.saving === run) this.saving = undefined;
  }

  /** A save after a quiet spell (file events come in bursts). */
  saveSoon(): void {
    this.cancelScheduled();
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref?.();
  }

  cancelScheduled(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  /** Last-chance save on process exit (synchronous). */
  saveSync(): void {
    if (!this.dirty) return;
    if (this.finishRows()) return;
    try {
      const { header, details, index } = this.source.capture();
      this.sizeOnDisk = writeSnapshotSync(this.dir, header, details, index);
      this.dirty = false;
    } catch (err) {
      this.logger.warn(`Could not save the index snapshot in ${this.dir}: ${describeError(err)}`);
    }
  }

  /** Starts streaming rows (a first build into an empty index). */
  streamRows(): void {
    this.dropRows();
    try {
      this.rowStream = new SnapshotRowStream<FileRow, DetailsRow>(this.dir);
    } catch (err) {
      this.logger.debug(`index: snapshot rows not streamed (${describeError(err)})`);
    }
  }

  /** A file was indexed: its row is streamed when it is the next new file, else the stream is dropped. */
  fileIndexed(entry: IndexedFile, isNew: boolean): void {
    if (!this.rowStream) return;
    if (isNew && entry.id === this.rowStream.rows) this.rowStream.add(encodeFile(entry), encodeDetails(entry));
    else this.dropRows();
  }

  dropRows(): void {
    this.rowStream?.abort();
    this.rowStream = undefined;
  }

  /** Completes the streamed snapshot when its rows are still exactly the files; false when a full write is needed instead. */
  private finishRows(): boolean {
    const stream = this.rowStream;
    if (!stream) return false;
    this.rowStream = undefined;
    if (!this.source.rowsAreFiles(stream.rows)) {
      stream.abort();
      return false;
    }
    const { header, index } = this.source.capture();
    const { files: _streamed, ...rest } = header;
    try {
      this.sizeOnDisk = stream.finish(rest, index);
      this.dirty = false;
      return true;
    } catch (err) {
      this.logger.debug(`index: streamed snapshot not completed in ${this.dir} (${describeError(err)}); writing it whole`);
      return false;
    }
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
