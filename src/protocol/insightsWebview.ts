/**
 * Every message between the insights webview (webview-ui/insights) and the extension, declared once.
 * Kept apart from the chat's (webview.ts): a separate panel with its own entry. The extension drops
 * any webview → extension message that does not validate.
 */
import type { InsightsQueryResult } from './lsp';

export type InsightsRange = import('../core/insights/aggregateInsights').InsightsRange;
export type EvalReport = import('../core/eval/evalTypes').EvalReport;

export const INSIGHTS_RANGE_VALUES: readonly InsightsRange[] = ['today', '7d', '30d'];

export type InsightsWebviewToExtension =
  /** The view loaded (again): the extension answers with a report for this query. */
  | { readonly type: 'insights/ready' }
  | { readonly type: 'insights/query'; readonly range: InsightsRange; readonly languages: readonly string[]; readonly models: readonly string[]; readonly timezoneOffsetMin: number }
  | { readonly type: 'insights/export'; readonly format: 'csv' | 'json' }
  | { readonly type: 'insights/clear' }
  | { readonly type: 'insights/runEval' };

export type InsightsExtensionToWebview =
  | { readonly type: 'insights/report'; readonly result: InsightsQueryResult }
  /** An evaluation finished (palette command): shown above the charts. */
  | { readonly type: 'insights/eval'; readonly report: EvalReport }
  | { readonly type: 'insights/error'; readonly message: string };

type Obj = Record<string, unknown>;
const strings = (v: unknown) => Array.isArray(v) && v.length <= 200 && v.every((x) => typeof x === 'string' && x.length <= 200);

const VALIDATORS: Record<InsightsWebviewToExtension['type'], (m: Obj) => boolean> = {
  'insights/ready': () => true,
  'insights/query': (m) => (INSIGHTS_RANGE_VALUES as readonly unknown[]).includes(m.range) && strings(m.languages) && strings(m.models)
    && typeof m.timezoneOffsetMin === 'number' && Number.isInteger(m.timezoneOffsetMin) && Math.abs(m.timezoneOffsetMin) <= 14 * 60,
  'insights/export': (m) => m.format === 'csv' || m.format === 'json',
  'insights/clear': () => true,
  'insights/runEval': () => true,
};

export function isInsightsWebviewToExtension(value: unknown): value is InsightsWebviewToExtension {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const msg = value as Obj;
  if (typeof msg.type !== 'string' || !Object.prototype.hasOwnProperty.call(VALIDATORS, msg.type)) return false;
  return VALIDATORS[msg.type as InsightsWebviewToExtension['type']](msg);
}
