/**
 * The wait before a prediction, with work the prediction will need done near its end: what runs in the
 * wait is off the user's path (they wait for the debounce anyway), and running it only `leadMs` before
 * the end, not at the start, spares it to the requests a newer keystroke supersedes earlier.
 */
export interface AheadOfTime {
  /** How long before the end of the wait `run` starts (at once when the wait is shorter). */
  readonly leadMs: number;
  readonly run: () => void;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; `ahead` runs first unless the signal aborted before its time. */
export function debounceWait(ms: number, signal: AbortSignal, ahead?: AheadOfTime): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const early = ahead ? setTimeout(ahead.run, Math.max(0, ms - ahead.leadMs)) : undefined;
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(early);
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
