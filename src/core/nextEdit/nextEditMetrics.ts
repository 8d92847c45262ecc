/**
 * Local next-edit metrics, kept like the completion metrics (in memory, bounded, a plain JSON snapshot
 * for a protocol query): what was shown and what became of it, why predictions were not shown, and the
 * time split of the predictions.
 */
import { type LatencySummary, nearestRank, summarize } from '../completion/completionMetrics';

export type NextEditOutcome = 'accepted' | 'rejected' | 'ignored';

/**
 * Where a request for a prediction ended, for the request economy: answered without the model (typed
 * through, the same as the last answer, a cursor move long after the last edit), given up while waiting
 * (a newer request came during the debounce), or sent to the model and then answered, aborted by a newer
 * request, or dropped because the document moved on.
 */
export type NextEditStage = 'asked' | 'typed-through' | 'repeat' | 'skipped' | 'superseded' | 'predicted' | 'aborted' | 'stale' | 'answered';

export interface NextEditMetricsSnapshot {
  /** Predictions asked for (model requests may be fewer: typed-through suggestions need none). */
  readonly requests: number;
  readonly modelRequests: number;
  readonly shown: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly ignored: number;
  /** Accepted per shown. */
  readonly acceptRate: number;
  /** Kept on screen while the user typed what they proposed (no new request). */
  readonly typedThrough: number;
  /** Why predictions ended without a suggestion (filter names, "no change", errors), by count. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Why suggestions were rejected or ignored, by count. */
  readonly outcomeReasons: Readonly<Record<string, number>>;
  /** Per trigger (edit, cursor, accept, explicit): how many requests reached each stage. */
  readonly stages: Readonly<Record<string, Readonly<Partial<Record<NextEditStage, number>>>>>;
  /** overhead: all of a prediction's server time that is not waiting for the model (locating, prompting, parsing, filtering). */
  readonly latency: { readonly locate: LatencySummary & { readonly p99: number }; readonly model: LatencySummary; readonly total: LatencySummary; readonly overhead: LatencySummary & { readonly p99: number } };
  /** The predictions with the most overhead (they decide its p99), slowest first: where their time went. */
  readonly slowest: readonly SlowPrediction[];
}

export interface SlowPrediction {
  readonly overheadMs: number;
  readonly locateMs: number;
  /** Milliseconds per step (see PredictTimings.phases). */
  readonly phases: Readonly<Record<string, number>>;
  /** Garbage collection during the prediction's own work (not the model wait), where the host can tell. */
  readonly gcMs?: number;
}

/** The time of a prediction's own work: [start, end) spans on performance.now()'s clock. */
export type WorkSpans = readonly (readonly [number, number])[];

/** Slowest predictions kept. */
const SLOWEST = 3;

export class NextEditMetrics {
  private requests = 0;
  private modelRequests = 0;
  private shown = 0;
  private typedThrough = 0;
  private readonly outcomes: Record<NextEditOutcome, number> = { accepted: 0, rejected: 0, ignored: 0 };
  private readonly pending = new Set<string>();
  private readonly dropped = new Map<string, number>();
  private readonly reasons = new Map<string, number>();
  private readonly stages = new Map<string, Partial<Record<NextEditStage, number>>>();
  private readonly samples = { locate: [] as number[], model: [] as number[], total: [] as number[], overhead: [] as number[] };
  private readonly slowest: (Omit<SlowPrediction, 'gcMs'> & { readonly spans?: WorkSpans })[] = [];

  constructor(private readonly window = 1000) {}

  /** `timings.spans`: when the prediction's own work ran, to tell garbage collection in it at snapshot time. */
  recordPrediction(timings: { readonly locateMs: number; readonly modelMs: number; readonly totalMs: number; readonly requests: number; readonly phases?: Readonly<Record<string, number>>; readonly spans?: WorkSpans }): void {
    const spans = timings.spans;
    const overheadMs = timings.totalMs - timings.modelMs;
    if (Number.isFinite(overheadMs) && (this.slowest.length < SLOWEST || overheadMs > this.slowest[this.slowest.length - 1]!.overheadMs)) {
      this.slowest.push({ overheadMs, locateMs: timings.locateMs, phases: timings.phases ?? {}, ...(spans ? { spans } : {}) });
      this.slowest.sort((a, b) => b.overheadMs - a.overheadMs);
      this.slowest.length = Math.min(this.slowest.length, SLOWEST);
    }
    this.requests++;
    this.modelRequests += timings.requests;
    this.push('locate', timings.locateMs);
    if (timings.requests > 0) this.push('model', timings.modelMs);
    this.push('total', timings.totalMs);
    this.push('overhead', timings.totalMs - timings.modelMs);
  }

  recordDropped(reason: string): void {
    const key = reason.split(':')[0]!.trim();
    this.dropped.set(key, (this.dropped.get(key) ?? 0) + 1);
  }

  recordShown(id: string): void {
    if (this.pending.has(id)) return;
    this.shown++;
    this.pending.add(id);
    if (this.pending.size > this.window) this.pending.delete(this.pending.values().next().value as string);
  }

  recordStage(trigger: string, stage: NextEditStage): void {
    const counts = this.stages.get(trigger) ?? this.stages.set(trigger, {}).get(trigger)!;
    counts[stage] = (counts[stage] ?? 0) + 1;
  }

  recordTypedThrough(): void {
    this.typedThrough++;
  }

  /** An outcome counts once per shown suggestion. */
  recordOutcome(id: string, outcome: NextEditOutcome, reason?: string): void {
    if (!this.pending.delete(id)) return;
    this.outcomes[outcome]++;
    if (reason) this.reasons.set(`${outcome}: ${reason}`, (this.reasons.get(`${outcome}: ${reason}`) ?? 0) + 1);
  }

  /** `gcWithin(from, to)`: milliseconds of garbage collection in that span, where the host watches it. */
  snapshot(gcWithin?: (from: number, to: number) => number): NextEditMetricsSnapshot {
    return {
      requests: this.requests,
      modelRequests: this.modelRequests,
      shown: this.shown,
      ...this.outcomes,
      acceptRate: this.shown ? this.outcomes.accepted / this.shown : 0,
      typedThrough: this.typedThrough,
      dropped: Object.fromEntries(this.dropped),
      outcomeReasons: Object.fromEntries(this.reasons),
      stages: Object.fromEntries([...this.stages].map(([t, c]) => [t, { ...c }])),
      latency: { locate: { ...summarize(this.samples.locate), p99: p99(this.samples.locate) }, model: summarize(this.samples.model), total: summarize(this.samples.total), overhead: { ...summarize(this.samples.overhead), p99: p99(this.samples.overhead) } },
      slowest: this.slowest.map(({ spans, ...p }) => ({ ...p, ...(spans && gcWithin ? { gcMs: spans.reduce((sum, [a, b]) => sum + gcWithin(a, b), 0) } : {}) })),
    };
  }

  private push(k: keyof NextEditMetrics['samples'], v: number): void {
    if (!Number.isFinite(v) || v < 0) return;
    const list = this.samples[k];
    list.push(v);
    if (list.length > this.window) list.shift();
  }
}

/** The overhead and location targets are a p99 and a p95; the shared summary stops at p95. */
function p99(values: readonly number[]): number {
  return values.length ? nearestRank([...values].sort((a, b) => a - b), 99) : 0;
}
