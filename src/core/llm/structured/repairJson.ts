/**
 * Model-written JSON (tool-call arguments, JSON answers) goes through `jsonrepair` before parsing:
 * models drop quotes, leave trailing commas, wrap it in Markdown fences or stop mid-object. What
 * cannot be repaired is a readable result, never a thrown exception.
 */
import { jsonrepair } from 'jsonrepair';

export type JsonParse<T = unknown> =
  | { readonly ok: true; readonly value: T; readonly repaired: boolean }
  | { readonly ok: false; readonly error: string };

export function parseModelJson<T = unknown>(text: string): JsonParse<T> {
  const trimmed = stripFences(text.trim());
  if (!trimmed) return { ok: false, error: 'the model sent no JSON (empty text)' };
  try {
    return { ok: true, value: JSON.parse(trimmed) as T, repaired: false };
  } catch {
    // fall through to repair
  }
  try {
    return { ok: true, value: JSON.parse(jsonrepair(trimmed)) as T, repaired: true };
  } catch (err) {
    const excerpt = trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
    return { ok: false, error: `the model sent JSON that cannot be repaired (${err instanceof Error ? err.message : String(err)}): ${excerpt}` };
  }
}

/** Tool-call arguments must be an object; anything else is reported, not guessed. */
export function parseToolArguments(text: string): JsonParse<Record<string, unknown>> {
  if (!text.trim()) return { ok: true, value: {}, repaired: false };
  const r = parseModelJson(text);
  if (!r.ok) return r;
  if (typeof r.value !== 'object' || r.value === null || Array.isArray(r.value)) return { ok: false, error: `tool arguments must be a JSON object, got ${Array.isArray(r.value) ? 'an array' : typeof r.value}` };
  return { ok: true, value: r.value as Record<string, unknown>, repaired: r.repaired };
}

function stripFences(text: string): string {
  const m = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(text);
  return m ? m[1]!.trim() : text;
}
