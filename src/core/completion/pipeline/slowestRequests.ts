/**
 * The requests with the most overhead (they decide its p99), kept with where their time went: the
 * pipeline's phases, the context sources' own compute, and the time nobody in the request accounts for
 * (the event loop busy with other work: a re-index, another request). Garbage collection inside the
 * request's own time is told at snapshot time, where the host watches it (V8 reports pauses late).
 */
import type { WorkSpans } from '../../nextEdit/nextEditMetrics';

export interface SlowCompletion {
  readonly overheadMs: number;
  /** `suggestion (model)`, `none (reason)`, `cancelled`. */
  readonly outcome: string;
  /**
   * Milliseconds per phase. Inside the overhead: skip, reuse, contextPastWindow (the assembly's run past
   * the debounce window, with a late timer), prompt (with the windows' parse when the wait did not make
   * it), postprocess, and unaccounted (the rest: event-loop turns taken by other work between phases).
   * For reading them: context (the assembly's wall time, most of it inside the window), its sources'
   * own compute (context.cursor, .definitions, .similar, .recent, .pack), contextYielded (its wall time
   * that was none of them: turns it gave the event loop), parse (the windows' tree-sitter parse).
   */
  readonly phases: Readonly<Record<string, number>>;
  /** Collection during the request's own time (not the debounce or model waits), where the host can tell. */
  readonly gcMs?: number;
}

/** Kept: the 99th percentile of a replay's ~600 requests is its 6th slowest. */
const SLOWEST = 8;

export class SlowestRequests {
  private readonly kept: (Omit<SlowCompletion, 'gcMs'> & { readonly spans: WorkSpans })[] = [];

  record(request: Omit<SlowCompletion, 'gcMs'> & { readonly spans: WorkSpans }): void {
    if (!Number.isFinite(request.overheadMs)) return;
    if (this.kept.length >= SLOWEST && request.overheadMs <= this.kept[this.kept.length - 1]!.overheadMs) return;
    this.kept.push(request);
    this.kept.sort((a, b) => b.overheadMs - a.overheadMs);
    this.kept.length = Math.min(this.kept.length, SLOWEST);
  }

  /** `gcWithin(from, to)`: milliseconds of garbage collection in that span (performance.now()'s clock). */
  snapshot(gcWithin?: (from: number, to: number) => number): SlowCompletion[] {
    return this.kept.map(({ spans, phases, ...r }) => ({
      ...r,
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v * 100) / 100])),
      ...(gcWithin ? { gcMs: Math.round(spans.reduce((sum, [a, b]) => sum + gcWithin(a, b), 0) * 100) / 100 } : {}),
    }));
  }
}
