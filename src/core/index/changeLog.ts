/**
 * The index's content version and which file each recent version changed, so a cache derived from the
 * index (completion context, chat retrieval) can keep what an edit of another file cannot have changed.
 */

/** How many recent versions are remembered (the log is trimmed in batches to twice this). */
const CHANGE_LOG_SIZE = 256;
/** A change not tied to one file: a rescan, a clear, a loaded snapshot. */
const ANY_FILE = '\0any';

export class ChangeLog {
  private version = 0;
  private readonly files: string[] = [];

  /** Changes whenever the indexed content changes. */
  current(): number {
    return this.version;
  }

  /** `file`: the one file whose content changed; none: anything may have. */
  record(file?: string): void {
    this.version++;
    this.files.push(file ?? ANY_FILE);
    // Trimmed in batches: a scan records every file it applies.
    if (this.files.length > 2 * CHANGE_LOG_SIZE) this.files.splice(0, this.files.length - CHANGE_LOG_SIZE);
  }

  /** The files changed after `version`, or undefined when that is unknown (too long ago, or a change not tied to one file). */
  changedSince(version: number): ReadonlySet<string> | undefined {
    const count = this.version - version;
    if (count < 0 || count > this.files.length) return undefined;
    const out = new Set<string>();
    for (let i = this.files.length - count; i < this.files.length; i++) {
      const f = this.files[i]!;
      if (f === ANY_FILE) return undefined;
      out.add(f);
    }
    return out;
  }
}
