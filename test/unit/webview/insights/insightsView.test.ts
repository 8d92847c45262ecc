/**
 * The insights view's data and DOM under jsdom: what each chart plots (from a report built by the
 * core aggregation), the table fallback, the keyboard walk's announcement, the controls' messages,
 * and the theme colours read from VS Code's CSS variables.
 */
import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateInsights } from '@src/core/insights/aggregateInsights';
import { insightEvent } from '@src/core/insights/insightEvent';
import type { InsightsWebviewToExtension } from '@src/protocol/insightsWebview';
import { dayLabel, headline, insightCharts } from '../../../../webview-ui/insights/chartData';
import { chartConfig, pointText, renderTable, themeColor } from '../../../../webview-ui/insights/chartView';
import { InsightsApp } from '../../../../webview-ui/insights/insightsApp';

const NOW = Date.UTC(2024, 2, 10, 12, 0);
const t = (daysAgo: number, hour: number) => Date.UTC(2024, 2, 10 - daysAgo, hour, 0);
const shown = (id: string, at: number, lang = 'typescript') => insightEvent('completion.shown', { id, lang, model: 'qwen', src: 'model', debounceMs: 30, contextMs: 8, firstTokenMs: 140, totalMs: 210 }, at);
const report = aggregateInsights([
  shown('a', t(0, 9)), insightEvent('completion.accepted', { id: 'a', lang: 'typescript', model: 'qwen' }, t(0, 9)),
  shown('b', t(0, 10)), insightEvent('completion.partial', { id: 'b', lang: 'typescript', model: 'qwen' }, t(0, 10)),
  shown('c', t(1, 10), 'python'), insightEvent('completion.dismissed', { id: 'c', lang: 'python', model: 'qwen' }, t(1, 10)),
  shown('d', t(1, 11), 'python'),
  insightEvent('model.usage', { role: 'completion', model: 'qwen', promptTokens: 800, completionTokens: 12, cachedTokens: 0, ok: true }, t(0, 9)),
  insightEvent('chat.turn', { status: 'done' }, t(0, 12)),
], { range: '7d', timezoneOffsetMin: 0 }, NOW);

describe('insight charts', () => {
  const charts = insightCharts(report);
  const chart = (id: string) => charts.find((c) => c.id === id)!;

  it('suggestions per day: outcomes stacked, the rest as "no outcome yet", the table with the exact counts', () => {
    const c = chart('suggestions-by-day');
    assert.deepEqual(c.labels, report.days.map(dayLabel));
    assert.equal(dayLabel('2024-03-10'), '03-10 Sun');
    assert.deepEqual(c.series.map((s) => [s.label, s.data.slice(-2)]), [['Accepted', [0, 1]], ['Partially accepted', [0, 1]], ['Dismissed', [1, 0]], ['No outcome yet', [1, 0]]]);
    assert.deepEqual(c.table.rows.at(-1), ['03-10 Sun', '2', '1', '1', '0']);
    assert.match(c.summary, /4 suggestions shown: 1 accepted, 1 partially accepted, 1 dismissed \(acceptance 50%\)/);
  });

  it('by hour only lists the hours that had suggestions; rates per language; latency percentiles', () => {
    assert.deepEqual(chart('suggestions-by-hour').table.rows.map((r) => r[0]), ['09:00', '10:00', '11:00']);
    assert.deepEqual(chart('rate-by-language').labels, ['python', 'typescript']);
    assert.deepEqual(chart('rate-by-language').series[0]!.data, [0, 100]);
    assert.match(chart('latency').summary, /p50 210 ms, p95 210 ms; first token p50 140 ms/);
    assert.deepEqual(chart('latency').table.rows.map((r) => r.slice(0, 3)), [['Debounce', '30', '30'], ['Context', '8', '8'], ['First token', '140', '140'], ['Total', '210', '210']]);
  });

  it('tokens per role split into prompt, cached and completion; activity; no next-edit chart without events', () => {
    const tokens = chart('tokens');
    assert.deepEqual(tokens.series.map((s) => s.label), ['completion · prompt', 'completion · cached prompt', 'completion · completion']);
    assert.deepEqual(tokens.table.rows, [['03-10 Sun', 'completion', '800', '0', '12']]);
    assert.equal(charts.some((c) => c.id === 'next-edit'), false);
    assert.match(chart('activity').summary, /^Chat turns 1, rewrites accepted 0/);
    assert.deepEqual(headline(report).map((h) => h.value), ['4', '1', '1', '1', '50%', '0%']);
  });

  it('the keyboard walk reads every series at a point; the table has header cells for screen readers', () => {
    const c = chart('suggestions-by-day');
    assert.equal(pointText(c, 6), '03-10 Sun: Accepted 1, Partially accepted 1, Dismissed 0, No outcome yet 0');
    const table = renderTable(c);
    assert.equal(table.querySelectorAll('thead th[scope=col]').length, 5);
    assert.equal(table.querySelectorAll('tbody th[scope=row]').length, 7);
    assert.equal(table.querySelector('caption')!.textContent, 'Suggestions per day');
  });

  it('colours come from VS Code\'s chart variables', () => {
    document.body.setAttribute('style', '--vscode-charts-green: #00ff00; --vscode-descriptionForeground: #777');
    assert.equal(themeColor('green'), '#00ff00');
    const cfg = chartConfig(chart('suggestions-by-day'));
    assert.equal(cfg.data.datasets[0]!.backgroundColor, '#00ff00');
    assert.equal(cfg.options!.animation, false);
    document.body.removeAttribute('style');
  });
});

