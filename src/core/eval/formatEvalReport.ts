/** The evaluation as a terminal table: per task × language, then the comparison when there is one. */
import type { EvalGroupSummary, EvalMetricComparison, EvalReport, EvalSummary } from './evalTypes';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => String(Math.round(x));

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function summaryTable(summary: EvalSummary): string {
  const head = ['task', 'language', 'n', 'exact', 'edit sim', 'identifiers', 'syntax', 'first token p50/p95 ms', 'total p50/p95 ms', 'tokens in/out', 'errors'];
  const row = (g: EvalGroupSummary) => [
    g.task, g.language, String(g.n), pct(g.exactMatch), g.editSimilarity.toFixed(3), pct(g.identifierMatch), pct(g.syntaxMatch),
    `${ms(g.firstTokenMs.p50)} / ${ms(g.firstTokenMs.p95)}`, `${ms(g.totalMs.p50)} / ${ms(g.totalMs.p95)}`,
    `${Math.round(g.meanPromptTokens)} / ${Math.round(g.meanCompletionTokens)}`, String(g.errors),
  ];
  return table([head, ...summary.groups.map(row)], new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]));
}

function comparisonTable(metrics: readonly EvalMetricComparison[], a: string, b: string): string {
  const name: Record<EvalMetricComparison['metric'], string> = { exactMatch: 'exact match', editSimilarity: 'edit similarity', identifierMatch: 'identifier match', syntaxMatch: 'syntax match', totalMs: 'total ms (mean)' };
  const value = (m: EvalMetricComparison, x: number) => (m.metric === 'totalMs' ? ms(x) : m.metric === 'editSimilarity' ? x.toFixed(3) : pct(x));
  const rows = metrics.map((m) => [name[m.metric], value(m, m.a), value(m, m.b), String(m.bBetter), String(m.bWorse), String(m.ties), m.pValue < 0.001 ? '<0.001' : m.pValue.toFixed(3)]);
  return table([['metric', a, b, `${b} better`, `${b} worse`, 'ties', 'p (sign test)'], ...rows], new Set([1, 2, 3, 4, 5, 6]));
}

export function formatEvalReport(r: EvalReport): string {
  const i = r.info;
  const byTask = i.tasks.map((t) => `${t} ${r.results.filter((x) => x.task === t).length}`).join(', ');
  const head = `${i.cancelled ? 'cancelled · ' : ''}${r.results.length} of ${i.requested} cases (${byTask}) · seed ${i.seed} · ${(i.elapsedMs / 1000).toFixed(1)} s`;
  const out = [`model ${i.model} · ${head}`, '', summaryTable(r.summary)];
  if (r.compare) {
    out.push('', `compare: ${r.compare.label} (model ${r.compare.model})`, '', summaryTable(r.compare.summary), '', comparisonTable(r.compare.metrics, 'A', 'B'));
  }
  if (r.results.length < i.requested && !i.cancelled) out.push('', `The repository gave ${r.results.length} usable cases for ${i.requested} asked (tests and generated files are left out: --include-tests, --include-generated).`);
  return out.join('\n');
}
