/**
 * One request at a time per sequence: later requests wait in order, and a waiter whose request is
 * cancelled leaves the queue at once.
 */
export class LaneLock {
  private busy = false;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal; onAbort: () => void }[] = [];

  get idle(): boolean {
    return !this.busy && this.waiters.length === 0;
  }

  async acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw signal.reason;
    if (!this.busy) {
      this.busy = true;
      return () => this.release();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve, reject, signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
    return () => this.release();
  }

  private release(): void {
    const next = this.waiters.shift();
    if (!next) {
      this.busy = false;
      return;
    }
    next.signal.removeEventListener('abort', next.onAbort);
    next.resolve();
  }
}