describe('InsightsApp', () => {
  const make = () => {
    const sent: InsightsWebviewToExtension[] = [];
    let state: unknown;
    const app = new InsightsApp({ post: (m) => sent.push(m), getState: () => state as never, setState: (s) => (state = s), timezoneOffsetMin: () => -60 });
    document.body.append(app.element);
    return { app, sent, state: () => state };
  };

  it('queries with the range, filters and time zone, and remembers them', () => {
    const { app, sent, state } = make();
    app.query();
    assert.deepEqual(sent.at(-1), { type: 'insights/query', range: '7d', timezoneOffsetMin: -60, languages: [], models: [] });
    app.handle({ type: 'insights/report', result: { enabled: true, report, log: { dir: '/x', bytes: 2048, files: 1, corruptLines: 0 } } });
    const language = app.element.querySelector<HTMLSelectElement>('[data-testid=language]')!;
    assert.deepEqual([...language.options].map((o) => o.value), ['', 'python', 'typescript']);
    language.value = 'python';
    language.dispatchEvent(new window.Event('change'));
    assert.deepEqual(sent.at(-1), { type: 'insights/query', range: '7d', timezoneOffsetMin: -60, languages: ['python'], models: [] });
    assert.deepEqual(state(), { range: '7d', language: 'python', model: '' });
    app.element.remove();
  });

  it('shows the headline counts and one figure per chart, each with a hidden table behind a toggle', () => {
    const { app } = make();
    app.handle({ type: 'insights/report', result: { enabled: true, report } });
    const tile = (name: string) => app.element.querySelector(`[data-metric="${name}"] .tile-value`)!.textContent;
    assert.deepEqual([tile('Shown'), tile('Accepted'), tile('Dismissed')], ['4', '1', '1']);
    const figures = app.element.querySelectorAll('figure[data-chart]');
    assert.equal(figures.length, insightCharts(report).length);
    const first = figures[0]!;
    const toggle = first.querySelector('button')!;
    const table = first.querySelector('.chart-table') as HTMLElement;
    assert.equal(table.hidden, true);
    toggle.click();
    assert.equal(table.hidden, false);
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.match(first.querySelector('canvas')!.getAttribute('aria-label')!, /^Suggestions per day\. 4 suggestions shown/);
    app.element.remove();
  });

  it('says why there is nothing when recording is off; buttons post their intents', () => {
    const { app, sent } = make();
    app.handle({ type: 'insights/report', result: { enabled: false, message: 'Recording is off (banyan.insights.enabled).' } });
    assert.equal(app.element.querySelector('.insights-status')!.textContent, 'Recording is off (banyan.insights.enabled).');
    for (const id of ['export-csv', 'export-json', 'clear', 'run-eval']) app.element.querySelector<HTMLButtonElement>(`[data-testid=${id}]`)!.click();
    assert.deepEqual(sent.slice(-4), [{ type: 'insights/export', format: 'csv' }, { type: 'insights/export', format: 'json' }, { type: 'insights/clear' }, { type: 'insights/runEval' }]);
    app.element.remove();
  });
});
