/**
 * Asks the chat model to turn a question (in any language) into code-search terms, as a strict JSON
 * answer `{"identifiers": [...], "keywords": [...]}` read through JSON repair. Used when the question
 * alone gives too little to search with (Chinese text, no identifiers); any failure leaves the terms
 * the question had, because retrieval must never be blocked by this optional step.
 */
import { type ModelClient, type ModelRole, parseModelJson } from '../llm';
import type { QueryTerms } from './queryTerms';

const SYSTEM =
  'You turn a developer\'s question about a code base into code-search terms. Answer with one JSON object only, no prose: ' +
  '{"identifiers": ["likely function, class or variable names in the code, in their usual casing"], "keywords": ["lower-case English words likely to appear in the code or its comments"]}. ' +
  'At most 6 identifiers and 8 keywords. Translate non-English questions to English terms.';

const MAX_TERMS = 8;

export async function modelQueryTerms(models: ModelClient, role: ModelRole, question: string, base: QueryTerms, signal?: AbortSignal): Promise<QueryTerms> {
  let text = '';
  try {
    for await (const ev of models.chat({ role, json: true, maxTokens: 200, temperature: 0, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: question }] }, signal)) {
      if (ev.type === 'text') text += ev.text;
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    return base;
  }
  return mergeModelTerms(base, text);
}

/** Adds the terms of a model's JSON answer to `base`; malformed answers add nothing. */
export function mergeModelTerms(base: QueryTerms, answer: string): QueryTerms {
  const parsed = parseModelJson<{ identifiers?: unknown; keywords?: unknown }>(answer);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return base;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && /^[A-Za-z_$][\w$]{1,63}$/.test(x.trim())).map((x) => x.trim()) : []);
  const identifiers = [...new Set([...base.identifiers, ...list(parsed.value.identifiers).slice(0, MAX_TERMS)])];
  const keywords = [...new Set([...base.keywords, ...list(parsed.value.keywords).slice(0, MAX_TERMS).map((k) => k.toLowerCase())])];
  return { ...base, identifiers, keywords };
}
