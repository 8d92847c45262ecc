/**
 * Per-role request metrics kept in the server's memory: counts, errors, latency percentiles over the
 * most recent requests, and token totals (cached prompt tokens included). Queried through
 * ModelMetricsRequest for views and the connection report.
 */
import type { ModelRole, RoleMetrics, Usage } from '../types';

const WINDOW = 500;

interface Entry {
  requests: number;
  errors: number;
  latencies: number[];
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
}

export class RoleMetricsStore {
  private readonly byRole = new Map<ModelRole, Entry>();

  record(role: ModelRole, outcome: { ok: boolean; latencyMs: number; usage?: Usage }): void {
    const e = this.entry(role);
    e.requests += 1;
    if (!outcome.ok) e.errors += 1;
    e.latencies.push(outcome.latencyMs);
    if (e.latencies.length > WINDOW) e.latencies.shift();
    if (outcome.usage) {
      e.promptTokens += outcome.usage.promptTokens;
      e.completionTokens += outcome.usage.completionTokens;
      e.cachedTokens += outcome.usage.cachedTokens;
    }
  }

  snapshot(): RoleMetrics[] {
    return [...this.byRole.entries()].map(([role, e]) => ({
      role,
      requests: e.requests,
      errors: e.errors,
      p50Ms: percentile(e.latencies, 0.5),
      p95Ms: percentile(e.latencies, 0.95),
      promptTokens: e.promptTokens,
      completionTokens: e.completionTokens,
      cachedTokens: e.cachedTokens,
    }));
  }

  private entry(role: ModelRole): Entry {
    let e = this.byRole.get(role);
    if (!e) this.byRole.set(role, (e = { requests: 0, errors: 0, latencies: [], promptTokens: 0, completionTokens: 0, cachedTokens: 0 }));
    return e;
  }
}

/** Nearest-rank percentile; 0 for no data. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
