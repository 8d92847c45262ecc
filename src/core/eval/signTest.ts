/**
 * The two-sided sign test: with `wins` and `losses` among the cases that differ (ties dropped), how
 * likely is a split at least this lopsided if neither configuration were better? Exact binomial,
 * summed in log space so a thousand cases do not underflow.
 */
export function signTestPValue(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const k = Math.min(wins, losses);
  const logHalfN = n * Math.log(0.5);
  let logChoose = 0; // log C(n, 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logChoose + logHalfN);
  }
  return Math.min(1, 2 * tail);
}
