/**
 * Coalesces file watcher events: a burst is collected for a moment and handed over as one batch (the
 * last event per path wins), and a burst too large to handle file by file (a branch switch) or one that
 * touches an ignore file becomes a rescan.
 */
import * as path from 'node:path';
import { IGNORE_FILES } from './ignoreRules';

export interface FileEvents {
  readonly created?: readonly string[];
  readonly changed?: readonly string[];
  readonly deleted?: readonly string[];
}

export type FileEventKind = 'changed' | 'deleted';

/** What a batch of events asks for. */
export type FileEventBatch = { readonly kind: 'rescan' } | { readonly kind: 'files'; readonly events: readonly (readonly [path: string, kind: FileEventKind])[] };

/** File events beyond this many are handled as a rescan, not file by file. */
const RESCAN_THRESHOLD = 400;

export class FileEventQueue {
  private readonly pending = new Map<string, FileEventKind>();
  private timer: NodeJS.Timeout | undefined;

  /** `onDue` runs when a burst has been quiet for the delay given to `add`. */
  constructor(private readonly onDue: () => void) {}

  add(events: FileEvents, delayMs: number): void {
    for (const p of events.deleted ?? []) this.pending.set(path.resolve(p), 'deleted');
    for (const p of [...(events.created ?? []), ...(events.changed ?? [])]) this.pending.set(path.resolve(p), 'changed');
    this.schedule(delayMs);
  }

  /** One path to read again at the next take (no timer). */
  addNow(file: string): void {
    this.pending.set(path.resolve(file), 'changed');
  }

  /** Whether events wait or a delivery is scheduled. */
  get busy(): boolean {
    return this.pending.size > 0 || this.timer !== undefined;
  }

  /** Everything collected so far, as one batch (undefined when nothing is pending); cancels the timer. */
  take(): FileEventBatch | undefined {
    this.cancel();
    const events = [...this.pending];
    this.pending.clear();
    if (!events.length) return undefined;
    if (events.length > RESCAN_THRESHOLD || events.some(([p]) => isIgnoreFile(p))) return { kind: 'rescan' };
    return { kind: 'files', events };
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, delayMs);
  }
}

function isIgnoreFile(p: string): boolean {
  return (IGNORE_FILES as readonly string[]).includes(path.basename(p));
}
