/**
 * Tables of an evaluation: per task × language, per task, and overall; and two configurations side by
 * side on the same cases, with a sign test per metric.
 */
import { nearestRank } from '../completion/completionMetrics';
import type { EvalCaseResult, EvalGroupSummary, EvalMetricComparison, EvalSummary, EvalTask, Percentile2 } from './evalTypes';
import { signTestPValue } from './signTest';

function percentiles(values: readonly number[]): Percentile2 {
  if (!values.length) return { p50: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95) };
}

const share = (rs: readonly EvalCaseResult[], pick: (r: EvalCaseResult) => boolean) => (rs.length ? rs.filter(pick).length / rs.length : 0);
const mean = (rs: readonly EvalCaseResult[], pick: (r: EvalCaseResult) => number) => (rs.length ? rs.reduce((s, r) => s + pick(r), 0) / rs.length : 0);

export function summarizeGroup(task: EvalTask | 'all', language: string, rs: readonly EvalCaseResult[]): EvalGroupSummary {
  return {
    task, language, n: rs.length,
    exactMatch: share(rs, (r) => r.exactMatch),
    editSimilarity: mean(rs, (r) => r.editSimilarity),
    identifierMatch: share(rs, (r) => r.identifierMatch),
    syntaxMatch: share(rs, (r) => r.syntaxMatch),
    firstTokenMs: percentiles(rs.flatMap((r) => (r.firstTokenMs !== undefined ? [r.firstTokenMs] : []))),
    totalMs: percentiles(rs.map((r) => r.totalMs)),
    meanPromptTokens: mean(rs, (r) => r.promptTokens),
    meanCompletionTokens: mean(rs, (r) => r.completionTokens),
    errors: rs.filter((r) => r.error !== undefined).length,
  };
}

export function summarizeEval(results: readonly EvalCaseResult[]): EvalSummary {
  const groups: EvalGroupSummary[] = [];
  const tasks = [...new Set(results.map((r) => r.task))];
  for (const task of tasks) {
    const ofTask = results.filter((r) => r.task === task);
    for (const language of [...new Set(ofTask.map((r) => r.language))].sort()) groups.push(summarizeGroup(task, language, ofTask.filter((r) => r.language === language)));
    groups.push(summarizeGroup(task, 'all', ofTask));
  }
  const overall = summarizeGroup('all', 'all', results);
  groups.push(overall);
  return { groups, overall };
}

/** B against A, case by case (results matched by case id). */
export function compareResults(a: readonly EvalCaseResult[], b: readonly EvalCaseResult[]): EvalMetricComparison[] {
  const byId = new Map(b.map((r) => [r.caseId, r]));
  const pairs = a.flatMap((r) => (byId.has(r.caseId) ? [[r, byId.get(r.caseId)!] as const] : []));
  const metric = (name: EvalMetricComparison['metric'], value: (r: EvalCaseResult) => number, higherIsBetter: boolean): EvalMetricComparison => {
    let bBetter = 0;
    let bWorse = 0;
    for (const [x, y] of pairs) {
      const d = (value(y) - value(x)) * (higherIsBetter ? 1 : -1);
      if (d > 1e-9) bBetter++;
      else if (d < -1e-9) bWorse++;
    }
    const avg = (rs: readonly EvalCaseResult[]) => (rs.length ? rs.reduce((s, r) => s + value(r), 0) / rs.length : 0);
    return { metric: name, a: avg(pairs.map(([x]) => x)), b: avg(pairs.map(([, y]) => y)), bBetter, bWorse, ties: pairs.length - bBetter - bWorse, pValue: signTestPValue(bBetter, bWorse) };
  };
  return [
    metric('exactMatch', (r) => (r.exactMatch ? 1 : 0), true),
    metric('editSimilarity', (r) => r.editSimilarity, true),
    metric('identifierMatch', (r) => (r.identifierMatch ? 1 : 0), true),
    metric('syntaxMatch', (r) => (r.syntaxMatch ? 1 : 0), true),
    metric('totalMs', (r) => r.totalMs, false),
  ];
}
