/**
 * Local completion metrics: what was shown and what became of it, where the time went, and how much
 * the cache saved. Kept in memory, bounded, and reported as a plain JSON snapshot (for a protocol
 * query and the benchmark). Latency percentiles are over the most recent samples.
 */

export interface LatencySplit {
  /** Waiting out the debounce. */
  debounceMs: number;
  /** Assembling the prompt's context. */
  contextMs: number;
  /** Request sent to first streamed token (absent when served from a cache). */
  firstTokenMs?: number;
  /** Keystroke to suggestion shown. */
  totalMs: number;
}

export interface ShownEvent {
  id: string;
  /** The document's language. */
  languageId?: string;
  /** Where the suggestion came from (model, inFlight, typedAhead, nextLines, cache). */
  source?: string;
  /** Served without a model request (cache, typed-ahead, next lines). */
  fromCache: boolean;
  latency: LatencySplit;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface CompletionMetricsSnapshot {
  shown: number;
  accepted: number;
  partiallyAccepted: number;
  dismissed: number;
  /** Accepted (fully or partially) per shown. */
  acceptRate: number;
  /** Shown suggestions served without a model request, per shown. */
  cacheServedShare: number;
  latency: {
    debounce: LatencySummary;
    context: LatencySummary;
    firstToken: LatencySummary;
    total: LatencySummary;
  };
}

type Outcome = 'accepted' | 'partiallyAccepted' | 'dismissed';

/** What happened to suggestions, one call each, for a listener that keeps history (the insights log). */
export type CompletionMetricEvent =
  | { readonly kind: 'shown'; readonly event: ShownEvent }
  | { readonly kind: Outcome; readonly id: string; readonly languageId?: string };

export class CompletionMetrics {
  private shown = 0;
  private fromCache = 0;
  private readonly outcomes: Record<Outcome, number> = { accepted: 0, partiallyAccepted: 0, dismissed: 0 };
  /** Shown suggestions with no outcome yet (with their language); an outcome counts once per suggestion. */
  private readonly pending = new Map<string, string | undefined>();
  private readonly listeners = new Set<(e: CompletionMetricEvent) => void>();
  private readonly samples = {
    debounce: [] as number[],
    context: [] as number[],
    firstToken: [] as number[],
    total: [] as number[],
  };

  /** @param window latency samples kept per measure; @param maxPending shown ids awaiting an outcome. */
  constructor(
    private readonly window = 1000,
    private readonly maxPending = 1000,
  ) {}

  recordShown(event: ShownEvent): void {
    this.shown++;
    if (event.fromCache) this.fromCache++;
    this.pending.set(event.id, event.languageId);
    if (this.pending.size > this.maxPending) this.pending.delete(this.pending.keys().next().value as string);
    this.push('debounce', event.latency.debounceMs);
    this.push('context', event.latency.contextMs);
    if (event.latency.firstTokenMs !== undefined) this.push('firstToken', event.latency.firstTokenMs);
    this.push('total', event.latency.totalMs);
    this.emit({ kind: 'shown', event });
  }

  /** Every shown suggestion and every outcome from now on; returns the unsubscribe. */
  onEvent(listener: (e: CompletionMetricEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tab: the whole suggestion. */
  recordAccepted(id: string): void {
    this.settle(id, 'accepted');
  }

  /** Word or line accept of part of it (further partial accepts of the same suggestion count once). */
  recordPartiallyAccepted(id: string): void {
    this.settle(id, 'partiallyAccepted');
  }

  /** Escape, or typing something else. */
  recordDismissed(id: string): void {
    this.settle(id, 'dismissed');
  }

  snapshot(): CompletionMetricsSnapshot {
    const accepted = this.outcomes.accepted + this.outcomes.partiallyAccepted;
    return {
      shown: this.shown,
      accepted: this.outcomes.accepted,
      partiallyAccepted: this.outcomes.partiallyAccepted,
      dismissed: this.outcomes.dismissed,
      acceptRate: this.shown === 0 ? 0 : accepted / this.shown,
      cacheServedShare: this.shown === 0 ? 0 : this.fromCache / this.shown,
      latency: {
        debounce: summarize(this.samples.debounce),
        context: summarize(this.samples.context),
        firstToken: summarize(this.samples.firstToken),
        total: summarize(this.samples.total),
      },
    };
  }

  private settle(id: string, outcome: Outcome): void {
    if (!this.pending.has(id)) return;
    const languageId = this.pending.get(id);
    this.pending.delete(id);
    this.outcomes[outcome]++;
    this.emit({ kind: outcome, id, ...(languageId !== undefined ? { languageId } : {}) });
  }

  private emit(e: CompletionMetricEvent): void {
    for (const l of this.listeners) l(e);
  }

  private push(measure: keyof CompletionMetrics['samples'], value: number): void {
    if (!Number.isFinite(value) || value < 0) return;
    const list = this.samples[measure];
    list.push(value);
    if (list.length > this.window) list.shift();
  }
}

/** The nearest-rank `p`th percentile (0–100) of ascending, non-empty `sorted`: always a measured value. */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Nearest-rank percentiles: always a value that was actually measured. */
export function summarize(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => nearestRank(sorted, p);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { count: sorted.length, p50: rank(50), p95: rank(95), mean };
}
