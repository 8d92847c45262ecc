/**
 * Recently read files' lines, bounded by bytes and validated by mtime, ctime and size: context assembly
 * and search snippets render from the same few files keystroke after keystroke. The index drops a
 * file's entry whenever it takes the file in again.
 */
import { readFileSync, statSync } from 'node:fs';

/** Bytes of files kept as lines. */
const LINE_CACHE_BYTES = 24 * 1024 * 1024;

interface CachedLines {
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly size: number;
  readonly lines: string[];
}

export class LineCache {
  private readonly entries = new Map<string, CachedLines>();
  private bytes = 0;

  constructor(private readonly maxBytes = LINE_CACHE_BYTES) {}

  /** The file's lines as on disk now, or undefined when it cannot be read. */
  read(file: string): readonly string[] | undefined {
    try {
      const st = statSync(file);
      const hit = this.entries.get(file);
      // ctime too: a same-size write whose mtime was put back (touch -r, rsync -t, archive tools) still moves it.
      if (hit && hit.mtimeMs === st.mtimeMs && hit.ctimeMs === st.ctimeMs && hit.size === st.size) {
        this.entries.delete(file);
        this.entries.set(file, hit);
        return hit.lines;
      }
      const lines = readFileSync(file, 'utf8').split('\n');
      if (hit) this.drop(file);
      this.entries.set(file, { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, size: st.size, lines });
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
}
