import { nearestRank } from '../completionMetrics';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (always a measured value), rounded to 0.01 ms. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => Math.round(nearestRank(sorted, p) * 100) / 100;
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: rank(100) };
}
