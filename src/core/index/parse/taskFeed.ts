/**
 * Parse tasks arriving over time (from the scanner, or all at once for updates), grouped into
 * batches for the workers. Consumers `take()` a batch, waiting while the producer is still adding;
 * `undefined` means closed and drained.
 */
import type { FileTask } from './fileProcessor';

export interface FeedItem {
  readonly task: FileTask;
  /** Sequence number: the result applies only if no newer task for the file was submitted. */
  readonly seq: number;
}

export class TaskFeed {
  private readonly ready: FeedItem[][] = [];
  private current: FeedItem[] = [];
  private bytes = 0;
  private closed = false;
  private waiters: (() => void)[] = [];
  /** Tasks pushed so far. */
  total = 0;

  constructor(
    private readonly batchFiles: number,
    private readonly batchBytes: number,
  ) {}

  /** The final number of tasks once closed (undefined while more may come). */
  get closedTotal(): number | undefined {
    return this.closed ? this.total : undefined;
  }

  push(task: FileTask, seq: number, bytes: number): void {
    if (this.closed) throw new Error('task feed is closed');
    this.current.push({ task, seq });
    this.total++;
    this.bytes += bytes;
    if (this.current.length >= this.batchFiles || this.bytes >= this.batchBytes) this.flush();
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.wake();
  }

  async take(): Promise<FeedItem[] | undefined> {
    while (this.ready.length === 0 && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.ready.shift();
  }

  private flush(): void {
    if (this.current.length) {
      this.ready.push(this.current);
      this.current = [];
      this.bytes = 0;
      this.wake();
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
