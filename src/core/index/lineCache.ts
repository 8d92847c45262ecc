/**
 * Recently read files' lines, bounded by bytes: context assembly and search snippets render from the
 * same few files keystroke after keystroke. The index drops a file's entry whenever it takes the file
 * in again (its change events), so an entry of a file the index holds is trusted without a system call
 * for a few seconds after it was last checked; other entries, and trusted ones past that window (in
 * case an event was missed), are validated by mtime, ctime and size.
 */
import { readFileSync, statSync } from 'node:fs';

/** Bytes of files kept as lines. */
const LINE_CACHE_BYTES = 24 * 1024 * 1024;
/** How long a trusted entry is served without looking at the disk. */
export const LINE_CACHE_TRUST_MS = 3000;

interface CachedLines {
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly size: number;
  readonly lines: string[];
  /** When the disk last agreed with it (the cache's clock). */
  checkedAt: number;
}

export class LineCache {
  private readonly entries = new Map<string, CachedLines>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = LINE_CACHE_BYTES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The file's lines as on disk now, or undefined when it cannot be read. `trusted`: the caller drops
   * the entry whenever the file changes (the index, for files it holds), so a recent entry is served as is.
   */
  read(file: string, trusted = false): readonly string[] | undefined {
    const hit = this.entries.get(file);
    const now = this.now();
    if (hit && trusted && now - hit.checkedAt < LINE_CACHE_TRUST_MS) return this.touch(file, hit).lines;
    try {
      const st = statSync(file);
      // ctime too: a same-size write whose mtime was put back (touch -r, rsync -t, archive tools) still moves it.
      if (hit && hit.mtimeMs === st.mtimeMs && hit.ctimeMs === st.ctimeMs && hit.size === st.size) {
        hit.checkedAt = now;
        return this.touch(file, hit).lines;
      }
      const lines = readFileSync(file, 'utf8').split('\n');
      if (hit) this.drop(file);
      this.entries.set(file, { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, size: st.size, lines, checkedAt: now });
      this.bytes += st.size;
      while (this.bytes > this.maxBytes && this.entries.size > 1) this.drop(this.entries.keys().next().value!);
      return lines;
    } catch {
      return undefined;
    }
  }

  drop(file: string): void {
    const e = this.entries.get(file);
    if (!e) return;
    this.entries.delete(file);
    this.bytes -= e.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Most recently used last (the eviction order). */
  private touch(file: string, e: CachedLines): CachedLines {
    this.entries.delete(file);
    this.entries.set(file, e);
    return e;
  }
}
