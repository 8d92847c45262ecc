/**
 * The insights panel: range and filter pickers, Export / Clear / Evaluate, the headline figures, the
 * latest evaluation, and the charts (each with its table). Everything is built with DOM APIs from the
 * extension's messages; the webview decides nothing but what to show.
 */
import type { EvalReport, InsightsExtensionToWebview, InsightsRange, InsightsWebviewToExtension } from '../../src/protocol/insightsWebview';
import type { InsightsQueryResult, InsightsReport } from '../../src/protocol/lsp';
import { el } from '../dom';
import { headline, insightCharts } from './chartData';
import { ChartView, renderTable } from './chartView';

export interface InsightsHost {
  post(message: InsightsWebviewToExtension): void;
  getState(): PersistedView | undefined;
  setState(state: PersistedView): void;
  timezoneOffsetMin(): number;
}

export interface PersistedView {
  readonly range: InsightsRange;
  readonly language: string;
  readonly model: string;
}

/** An <option> (built with the DOM, like everything here). */
function option(label: string, value: string): HTMLOptionElement {
  const o = el('option', '', label);
  o.value = value;
  return o;
}

const RANGES: readonly [InsightsRange, string][] = [['today', 'Today'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

export class InsightsApp {
  readonly element = el('main', 'insights');
  private readonly range = el('select');
  private readonly language = el('select');
  private readonly model = el('select');
  private readonly status = el('p', 'insights-status');
  private readonly live = el('div', 'visually-hidden');
  private readonly tiles = el('section', 'tiles');
  private readonly evalBox = el('section', 'eval');
  private readonly grid = el('div', 'chart-grid');
  private readonly charts = new Map<string, ChartView>();

  constructor(private readonly host: InsightsHost) {
    const saved = host.getState();
    const bar = el('header', 'insights-toolbar');
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Insights');
    for (const [value, label] of RANGES) this.range.append(option(label, value));
    this.range.value = saved?.range ?? '7d';
    this.setOptions(this.language, 'All languages', [], saved?.language ?? '');
    this.setOptions(this.model, 'All models', [], saved?.model ?? '');
    const labelled = (text: string, control: HTMLSelectElement, testId: string) => {
      const l = el('label', 'picker');
      l.append(el('span', '', text), control);
      control.dataset.testid = testId;
      control.addEventListener('change', () => this.query());
      return l;
    };
    const button = (text: string, testId: string, onClick: () => void, cls = 'secondary') => {
      const b = el('button', cls, text);
      b.type = 'button';
      b.dataset.testid = testId;
      b.addEventListener('click', onClick);
      return b;
    };
    bar.append(
      labelled('Range', this.range, 'range'), labelled('Language', this.language, 'language'), labelled('Model', this.model, 'model'),
      button('Export CSV', 'export-csv', () => host.post({ type: 'insights/export', format: 'csv' })),
      button('Export JSON', 'export-json', () => host.post({ type: 'insights/export', format: 'json' })),
      button('Clear…', 'clear', () => host.post({ type: 'insights/clear' })),
      button('Evaluate completion model…', 'run-eval', () => host.post({ type: 'insights/runEval' }), ''),
    );
    this.live.setAttribute('aria-live', 'polite');
    this.status.setAttribute('role', 'status');
    this.tiles.setAttribute('aria-label', 'Inline suggestions in this range');
    this.tiles.dataset.testid = 'tiles';
    this.evalBox.hidden = true;
    this.element.append(bar, this.status, this.tiles, this.evalBox, this.grid, this.live);
  }

  /** Asks for the report of the current range and filters. */
  query(): void {
    const view: PersistedView = { range: this.range.value as InsightsRange, language: this.language.value, model: this.model.value };
    this.host.setState(view);
    this.status.textContent = 'Loading…';
    this.host.post({
      type: 'insights/query', range: view.range, timezoneOffsetMin: this.host.timezoneOffsetMin(),
      languages: view.language ? [view.language] : [], models: view.model ? [view.model] : [],
    });
  }

  handle(msg: InsightsExtensionToWebview): void {
    switch (msg.type) {
      case 'insights/report':
        this.show(msg.result);
        return;
      case 'insights/eval':
        this.showEval(msg.report);
        return;
      case 'insights/error':
        this.status.textContent = msg.message;
        return;
    }
  }

  /** The theme changed: charts read the colours again. */
  restyle(): void {
    for (const c of this.charts.values()) c.restyle();
  }

  private show(result: InsightsQueryResult): void {
    const r = result.report;
    if (!r) {
      this.status.textContent = result.message ?? 'No insights.';
      this.tiles.replaceChildren();
      return;
    }
    const log = result.log;
    this.status.textContent = `${r.eventCount} events in this range${log ? ` · log ${(log.bytes / 1024).toFixed(0)} KB in ${log.files} file(s)${log.corruptLines ? `, ${log.corruptLines} damaged line(s) skipped` : ''}` : ''}. Stored on this machine only.`;
    this.setOptions(this.language, 'All languages', r.languages, this.language.value);
    this.setOptions(this.model, 'All models', r.models, this.model.value);
    this.tiles.replaceChildren(...headline(r).map((h) => {
      const tile = el('div', 'tile');
      tile.dataset.metric = h.label;
      tile.append(el('span', 'tile-value', h.value), el('span', 'tile-label', h.label));
      return tile;
    }));
    if (r.evals.length && this.evalBox.hidden) this.showEvalHistory(r);
    const specs = insightCharts(r);
    const seen = new Set<string>();
    for (const spec of specs) {
      seen.add(spec.id);
      const existing = this.charts.get(spec.id);
      if (existing) existing.update(spec);
      else {
        const view = new ChartView(spec, (text) => (this.live.textContent = text));
        this.charts.set(spec.id, view);
        this.grid.append(view.element);
      }
    }
    for (const [id, view] of this.charts) {
      if (seen.has(id)) continue;
      view.dispose();
      view.element.remove();
      this.charts.delete(id);
    }
    // Keep the order of the specs.
    for (const spec of specs) this.grid.append(this.charts.get(spec.id)!.element);
  }

  private showEval(report: EvalReport): void {
    const i = report.info;
    const box = this.evalBox;
    box.hidden = false;
    box.dataset.testid = 'eval-report';
    const title = el('h2', '', `Evaluation: ${i.model}${i.cancelled ? ' (cancelled)' : ''}`);
    const meta = el('p', 'eval-meta', `${report.results.length} of ${i.requested} cases · seed ${i.seed} · ${i.tasks.join(', ')} · ${(i.elapsedMs / 1000).toFixed(1)} s`);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const table = renderTable({
      id: 'eval', title: 'Evaluation by task and language', summary: '', labels: [], series: [], stacked: false, unit: 'count',
      table: {
        head: ['Task / language', 'Cases', 'Exact', 'Edit similarity', 'Identifiers', 'Syntax', 'First token p50 / p95 ms', 'Total p50 / p95 ms', 'Tokens in / out'],
        rows: report.summary.groups.map((g) => [
          `${g.task} / ${g.language}`, String(g.n), pct(g.exactMatch), g.editSimilarity.toFixed(3), pct(g.identifierMatch), pct(g.syntaxMatch),
          `${Math.round(g.firstTokenMs.p50)} / ${Math.round(g.firstTokenMs.p95)}`, `${Math.round(g.totalMs.p50)} / ${Math.round(g.totalMs.p95)}`,
          `${Math.round(g.meanPromptTokens)} / ${Math.round(g.meanCompletionTokens)}`,
        ]),
      },
    });
    const cases = el('details', 'eval-cases');
    cases.append(el('summary', '', `Cases (${report.results.length})`), renderTable({
      id: 'eval-cases', title: 'Cases', summary: '', labels: [], series: [], stacked: false, unit: 'count',
      table: { head: ['Case', 'Exact', 'Edit similarity', 'Total ms', 'Expected', 'Predicted'], rows: report.results.map((r) => [`${r.task} ${r.rel}:${r.line + 1}`, r.exactMatch ? 'yes' : 'no', r.editSimilarity.toFixed(2), String(Math.round(r.totalMs)), r.expected, r.predicted || `(${r.none ?? 'nothing'})`]) },
    }));
    box.replaceChildren(title, meta, table, cases);
  }

  private showEvalHistory(r: InsightsReport): void {
    const box = this.evalBox;
    box.hidden = false;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    box.replaceChildren(el('h2', '', 'Evaluations'), renderTable({
      id: 'eval-runs', title: 'Evaluation runs', summary: '', labels: [], series: [], stacked: false, unit: 'count',
      table: { head: ['When', 'Model', 'Cases', 'Exact', 'Edit similarity', 'Identifiers', 'Syntax', 'Total p50 / p95 ms'], rows: r.evals.map((e) => [new Date(e.t).toLocaleString(), e.model + (e.cancelled ? ' (cancelled)' : ''), String(e.n), pct(e.exactMatch), e.editSimilarity.toFixed(3), pct(e.identifierMatch), pct(e.syntaxMatch), `${Math.round(e.p50TotalMs)} / ${Math.round(e.p95TotalMs)}`]) },
    }));
  }

  private setOptions(select: HTMLSelectElement, all: string, values: readonly string[], keep: string): void {
    const wanted = [...new Set([...values, ...(keep ? [keep] : [])])].sort();
    select.replaceChildren(option(all, ''), ...wanted.map((v) => option(v, v)));
    select.value = keep;
  }
}
