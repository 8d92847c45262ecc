/**
 * Empties V8's young generation while the server waits anyway (a next-edit request's debounce), so the
 * request's own work starts with the whole nursery free and rarely meets a scavenge. The server runs
 * with a 4 MB semi-space (core/index/hostFlags.ts, for a first build's peak memory): a scavenge comes
 * every few MB allocated, by any feature, and one that fell inside a location search was a large share
 * of the slowest requests. A scavenge of a nearly empty nursery costs well under a millisecond.
 * Needs `--expose-gc` (SERVER_EXEC_ARGV); without it this does nothing.
 */
export function collectYoungGeneration(): void {
  globalThis.gc?.({ type: 'minor' });
}
