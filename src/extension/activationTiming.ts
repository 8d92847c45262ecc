/**
 * Activation cost as measured inside the extension host: from the first line of the bundle being
 * evaluated (esbuild banner sets the start mark) to the end of activate(). Read by the activation bench.
 */
declare global {
  // eslint-disable-next-line no-var
  var __banyanLoadStart: number | undefined;
  // eslint-disable-next-line no-var
  var __banyanLoadEnd: number | undefined;
}

let activateStart = 0;
let activateEnd = 0;

export function markActivateStart(): void {
  activateStart = performance.now();
}

export function markActivateEnd(): void {
  activateEnd = performance.now();
}

export interface ActivationTiming {
  /** Bundle evaluation until activate() was called. */
  readonly loadMs: number;
  /** Part of loadMs: evaluating the bundle itself (first to last line); the rest is the host's own work before it calls activate(). */
  readonly evalMs: number;
  /** activate() itself. */
  readonly activateMs: number;
  readonly totalMs: number;
}

export function activationTiming(): ActivationTiming {
  const load = globalThis.__banyanLoadStart ?? activateStart;
  const loaded = globalThis.__banyanLoadEnd ?? activateStart;
  return { loadMs: activateStart - load, evalMs: loaded - load, activateMs: activateEnd - activateStart, totalMs: activateEnd - load };
}
