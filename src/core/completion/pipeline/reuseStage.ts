/**
 * Stage: a suggestion without a model request — the rest of the suggestion on screen that the user
 * is typing (typed-ahead), the next line of an accepted multi-line answer (next lines), or the same
 * cursor context seen before (LRU cache). Keys are the whole document before and after the cursor,
 * so a hit is always right for this exact text.
 */
import type { CompletionCache } from '../economy/completionCache';
import type { NextLinesCache } from '../economy/nextLinesCache';
import { matchTypedAhead, type ShownSuggestion } from '../economy/typedAheadReuse';
import type { SuggestionSource } from './types';

export interface CachedSuggestion {
  readonly text: string;
  readonly replaceAfter: number;
}

export interface ReuseHit {
  readonly source: Exclude<SuggestionSource, 'model' | 'inFlight'>;
  readonly text: string;
  readonly replaceAfter: number;
}

/** The suggestion last shown in a document, with its id for the accept/dismiss metrics. */
export interface ShownInDocument {
  readonly id: string;
  readonly suggestion: ShownSuggestion;
}

export interface ReuseResult {
  readonly hit?: ReuseHit;
  /** What became of the suggestion on screen, when this request tells: the user went elsewhere
   * (`dismissed`) or typed or accepted all of it (`completed`). */
  readonly shownFate?: 'dismissed' | 'completed';
  /** The suggestion still on screen after this request (the typed-ahead rest), if any. */
  readonly stillShown?: ShownSuggestion;
}

export interface ReuseSources {
  readonly nextLines: NextLinesCache;
  readonly cache: CompletionCache<CachedSuggestion>;
}

export function reuseStage(sources: ReuseSources, shown: ShownSuggestion | undefined, prefix: string, suffix: string, now: number): ReuseResult {
  let shownFate: ReuseResult['shownFate'];
  if (shown) {
    const match = matchTypedAhead(shown, prefix, suffix);
    if (match.kind === 'reuse') return { hit: { source: 'typedAhead', text: match.rest.text, replaceAfter: match.rest.replaceAfter }, stillShown: match.rest };
    shownFate = match.kind === 'exhausted' ? 'completed' : 'dismissed';
  }
  const fate = shownFate ? { shownFate } : {};
  const next = sources.nextLines.lookup(prefix, suffix, now);
  if (next) return { hit: { source: 'nextLines', text: next, replaceAfter: 0 }, ...fate };
  const cached = sources.cache.get(prefix, suffix, now);
  if (cached) return { hit: { source: 'cache', ...cached }, ...fate };
  return fate;
}
