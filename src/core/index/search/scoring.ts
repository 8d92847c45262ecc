/** What every scorer over the inverted index accepts besides the query. */
export interface ScoreOptions {
  readonly limit: number;
  /** Chunks of these files are left out (e.g. the file being edited). */
  readonly excludeFiles?: ReadonlySet<number>;
  /** Multiplies a chunk's score by its file's weight (path or import proximity); 0 drops the file. */
  readonly fileWeight?: (file: number) => number;
}

export interface ScoredChunk {
  readonly chunk: number;
  readonly score: number;
}

/** Scratch arrays reused across queries (sized to the chunk id space), so a query allocates nothing big. */
export class Scratch {
  scores = new Float64Array(0);
  counts = new Uint16Array(0);
  touched = new Int32Array(0);

  ensure(n: number): void {
    if (this.scores.length >= n) return;
    const size = Math.max(n, this.scores.length * 2, 1024);
    this.scores = new Float64Array(size);
    this.counts = new Uint16Array(size);
    this.touched = new Int32Array(size);
  }
}
