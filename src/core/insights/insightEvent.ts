/**
 * One line of the local insights log: `{"v":1,"t":<epoch ms>,"k":"<kind>", …fields}`. The schema is
 * open on purpose: a new kind (next-edit, a future feature) is just a new `k` with its own fields, and
 * readers count kinds they do not know instead of rejecting them, so no log ever needs migrating.
 * Nothing here leaves the machine: no code, no paths, no prompts — kinds, languages, model names,
 * counts and milliseconds only.
 */

export const INSIGHT_SCHEMA_VERSION = 1;

/** What every line carries; everything else is the kind's own fields (flat, JSON scalars). */
export interface InsightEventBase {
  readonly v: number;
  /** Wall-clock time, epoch milliseconds. */
  readonly t: number;
  /** Kind, dotted by area: `completion.shown`, `model.usage`, `nextEdit.accepted`… */
  readonly k: string;
}

export type InsightEvent = InsightEventBase & { readonly [field: string]: unknown };

/** The kinds Banyan writes today, with their fields. */
export interface KnownInsightFields {
  /** A suggestion appeared; `src` is where it came from (model, cache, typedAhead, nextLines, inFlight). */
  'completion.shown': { id: string; lang: string; model: string; src: string; debounceMs: number; contextMs: number; firstTokenMs?: number; totalMs: number };
  'completion.accepted': { id: string; lang: string; model: string };
  'completion.partial': { id: string; lang: string; model: string };
  'completion.dismissed': { id: string; lang: string; model: string };
  /** Typing since the last record of this kind: characters typed, completion requests, model requests. */
  'completion.typing': { chars: number; requests: number; modelRequests: number };
  /** One finished model request of any role (tokens counted by Banyan when the API does not say). */
  'model.usage': { role: string; model: string; promptTokens: number; completionTokens: number; cachedTokens: number; ok: boolean };
  'chat.turn': { status: string; model?: string };
  'rewrite.accepted': { hunks: number };
  'rewrite.rejected': Record<string, never>;
  'agent.toolCall': { tool: string; status: string };
  'agent.approval': { decision: string };
  'nextEdit.shown': { lang?: string; model?: string };
  'nextEdit.accepted': { lang?: string; model?: string };
  /** A finished `banyan eval` / palette evaluation: its summary, never its cases' code. */
  'eval.run': { model: string; n: number; seed: number; task: string; exactMatch: number; editSimilarity: number; identifierMatch: number; syntaxMatch: number; p50TotalMs: number; p95TotalMs: number; cancelled?: boolean };
}

export type InsightKind = keyof KnownInsightFields;

/** A new event of a known kind, stamped now (or at `t`). */
export function insightEvent<K extends InsightKind>(k: K, fields: KnownInsightFields[K], t = Date.now()): InsightEvent {
  return { v: INSIGHT_SCHEMA_VERSION, t, k, ...fields };
}

/** A line read back, or undefined when it is not an event (a torn write, a foreign line). */
export function parseInsightLine(line: string): InsightEvent | undefined {
  if (!line || line[0] !== '{') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const e = value as Record<string, unknown>;
  if (typeof e.t !== 'number' || !Number.isFinite(e.t) || typeof e.k !== 'string' || !e.k) return undefined;
  return e as InsightEvent;
}

/** A string field, or '' when absent or of another type. */
export function field(e: InsightEvent, name: string): string {
  const v = e[name];
  return typeof v === 'string' ? v : '';
}

/** A finite number field, or undefined. */
export function numberField(e: InsightEvent, name: string): number | undefined {
  const v = e[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
