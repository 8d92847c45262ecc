/** What the insights view plots, computed from raw events: days and hours in the viewer's zone, filters, rates, histograms, tokens, unknown kinds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateInsights, LATENCY_EDGES, rangeBounds } from '@src/core/insights/aggregateInsights';
import { type InsightEvent, insightEvent } from '@src/core/insights/insightEvent';
import { exportInsights } from '@src/core/insights/exportInsights';

// 2024-03-10 15:30 in UTC+2 (getTimezoneOffset() = -120).
const OFFSET = -120;
const NOW = Date.UTC(2024, 2, 10, 13, 30);
const at = (daysAgo: number, hourLocal: number) => Date.UTC(2024, 2, 10 - daysAgo, hourLocal - 2, 5);
const shown = (t: number, id: string, extra: Partial<{ lang: string; model: string; src: string; totalMs: number; firstTokenMs: number }> = {}) =>
  insightEvent('completion.shown', { id, lang: extra.lang ?? 'typescript', model: extra.model ?? 'qwen', src: extra.src ?? 'model', debounceMs: 20, contextMs: 8, totalMs: extra.totalMs ?? 180, ...(extra.src && extra.src !== 'model' ? {} : { firstTokenMs: extra.firstTokenMs ?? 120 }) }, t);
const outcome = (k: 'completion.accepted' | 'completion.partial' | 'completion.dismissed', t: number, id: string, lang = 'typescript', model = 'qwen') => insightEvent(k, { id, lang, model }, t);

describe('aggregateInsights', () => {
  it('ranges start at the viewer\'s local midnight', () => {
    assert.deepEqual(rangeBounds('today', NOW, OFFSET).days, ['2024-03-10']);
    assert.deepEqual(rangeBounds('7d', NOW, OFFSET).days, ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10']);
    assert.equal(rangeBounds('today', NOW, OFFSET).fromMs, Date.UTC(2024, 2, 9, 22, 0));
    assert.equal(rangeBounds('30d', NOW, OFFSET).days.length, 30);
  });

  it('counts shown / accepted / partial / dismissed per day and per local hour, with rates', () => {
    const events: InsightEvent[] = [
      shown(at(0, 9), 'a'), outcome('completion.accepted', at(0, 9), 'a'),
      shown(at(0, 9), 'b', { src: 'typedAhead', totalMs: 3 }), outcome('completion.partial', at(0, 9), 'b'),
      shown(at(0, 14), 'c', { lang: 'python' }), outcome('completion.dismissed', at(0, 14), 'c', 'python'),
      shown(at(2, 23), 'd'),
      shown(at(8, 10), 'too-old'),
      shown(NOW + 60_000, 'future'),
    ];
    const r = aggregateInsights(events, { range: '7d', timezoneOffsetMin: OFFSET }, NOW);
    assert.deepEqual(r.completion.totals, { shown: 4, accepted: 1, partial: 1, dismissed: 1, fromCache: 1, acceptRate: 0.5, cacheServedShare: 0.25 });
    assert.deepEqual(r.completion.byDay.map((d) => d.shown), [0, 0, 0, 0, 1, 0, 3]);
    assert.equal(r.completion.byHour[9]!.shown, 2);
    assert.equal(r.completion.byHour[9]!.accepted, 1);
    assert.equal(r.completion.byHour[14]!.dismissed, 1);
    assert.equal(r.completion.byHour[23]!.shown, 1, 'a late evening event stays on its local day and hour');
    assert.deepEqual(r.completion.byLanguage.map((x) => [x.key, x.shown, x.acceptRate]), [['typescript', 3, 2 / 3], ['python', 1, 0]]);
    assert.deepEqual(r.languages, ['python', 'typescript']);
    assert.deepEqual(r.completion.cacheServedShareByDay.at(-1), 1 / 3);
  });

  it('filters by language and model, but still offers every value seen in the range', () => {
    const events = [shown(at(0, 9), 'a'), shown(at(0, 9), 'b', { lang: 'go', model: 'deepseek' }), outcome('completion.accepted', at(0, 9), 'b', 'go', 'deepseek')];
    const r = aggregateInsights(events, { range: 'today', timezoneOffsetMin: OFFSET, languages: ['go'] }, NOW);
    assert.equal(r.completion.totals.shown, 1);
    assert.equal(r.completion.totals.accepted, 1);
    assert.deepEqual(r.languages, ['go', 'typescript']);
    assert.deepEqual(r.models, ['deepseek', 'qwen']);
    const byModel = aggregateInsights(events, { range: 'today', timezoneOffsetMin: OFFSET, models: ['qwen'] }, NOW);
    assert.equal(byModel.completion.totals.shown, 1);
    assert.equal(byModel.completion.totals.accepted, 0);
  });

  it('bins latencies per stage and gives measured percentiles; a cache hit has no first-token time', () => {
    const events = [shown(at(0, 9), 'a', { totalMs: 180, firstTokenMs: 120 }), shown(at(0, 9), 'b', { totalMs: 5000 }), shown(at(0, 9), 'c', { src: 'cache', totalMs: 2 })];
    const r = aggregateInsights(events, { range: 'today', timezoneOffsetMin: OFFSET }, NOW);
    const h = r.completion.latency;
    assert.equal(h.edges, LATENCY_EDGES);
    const binOf = (ms: number) => LATENCY_EDGES.filter((e) => ms >= e).length - 1;
    assert.equal(h.total[binOf(180)], 1);
    assert.equal(h.total[binOf(2)], 1);
    assert.equal(h.total[LATENCY_EDGES.length - 1], 1, '5 s lands in the open last bin');
    assert.equal(h.firstToken.reduce((a, b) => a + b, 0), 2);
    assert.equal(h.p50.total, 180);
    assert.equal(h.p95.total, 5000);
  });

  it('requests per 100 typed characters, tokens per role and day, activity, next-edit only when present', () => {
    const events = [
      insightEvent('completion.typing', { chars: 400, requests: 30, modelRequests: 8 }, at(0, 10)),
      insightEvent('model.usage', { role: 'completion', model: 'qwen', promptTokens: 900, completionTokens: 20, cachedTokens: 0, ok: true }, at(0, 10)),
      insightEvent('model.usage', { role: 'chat', model: 'gpt', promptTokens: 2000, completionTokens: 300, cachedTokens: 1500, ok: true }, at(1, 10)),
      insightEvent('chat.turn', { status: 'done', model: 'gpt' }, at(1, 10)),
      insightEvent('rewrite.accepted', { hunks: 2 }, at(0, 11)),
      insightEvent('rewrite.rejected', {}, at(0, 11)),
      insightEvent('agent.toolCall', { tool: 'read_file', status: 'done' }, at(0, 12)),
      insightEvent('agent.approval', { decision: 'approveSession' }, at(0, 12)),
      insightEvent('agent.approval', { decision: 'deny' }, at(0, 12)),
    ];
    const r = aggregateInsights(events, { range: '7d', timezoneOffsetMin: OFFSET }, NOW);
    assert.equal(r.completion.typing.requestsPer100Chars, 7.5);
    assert.equal(r.completion.typing.modelRequestsPer100Chars, 2);
    assert.deepEqual(Object.keys(r.tokens), ['chat', 'completion']);
    assert.deepEqual(r.tokens.chat![5], { prompt: 2000, completion: 300, cached: 1500 });
    assert.deepEqual(r.activity[6], { chatTurns: 0, rewritesAccepted: 1, rewritesRejected: 1, agentToolCalls: 1, approvalsGranted: 1, approvalsDenied: 1 });
    assert.equal(r.activity[5]!.chatTurns, 1);
    assert.equal(r.nextEdit, undefined);
    const withNext = aggregateInsights([...events, insightEvent('nextEdit.shown', { lang: 'typescript' }, at(0, 9)), insightEvent('nextEdit.accepted', { lang: 'typescript' }, at(0, 9))], { range: '7d', timezoneOffsetMin: OFFSET }, NOW);
    assert.deepEqual(withNext.nextEdit, { shown: [0, 0, 0, 0, 0, 0, 1], accepted: [0, 0, 0, 0, 0, 0, 1] });
  });

  it('kinds it does not chart are counted, not dropped or failed on', () => {
    const r = aggregateInsights([{ v: 2, t: at(0, 9), k: 'someday.feature', anything: [1, 2] }], { range: 'today', timezoneOffsetMin: OFFSET }, NOW);
    assert.deepEqual(r.otherKinds, { 'someday.feature': 1 });
    assert.equal(r.eventCount, 1);
  });

  it('evaluation runs, most recent first', () => {
    const run = (t: number, model: string) => insightEvent('eval.run', { model, n: 50, seed: 1, task: 'all', exactMatch: 0.4, editSimilarity: 0.7, identifierMatch: 0.5, syntaxMatch: 0.6, p50TotalMs: 300, p95TotalMs: 900 }, t);
    const r = aggregateInsights([run(at(1, 9), 'old'), run(at(0, 9), 'new')], { range: '7d', timezoneOffsetMin: OFFSET }, NOW);
    assert.deepEqual(r.evals.map((e) => e.model), ['new', 'old']);
  });
});

describe('exportInsights', () => {
  const events = [
    insightEvent('completion.shown', { id: 'a', lang: 'typescript', model: '=HYPERLINK("x")', src: 'model', debounceMs: 1, contextMs: 2, totalMs: 3 }, Date.UTC(2024, 0, 1)),
    insightEvent('chat.turn', { status: 'done, with "quotes"' }, Date.UTC(2024, 0, 2)),
  ];
  it('CSV: one row per event, the union of fields as columns, quoted where needed, formulas defused', () => {
    const lines = exportInsights(events, 'csv').trimEnd().split('\r\n');
    assert.equal(lines[0], 'time,kind,contextMs,debounceMs,id,lang,model,src,status,totalMs');
    assert.equal(lines[1], `2024-01-01T00:00:00.000Z,completion.shown,2,1,a,typescript,"'=HYPERLINK(""x"")",model,,3`);
    assert.equal(lines[2], '2024-01-02T00:00:00.000Z,chat.turn,,,,,,,"done, with ""quotes""",');
  });
  it('JSON: the events as recorded', () => {
    assert.deepEqual(JSON.parse(exportInsights(events, 'json')), events);
  });
});
