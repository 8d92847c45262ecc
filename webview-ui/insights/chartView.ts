/**
 * One chart of the insights view: a Chart.js canvas (only the controllers and elements used are
 * registered, so the bundle stays small; Chart.js never evaluates strings or injects style sheets,
 * so it runs under the view's CSP) with the theme's colours, a keyboard walk through its points
 * (arrow keys, Home, End) announced to screen readers, and its data table behind a toggle.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset,
} from 'chart.js';
import { el } from '../dom';
import type { ChartColor, ChartSpec, ChartUnit } from './chartData';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

/** A theme colour (VS Code's --vscode-charts-* variables) as the canvas needs it. */
export function themeColor(name: ChartColor | 'description' | 'grid', root: Element = document.body): string {
  const css = getComputedStyle(root);
  const read = (v: string) => css.getPropertyValue(v).trim();
  if (name === 'description') return read('--vscode-descriptionForeground') || read('--vscode-foreground') || '#888';
  if (name === 'grid') return read('--vscode-charts-lines') || read('--vscode-widget-border') || 'rgba(128,128,128,0.3)';
  return read(`--vscode-charts-${name}`) || read('--vscode-foreground') || '#888';
}

const formatValue = (unit: ChartUnit | undefined, v: number) => (unit === 'percent' ? `${Math.round(v * 10) / 10}%` : unit === 'ms' ? `${Math.round(v)} ms` : String(Math.round(v * 10) / 10));

export class ChartView {
  readonly element: HTMLElement;
  private chart: Chart | undefined;
  private readonly canvas: HTMLCanvasElement;
  private readonly tableBox: HTMLElement;
  private readonly announce: (text: string) => void;
  private active = -1;
  private spec: ChartSpec;

  constructor(spec: ChartSpec, announce: (text: string) => void) {
    this.spec = spec;
    this.announce = announce;
    this.element = el('figure', 'insight-chart');
    this.element.dataset.chart = spec.id;
    const caption = el('figcaption', 'chart-title');
    const title = el('span', '', spec.title);
    title.id = `title-${spec.id}`;
    const toggle = el('button', 'secondary small', 'Show table');
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', `table-${spec.id}`);
    caption.append(title, toggle);
    const box = el('div', 'chart-box');
    this.canvas = el('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.append(el('p', '', spec.summary)); // fallback content where canvas is unsupported
    box.append(this.canvas);
    this.tableBox = el('div', 'chart-table');
    this.tableBox.id = `table-${spec.id}`;
    this.tableBox.hidden = true;
    toggle.addEventListener('click', () => {
      this.tableBox.hidden = !this.tableBox.hidden;
      toggle.textContent = this.tableBox.hidden ? 'Show table' : 'Hide table';
      toggle.setAttribute('aria-expanded', String(!this.tableBox.hidden));
    });
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.element.append(caption, el('p', 'chart-summary', spec.summary), box, this.tableBox);
    this.render(spec);
  }

  /** New numbers: the canvas, its accessible name and the table follow. */
  update(spec: ChartSpec): void {
    this.spec = spec;
    this.active = -1;
    this.render(spec);
  }

  /** Redraw with the current theme's colours (after a theme change). */
  restyle(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.render(this.spec);
  }

  dispose(): void {
    this.chart?.destroy();
  }

  private render(spec: ChartSpec): void {
    this.canvas.setAttribute('aria-label', `${spec.title}. ${spec.summary} Arrow keys step through the values.`);
    (this.element.querySelector('.chart-summary') as HTMLElement).textContent = spec.summary;
    this.tableBox.replaceChildren(renderTable(spec));
    const config = chartConfig(spec);
    if (this.chart) {
      this.chart.data = config.data;
      this.chart.options = config.options!;
      this.chart.update();
      return;
    }
    // jsdom (tests) has no 2D context: the table and the accessible text still work.
    if (!this.canvas.getContext?.('2d')) return;
    this.chart = new Chart(this.canvas, config);
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.spec.labels.length;
    if (!n) return;
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(n - 1, this.active + 1)
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? Math.max(0, this.active < 0 ? 0 : this.active - 1)
        : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : e.key === 'Escape' ? -1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    this.active = next;
    const chart = this.chart;
    if (next < 0) {
      chart?.setActiveElements([]);
      chart?.tooltip?.setActiveElements([], { x: 0, y: 0 });
      chart?.update();
      return;
    }
    if (chart) {
      const points = this.spec.series.map((_, datasetIndex) => ({ datasetIndex, index: next }));
      chart.setActiveElements(points);
      chart.tooltip?.setActiveElements(points, { x: 0, y: 0 });
      chart.update();
    }
    this.announce(pointText(this.spec, next));
  }
}

/** What the keyboard walk reads out for one label: every series' value there. */
export function pointText(spec: ChartSpec, index: number): string {
  return `${spec.labels[index]}: ${spec.series.map((s) => `${s.label} ${formatValue(s.line ? spec.lineUnit : spec.unit, s.data[index] ?? 0)}`).join(', ')}`;
}

export function renderTable(spec: ChartSpec): HTMLTableElement {
  const table = el('table', 'data-table');
  const caption = el('caption', 'visually-hidden', spec.title);
  const head = el('thead');
  const hr = el('tr');
  for (const h of spec.table.head) {
    const th = el('th', '', h);
    th.scope = 'col';
    hr.append(th);
  }
  head.append(hr);
  const body = el('tbody');
  for (const row of spec.table.rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      const td = el(i === 0 ? 'th' : 'td', '', cell);
      if (i === 0) (td as HTMLTableCellElement).scope = 'row';
      tr.append(td);
    });
    body.append(tr);
  }
  if (!spec.table.rows.length) {
    const tr = el('tr');
    const td = el('td', 'empty', 'No data in this range.');
    td.colSpan = spec.table.head.length;
    tr.append(td);
    body.append(tr);
  }
  table.append(caption, head, body);
  return table;
}

export function chartConfig(spec: ChartSpec): ChartConfiguration<'bar' | 'line'> {
  const text = themeColor('description');
  const grid = themeColor('grid');
  const datasets = spec.series.map((s): ChartDataset<'bar' | 'line'> => {
    const color = themeColor(s.color);
    return s.line
      ? { type: 'line', label: s.label, data: [...s.data], borderColor: color, backgroundColor: color, yAxisID: 'y2', pointRadius: 3, tension: 0.2 }
      : { type: 'bar', label: s.label, data: [...s.data], backgroundColor: color, borderColor: color, ...(s.stack ? { stack: s.stack } : {}) };
  });
  const hasLine = spec.series.some((s) => s.line);
  return {
    type: 'bar',
    data: { labels: [...spec.labels], datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { labels: { color: text, boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatValue(spec.series[item.datasetIndex]?.line ? spec.lineUnit : spec.unit, Number(item.raw))}` } },
      },
      scales: {
        x: { stacked: spec.stacked, ticks: { color: text }, grid: { color: grid } },
        y: { stacked: spec.stacked, beginAtZero: true, ticks: { color: text, precision: 0, callback: (v) => formatValue(spec.unit, Number(v)) }, grid: { color: grid } },
        ...(hasLine ? { y2: { position: 'right' as const, beginAtZero: true, max: spec.lineUnit === 'percent' ? 100 : undefined, ticks: { color: text, callback: (v: string | number) => formatValue(spec.lineUnit, Number(v)) }, grid: { display: false } } } : {}),
      },
    },
  };
}
