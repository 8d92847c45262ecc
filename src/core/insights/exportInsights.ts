/**
 * Export of the insights log as the user asked for it: JSON (an array of the events as recorded) or
 * CSV (one row per event: time, kind, then every field any exported event has, in name order).
 */
import type { InsightEvent } from './insightEvent';

export type InsightsExportFormat = 'csv' | 'json';

export function exportInsights(events: readonly InsightEvent[], format: InsightsExportFormat): string {
  if (format === 'json') return `[\n${events.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
  const names = new Set<string>();
  for (const e of events) for (const k of Object.keys(e)) if (k !== 't' && k !== 'k' && k !== 'v') names.add(k);
  const columns = [...names].sort();
  const rows = [['time', 'kind', ...columns].join(',')];
  for (const e of events) rows.push([new Date(e.t).toISOString(), e.k, ...columns.map((c) => e[c])].map(csvCell).join(','));
  return rows.join('\r\n') + '\r\n';
}

/**
 * RFC 4180: quoted when it holds a comma, quote or line break; objects as JSON. A text that a
 * spreadsheet would run as a formula (a model name starting with `=`) gets a leading apostrophe.
 */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+@\t\r]|^-(?![\d.])/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
