/**
 * Garbage-collection pauses of this process, as V8 reports them (perf_hooks 'gc' entries, delivered
 * after the fact): the last few hundred kept, so a metrics snapshot can say how much of a slow request
 * was collection rather than the request's own work.
 */
import { PerformanceObserver } from 'node:perf_hooks';

const KEPT = 512;

export class GcPauses {
  private readonly pauses: { readonly start: number; readonly end: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.pauses.push({ start: e.startTime, end: e.startTime + e.duration });
    if (this.pauses.length > KEPT) this.pauses.splice(0, this.pauses.length - KEPT);
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Milliseconds of collection within [from, to) (performance.now()'s clock), among the pauses kept. */
  within(from: number, to: number): number {
    let ms = 0;
    for (const p of this.pauses) ms += Math.max(0, Math.min(to, p.end) - Math.max(from, p.start));
    return ms;
  }

  dispose(): void {
    this.observer.disconnect();
  }
}
