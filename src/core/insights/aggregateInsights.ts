/**
 * From raw log events to what the insights view plots: counts per local day and per hour of day,
 * acceptance per language and per model, latency histograms, request economy, tokens per role,
 * next-edit, chat/rewrite/agent activity, and evaluation runs. Pure: the view's numbers are testable
 * without a disk or a webview.
 */
import { nearestRank } from '../completion/completionMetrics';
import { field, type InsightEvent, numberField } from './insightEvent';

export type InsightsRange = 'today' | '7d' | '30d';
export const INSIGHTS_RANGES: readonly InsightsRange[] = ['today', '7d', '30d'];

export interface InsightsQuery {
  readonly range: InsightsRange;
  /** Only these languages / completion models (empty or absent: all). */
  readonly languages?: readonly string[];
  readonly models?: readonly string[];
  /** The viewer's `Date.getTimezoneOffset()` (minutes), so days and hours are the user's. */
  readonly timezoneOffsetMin: number;
}

export interface CompletionCounts {
  shown: number;
  accepted: number;
  partial: number;
  dismissed: number;
  fromCache: number;
}

export interface RateRow extends CompletionCounts {
  readonly key: string;
  /** (accepted + partial) / shown. */
  readonly acceptRate: number;
}

export interface LatencyHistogram {
  /** Bin lower edges in ms; the last bin is open-ended. */
  readonly edges: readonly number[];
  readonly debounce: readonly number[];
  readonly context: readonly number[];
  readonly firstToken: readonly number[];
  readonly total: readonly number[];
  readonly p50: Readonly<Record<LatencyMeasure, number>>;
  readonly p95: Readonly<Record<LatencyMeasure, number>>;
}

export type LatencyMeasure = 'debounce' | 'context' | 'firstToken' | 'total';

export interface TokenCounts {
  prompt: number;
  completion: number;
  cached: number;
}

export interface ActivityCounts {
  chatTurns: number;
  rewritesAccepted: number;
  rewritesRejected: number;
  agentToolCalls: number;
  approvalsGranted: number;
  approvalsDenied: number;
}

export interface EvalRunRow {
  readonly t: number;
  readonly model: string;
  readonly n: number;
  readonly seed: number;
  readonly task: string;
  readonly exactMatch: number;
  readonly editSimilarity: number;
  readonly identifierMatch: number;
  readonly syntaxMatch: number;
  readonly p50TotalMs: number;
  readonly p95TotalMs: number;
  readonly cancelled: boolean;
}

export interface InsightsReport {
  readonly query: InsightsQuery;
  readonly fromMs: number;
  readonly toMs: number;
  /** Local days of the range, `YYYY-MM-DD`, oldest first; every `byDay` array is aligned with it. */
  readonly days: readonly string[];
  /** Every language / model seen in the range (for the filter pickers), sorted. */
  readonly languages: readonly string[];
  readonly models: readonly string[];
  readonly completion: {
    readonly totals: CompletionCounts & { readonly acceptRate: number; readonly cacheServedShare: number };
    readonly byDay: readonly CompletionCounts[];
    /** Hour of day 0–23 over the whole range. */
    readonly byHour: readonly CompletionCounts[];
    readonly byLanguage: readonly RateRow[];
    readonly byModel: readonly RateRow[];
    readonly latency: LatencyHistogram;
    readonly typing: { readonly chars: number; readonly requests: number; readonly modelRequests: number; readonly requestsPer100Chars: number; readonly modelRequestsPer100Chars: number };
    readonly requestsPer100CharsByDay: readonly number[];
    readonly cacheServedShareByDay: readonly number[];
  };
  /** Per role, aligned with `days`. */
  readonly tokens: Readonly<Record<string, readonly TokenCounts[]>>;
  /** Absent when no next-edit event is in the range. */
  readonly nextEdit?: { readonly shown: readonly number[]; readonly accepted: readonly number[] };
  readonly activity: readonly ActivityCounts[];
  /** Most recent first. */
  readonly evals: readonly EvalRunRow[];
  /** Events of kinds this version does not chart, by kind. */
  readonly otherKinds: Readonly<Record<string, number>>;
  readonly eventCount: number;
}

export const LATENCY_EDGES: readonly number[] = [0, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];
const DAY_MS = 86_400_000;
const RANGE_DAYS: Record<InsightsRange, number> = { today: 1, '7d': 7, '30d': 30 };
const CHARTED = new Set([
  'completion.shown', 'completion.accepted', 'completion.partial', 'completion.dismissed', 'completion.typing', 'model.usage',
  'chat.turn', 'rewrite.accepted', 'rewrite.rejected', 'agent.toolCall', 'agent.approval', 'nextEdit.shown', 'nextEdit.accepted', 'eval.run',
]);

/** Local midnight (in the viewer's zone) of the day holding `t`, as epoch ms. */
function localDayStart(t: number, offsetMin: number): number {
  const local = t - offsetMin * 60_000;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) + offsetMin * 60_000;
}

function dayLabel(dayStart: number, offsetMin: number): string {
  return new Date(dayStart - offsetMin * 60_000).toISOString().slice(0, 10);
}

