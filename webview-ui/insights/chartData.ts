/**
 * What each chart of the insights view shows, computed from the server's report: labels, series,
 * a sentence for screen readers, and the same numbers as a table (the fallback every chart has).
 * Pure, so the numbers are tested without a canvas.
 */
import type { InsightsReport } from '../../src/protocol/lsp';

/** VS Code's chart colours (--vscode-charts-*), resolved from the theme at draw time. */
export type ChartColor = 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'purple' | 'foreground' | 'lines';

export interface ChartSeries {
  readonly label: string;
  readonly data: readonly number[];
  readonly color: ChartColor;
  /** Bars of one stack group sit on top of each other. */
  readonly stack?: string;
  /** Drawn as a line on the right-hand axis (a share next to counts). */
  readonly line?: boolean;
}

export type ChartUnit = 'count' | 'percent' | 'ms' | 'tokens';

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** One sentence with the headline numbers (the canvas's accessible name). */
  readonly summary: string;
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly stacked: boolean;
  readonly unit: ChartUnit;
  /** Unit of the right-hand axis, when a series is a line. */
  readonly lineUnit?: ChartUnit;
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
const int = (x: number) => String(Math.round(x));

/** `03-04 Mon` from `2024-03-04`. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return `${day.slice(5)} ${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]}`;
}

function tableOf(labels: readonly string[], series: readonly ChartSeries[], format: (x: number, s: ChartSeries) => string, first = ''): ChartSpec['table'] {
  return { head: [first, ...series.map((s) => s.label)], rows: labels.map((l, i) => [l, ...series.map((s) => format(s.data[i] ?? 0, s))]) };
}

export function insightCharts(r: InsightsReport): ChartSpec[] {
  const c = r.completion;
  const days = r.days.map(dayLabel);
  const charts: ChartSpec[] = [];
  const outcomeSeries = (rows: typeof c.byDay): ChartSeries[] => [
    { label: 'Accepted', data: rows.map((x) => x.accepted), color: 'green', stack: 'o' },
    { label: 'Partially accepted', data: rows.map((x) => x.partial), color: 'blue', stack: 'o' },
    { label: 'Dismissed', data: rows.map((x) => x.dismissed), color: 'red', stack: 'o' },
    { label: 'No outcome yet', data: rows.map((x) => Math.max(0, x.shown - x.accepted - x.partial - x.dismissed)), color: 'lines', stack: 'o' },
  ];
  const t = c.totals;
  const daySeries = outcomeSeries(c.byDay);
  charts.push({
    id: 'suggestions-by-day', title: 'Suggestions per day', stacked: true, unit: 'count', labels: days, series: daySeries,
    summary: `${t.shown} suggestions shown: ${t.accepted} accepted, ${t.partial} partially accepted, ${t.dismissed} dismissed (acceptance ${percent(t.acceptRate)}).`,
    table: { ...tableOf(days, daySeries, int, 'Day'), head: ['Day', 'Shown', ...daySeries.slice(0, 3).map((s) => s.label)], rows: c.byDay.map((x, i) => [days[i]!, int(x.shown), int(x.accepted), int(x.partial), int(x.dismissed)]) },
  });
  const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
  const hourSeries = outcomeSeries(c.byHour);
  const busiest = c.byHour.reduce((best, x, h) => (x.shown > (c.byHour[best]?.shown ?? 0) ? h : best), 0);
  charts.push({
    id: 'suggestions-by-hour', title: 'Suggestions by hour of day', stacked: true, unit: 'count', labels: hours, series: hourSeries,
    summary: t.shown ? `Most suggestions were shown around ${hours[busiest]} (${c.byHour[busiest]!.shown}).` : 'No suggestions in this range.',
    table: { head: ['Hour', 'Shown', 'Accepted', 'Partially accepted', 'Dismissed'], rows: c.byHour.flatMap((x, h) => (x.shown || x.accepted || x.dismissed || x.partial ? [[hours[h]!, int(x.shown), int(x.accepted), int(x.partial), int(x.dismissed)]] : [])) },
  });
  for (const [id, title, rows] of [['rate-by-language', 'Acceptance rate by language', c.byLanguage], ['rate-by-model', 'Acceptance rate by model', c.byModel]] as const) {
    const labels = rows.map((x) => x.key);
    const best = [...rows].sort((a, b) => b.acceptRate - a.acceptRate)[0];
    charts.push({
      id, title, stacked: false, unit: 'percent', labels,
      series: [{ label: 'Acceptance rate', data: rows.map((x) => x.acceptRate * 100), color: 'green' }],
      summary: best ? `Highest: ${best.key} at ${percent(best.acceptRate)} of ${best.shown} shown.` : 'No suggestions in this range.',
      table: { head: [title.endsWith('language') ? 'Language' : 'Model', 'Shown', 'Accepted', 'Partially accepted', 'Dismissed', 'Acceptance rate'], rows: rows.map((x) => [x.key, int(x.shown), int(x.accepted), int(x.partial), int(x.dismissed), percent(x.acceptRate)]) },
    });
  }
  const h = c.latency;
  const bins = h.edges.map((e, i) => (i + 1 < h.edges.length ? `${e}–${h.edges[i + 1]} ms` : `≥ ${e} ms`));
  const latencySeries: ChartSeries[] = [
    { label: 'Debounce', data: h.debounce, color: 'yellow' },
    { label: 'Context', data: h.context, color: 'purple' },
    { label: 'First token', data: h.firstToken, color: 'blue' },
    { label: 'Total', data: h.total, color: 'orange' },
  ];
  charts.push({
    id: 'latency', title: 'Latency distribution', stacked: false, unit: 'count', labels: bins, series: latencySeries,
    summary: `Keystroke to suggestion: p50 ${int(h.p50.total)} ms, p95 ${int(h.p95.total)} ms; first token p50 ${int(h.p50.firstToken)} ms, p95 ${int(h.p95.firstToken)} ms.`,
    table: {
      head: ['Stage', 'p50 ms', 'p95 ms', ...bins],
      rows: latencySeries.map((s, i) => {
        const key = (['debounce', 'context', 'firstToken', 'total'] as const)[i]!;
        return [s.label, int(h.p50[key]), int(h.p95[key]), ...s.data.map(int)];
      }),
    },
  });
  const economy: ChartSeries[] = [
    { label: 'Requests per 100 typed characters', data: c.requestsPer100CharsByDay, color: 'blue' },
    { label: 'Served without a model request (%)', data: c.cacheServedShareByDay.map((x) => x * 100), color: 'green', line: true },
  ];
  charts.push({
    id: 'economy', title: 'Requests per 100 typed characters and cache-served share', stacked: false, unit: 'count', lineUnit: 'percent', labels: days, series: economy,
    summary: `${c.typing.requestsPer100Chars.toFixed(1)} requests (${c.typing.modelRequestsPer100Chars.toFixed(1)} to the model) per 100 typed characters; ${percent(t.cacheServedShare)} of suggestions served without a model request.`,
    table: tableOf(days, economy, (x, s) => (s.line ? `${x.toFixed(1)}%` : x.toFixed(1)), 'Day'),
  });
  const roles = Object.keys(r.tokens);
  const tokenSeries: ChartSeries[] = roles.flatMap((role) => [
    { label: `${role} · prompt`, data: r.tokens[role]!.map((x) => x.prompt - x.cached), color: 'blue' as const, stack: role },
    { label: `${role} · cached prompt`, data: r.tokens[role]!.map((x) => x.cached), color: 'purple' as const, stack: role },
    { label: `${role} · completion`, data: r.tokens[role]!.map((x) => x.completion), color: 'orange' as const, stack: role },
  ]);
  const roleTotals = roles.map((role) => [role, r.tokens[role]!.reduce((n, x) => n + x.prompt + x.completion, 0)] as const);
  charts.push({
    id: 'tokens', title: 'Tokens per role', stacked: true, unit: 'tokens', labels: days, series: tokenSeries,
    summary: roleTotals.length ? `Tokens in this range: ${roleTotals.map(([role, n]) => `${role} ${n}`).join(', ')}.` : 'No model requests in this range.',
    table: {
      head: ['Day', 'Role', 'Prompt', 'Cached prompt', 'Completion'],
      rows: r.days.flatMap((_, i) => roles.flatMap((role) => {
        const x = r.tokens[role]![i]!;
        return x.prompt || x.completion ? [[days[i]!, role, int(x.prompt), int(x.cached), int(x.completion)]] : [];
      })),
    },
  });
  if (r.nextEdit) {
    const ne: ChartSeries[] = [{ label: 'Shown', data: r.nextEdit.shown, color: 'blue' }, { label: 'Accepted', data: r.nextEdit.accepted, color: 'green' }];
    const shown = r.nextEdit.shown.reduce((a, b) => a + b, 0);
    const accepted = r.nextEdit.accepted.reduce((a, b) => a + b, 0);
    charts.push({
      id: 'next-edit', title: 'Next-edit suggestions', stacked: false, unit: 'count', labels: days, series: ne,
      summary: `${shown} next-edit suggestions shown, ${accepted} accepted.`, table: tableOf(days, ne, int, 'Day'),
    });
  }
  const a = r.activity;
  const activity: ChartSeries[] = [
    { label: 'Chat turns', data: a.map((x) => x.chatTurns), color: 'blue' },
    { label: 'Rewrites accepted', data: a.map((x) => x.rewritesAccepted), color: 'green' },
    { label: 'Rewrites rejected', data: a.map((x) => x.rewritesRejected), color: 'red' },
    { label: 'Agent tool calls', data: a.map((x) => x.agentToolCalls), color: 'purple' },
    { label: 'Approvals granted', data: a.map((x) => x.approvalsGranted), color: 'yellow' },
    { label: 'Approvals denied', data: a.map((x) => x.approvalsDenied), color: 'orange' },
  ];
  const sum = (s: ChartSeries) => s.data.reduce((x, y) => x + y, 0);
  charts.push({
    id: 'activity', title: 'Chat, rewrites and agent', stacked: false, unit: 'count', labels: days, series: activity,
    summary: activity.map((s) => `${s.label.toLowerCase()} ${sum(s)}`).join(', ').replace(/^./, (x) => x.toUpperCase()) + '.',
    table: tableOf(days, activity, int, 'Day'),
  });
  return charts;
}

/** The headline figures above the charts. */
export function headline(r: InsightsReport): { label: string; value: string }[] {
  const t = r.completion.totals;
  return [
    { label: 'Shown', value: String(t.shown) },
    { label: 'Accepted', value: String(t.accepted) },
    { label: 'Partially accepted', value: String(t.partial) },
    { label: 'Dismissed', value: String(t.dismissed) },
    { label: 'Acceptance rate', value: percent(t.acceptRate) },
    { label: 'Served from cache', value: percent(t.cacheServedShare) },
  ];
}
