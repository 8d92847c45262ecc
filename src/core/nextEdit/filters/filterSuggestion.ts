/** The filters in order; the first that objects drops the suggestion and names why. */
import { noOp } from './noOp';
import { rejectedBefore } from './rejectedBefore';
import { revertsUserEdit } from './revertsUserEdit';
import type { CandidateSuggestion, FilterContext, SuggestionFilter } from './suggestionFilter';
import { tooLarge } from './tooLarge';
import { whitespaceOnly } from './whitespaceOnly';

export const SUGGESTION_FILTERS: readonly SuggestionFilter[] = [noOp, whitespaceOnly, revertsUserEdit, rejectedBefore, tooLarge];

export function filterSuggestion(s: CandidateSuggestion, ctx: FilterContext): { readonly filter: string; readonly reason: string } | undefined {
  for (const f of SUGGESTION_FILTERS) {
    const reason = f.check(s, ctx);
    if (reason) return { filter: f.name, reason };
  }
  return undefined;
}