/** The range's bounds: from the local midnight `days - 1` days ago until now. */
export function rangeBounds(range: InsightsRange, now: number, offsetMin: number): { fromMs: number; toMs: number; days: string[] } {
  const n = RANGE_DAYS[range];
  const today = localDayStart(now, offsetMin);
  const fromMs = today - (n - 1) * DAY_MS;
  const days = Array.from({ length: n }, (_, i) => dayLabel(fromMs + i * DAY_MS, offsetMin));
  return { fromMs, toMs: now, days };
}

const zeroCounts = (): CompletionCounts => ({ shown: 0, accepted: 0, partial: 0, dismissed: 0, fromCache: 0 });
const zeroActivity = (): ActivityCounts => ({ chatTurns: 0, rewritesAccepted: 0, rewritesRejected: 0, agentToolCalls: 0, approvalsGranted: 0, approvalsDenied: 0 });

export function aggregateInsights(events: Iterable<InsightEvent>, query: InsightsQuery, now: number): InsightsReport {
  const off = query.timezoneOffsetMin;
  const { fromMs, toMs, days } = rangeBounds(query.range, now, off);
  const nDays = days.length;
  const dayIndex = (t: number) => Math.floor((localDayStart(t, off) - fromMs) / DAY_MS);
  const hourOf = (t: number) => Math.floor((((t - off * 60_000) % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000);
  const langs = new Set(query.languages ?? []);
  const models = new Set(query.models ?? []);
  const passes = (e: InsightEvent) => (!langs.size || langs.has(field(e, 'lang'))) && (!models.size || models.has(field(e, 'model')));

  const byDay = Array.from({ length: nDays }, zeroCounts);
  const byHour = Array.from({ length: 24 }, zeroCounts);
  const byLanguage = new Map<string, CompletionCounts>();
  const byModel = new Map<string, CompletionCounts>();
  const samples: Record<LatencyMeasure, number[]> = { debounce: [], context: [], firstToken: [], total: [] };
  const typingByDay = Array.from({ length: nDays }, () => ({ chars: 0, requests: 0 }));
  const typing = { chars: 0, requests: 0, modelRequests: 0 };
  const tokens = new Map<string, TokenCounts[]>();
  const nextShown = new Array<number>(nDays).fill(0);
  const nextAccepted = new Array<number>(nDays).fill(0);
  let nextSeen = false;
  const activity = Array.from({ length: nDays }, zeroActivity);
  const evals: EvalRunRow[] = [];
  const otherKinds: Record<string, number> = {};
  const seenLanguages = new Set<string>();
  const seenModels = new Set<string>();
  let eventCount = 0;

  const bump = (e: InsightEvent, key: keyof CompletionCounts, d: number) => {
    byDay[d]![key]++;
    byHour[hourOf(e.t)]![key]++;
    const lang = field(e, 'lang') || 'unknown';
    const model = field(e, 'model') || 'unknown';
    if (!byLanguage.has(lang)) byLanguage.set(lang, zeroCounts());
    if (!byModel.has(model)) byModel.set(model, zeroCounts());
    byLanguage.get(lang)![key]++;
    byModel.get(model)![key]++;
  };

  for (const e of events) {
    if (e.t < fromMs || e.t > toMs) continue;
    const d = dayIndex(e.t);
    if (d < 0 || d >= nDays) continue;
    if (e.k.startsWith('completion.') && e.k !== 'completion.typing') {
      if (field(e, 'lang')) seenLanguages.add(field(e, 'lang'));
      if (field(e, 'model')) seenModels.add(field(e, 'model'));
    }
    if (!CHARTED.has(e.k)) {
      otherKinds[e.k] = (otherKinds[e.k] ?? 0) + 1;
      eventCount++;
      continue;
    }
    if (e.k.startsWith('completion.') && e.k !== 'completion.typing' && !passes(e)) continue;
    if ((e.k === 'model.usage' || e.k.startsWith('nextEdit.')) && !passes(e)) continue;
    eventCount++;
    switch (e.k) {
      case 'completion.shown': {
        bump(e, 'shown', d);
        if (field(e, 'src') && field(e, 'src') !== 'model' && field(e, 'src') !== 'inFlight') bump(e, 'fromCache', d);
        for (const [measure, name] of [['debounce', 'debounceMs'], ['context', 'contextMs'], ['firstToken', 'firstTokenMs'], ['total', 'totalMs']] as const) {
          const v = numberField(e, name);
          if (v !== undefined && v >= 0) samples[measure].push(v);
        }
        break;
      }
      case 'completion.accepted':
        bump(e, 'accepted', d);
        break;
      case 'completion.partial':
        bump(e, 'partial', d);
        break;
      case 'completion.dismissed':
        bump(e, 'dismissed', d);
        break;
      case 'completion.typing': {
        const chars = numberField(e, 'chars') ?? 0;
        const requests = numberField(e, 'requests') ?? 0;
        typing.chars += chars;
        typing.requests += requests;
        typing.modelRequests += numberField(e, 'modelRequests') ?? 0;
        typingByDay[d]!.chars += chars;
        typingByDay[d]!.requests += requests;
        break;
      }
      case 'model.usage': {
        const role = field(e, 'role') || 'unknown';
        if (!tokens.has(role)) tokens.set(role, Array.from({ length: nDays }, () => ({ prompt: 0, completion: 0, cached: 0 })));
        const row = tokens.get(role)![d]!;
        row.prompt += numberField(e, 'promptTokens') ?? 0;
        row.completion += numberField(e, 'completionTokens') ?? 0;
        row.cached += numberField(e, 'cachedTokens') ?? 0;
        break;
      }
      case 'nextEdit.shown':
        nextSeen = true;
        nextShown[d]!++;
        break;
      case 'nextEdit.accepted':
        nextSeen = true;
        nextAccepted[d]!++;
        break;
      case 'chat.turn':
        activity[d]!.chatTurns++;
        break;
      case 'rewrite.accepted':
        activity[d]!.rewritesAccepted++;
        break;
      case 'rewrite.rejected':
        activity[d]!.rewritesRejected++;
        break;
      case 'agent.toolCall':
        activity[d]!.agentToolCalls++;
        break;
      case 'agent.approval':
        if (/^approve/.test(field(e, 'decision'))) activity[d]!.approvalsGranted++;
        else activity[d]!.approvalsDenied++;
        break;
      case 'eval.run':
        evals.push({
          t: e.t, model: field(e, 'model'), n: numberField(e, 'n') ?? 0, seed: numberField(e, 'seed') ?? 0, task: field(e, 'task'),
          exactMatch: numberField(e, 'exactMatch') ?? 0, editSimilarity: numberField(e, 'editSimilarity') ?? 0,
          identifierMatch: numberField(e, 'identifierMatch') ?? 0, syntaxMatch: numberField(e, 'syntaxMatch') ?? 0,
          p50TotalMs: numberField(e, 'p50TotalMs') ?? 0, p95TotalMs: numberField(e, 'p95TotalMs') ?? 0, cancelled: e.cancelled === true,
        });
        break;
    }
  }

  const totals = byDay.reduce((a, c) => ({
    shown: a.shown + c.shown, accepted: a.accepted + c.accepted, partial: a.partial + c.partial, dismissed: a.dismissed + c.dismissed, fromCache: a.fromCache + c.fromCache,
  }), zeroCounts());
  const rows = (m: Map<string, CompletionCounts>): RateRow[] =>
    [...m].map(([key, c]) => ({ key, ...c, acceptRate: rate(c.accepted + c.partial, c.shown) })).sort((a, b) => b.shown - a.shown || a.key.localeCompare(b.key));
  return {
    query, fromMs, toMs, days,
    languages: [...seenLanguages].sort(),
    models: [...seenModels].sort(),
    completion: {
      totals: { ...totals, acceptRate: rate(totals.accepted + totals.partial, totals.shown), cacheServedShare: rate(totals.fromCache, totals.shown) },
      byDay, byHour,
      byLanguage: rows(byLanguage), byModel: rows(byModel),
      latency: histogram(samples),
      typing: { ...typing, requestsPer100Chars: rate(100 * typing.requests, typing.chars), modelRequestsPer100Chars: rate(100 * typing.modelRequests, typing.chars) },
      requestsPer100CharsByDay: typingByDay.map((x) => rate(100 * x.requests, x.chars)),
      cacheServedShareByDay: byDay.map((c) => rate(c.fromCache, c.shown)),
    },
    tokens: Object.fromEntries([...tokens].sort(([a], [b]) => a.localeCompare(b))),
    ...(nextSeen ? { nextEdit: { shown: nextShown, accepted: nextAccepted } } : {}),
    activity,
    evals: evals.sort((a, b) => b.t - a.t).slice(0, 20),
    otherKinds,
    eventCount,
  };
}

function rate(num: number, den: number): number {
  return den > 0 ? num / den : 0;
}

function histogram(samples: Record<LatencyMeasure, number[]>): LatencyHistogram {
  const bins = (values: readonly number[]) => {
    const out = new Array<number>(LATENCY_EDGES.length).fill(0);
    for (const v of values) {
      let i = LATENCY_EDGES.length - 1;
      while (i > 0 && v < LATENCY_EDGES[i]!) i--;
      out[i]!++;
    }
    return out;
  };
  const measures: LatencyMeasure[] = ['debounce', 'context', 'firstToken', 'total'];
  const sorted = Object.fromEntries(measures.map((m) => [m, [...samples[m]].sort((a, b) => a - b)])) as Record<LatencyMeasure, number[]>;
  const pct = (p: number) => Object.fromEntries(measures.map((m) => [m, sorted[m].length ? nearestRank(sorted[m], p) : 0])) as Record<LatencyMeasure, number>;
  return {
    edges: LATENCY_EDGES,
    debounce: bins(samples.debounce), context: bins(samples.context), firstToken: bins(samples.firstToken), total: bins(samples.total),
    p50: pct(50), p95: pct(95),
  };
}
