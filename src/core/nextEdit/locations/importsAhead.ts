/**
 * The import graph's edges resolved ahead of the requests: isLinked (locatorContext.ts) asks each
 * candidate file's imports, and the first request to ask about a file paid for resolving them — the
 * slowest prediction of a session in the typing replay. The index keeps each file's edges until the
 * file changes, so asking again later costs a lookup. Done a slice at a time (a few milliseconds per
 * turn of the event loop) so that a keystroke arriving meanwhile waits at most one slice.
 */

export interface ImportsIndex {
  filePaths(): readonly string[];
  importsOf(file: string): readonly string[];
}

/** Milliseconds of resolution per slice. */
export const SLICE_MS = 3;

/**
 * Starts resolving every indexed file's imports; `schedule` runs the next slice later (setImmediate in
 * the server). Returns a stop function (a newer warm-up replaces an older one).
 */
export function resolveImportsAhead(index: ImportsIndex, schedule: (next: () => void) => void, sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => void {
  const files = index.filePaths();
  let at = 0;
  let stopped = false;
  const slice = () => {
    if (stopped) return;
    const end = now() + sliceMs;
    try {
      // At least one file per slice, whatever the clock says.
      do index.importsOf(files[at++]!);
      while (at < files.length && now() < end);
    } catch {
      return; // off the request path, nobody to tell: a request asking the same file meets the error itself
    }
    if (at < files.length) schedule(slice);
  };
  if (files.length) schedule(slice);
  return () => {
    stopped = true;
  };
}
