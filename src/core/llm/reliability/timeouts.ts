/**
 * One AbortSignal per attempt that fires on whichever comes first: the caller cancelling, the total
 * deadline, or no first token in time. The reason says which, so the error can name the right
 * setting. Aborting the signal makes fetch close the socket, so the server stops generating.
 */
import { ModelError } from '../errors';
import type { Timeouts } from '../config/roleConfig';

export class AttemptDeadline {
  private readonly controller = new AbortController();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private firstTokenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort: () => void;

  constructor(private readonly caller: AbortSignal | undefined, timeouts: Timeouts, private readonly settingPrefix: string) {
    this.onCallerAbort = () => this.controller.abort(new ModelError('aborted', 'the request was cancelled'));
    if (caller?.aborted) this.onCallerAbort();
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timers.push(setTimeout(() => this.expire('total', timeouts.totalMs, 'totalTimeoutMs'), timeouts.totalMs));
    this.firstTokenTimer = setTimeout(() => this.expire('first token', timeouts.firstTokenMs, 'firstTokenTimeoutMs'), timeouts.firstTokenMs);
    this.timers.push(this.firstTokenTimer);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first token arrived: only the total deadline still applies. */
  gotFirstToken(): void {
    if (this.firstTokenTimer) clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  /** The reason this attempt was aborted, as a ModelError (undefined while it runs). */
  reason(): ModelError | undefined {
    const r: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted && r instanceof ModelError ? r : undefined;
  }

  /** Aborts this attempt now (early stop): fetch closes the socket. */
  cancel(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new ModelError('aborted', 'stopped early'));
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private expire(phase: string, ms: number, setting: string): void {
    this.controller.abort(
      new ModelError('timeout', `no ${phase === 'total' ? 'complete answer' : 'first token'} within ${ms} ms`, {
        fix: `The model may be loading or overloaded; raise banyan.${this.settingPrefix}.${setting} or pick a smaller model`,
      }),
    );
  }
}
