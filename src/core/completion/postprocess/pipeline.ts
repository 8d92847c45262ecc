import { dropEmpty } from './dropEmpty';
import { dropSuffixDuplicate } from './dropSuffixDuplicate';
import { fixAutoClosedBracketRange } from './fixAutoClosedBracketRange';
import { limitScopeByBrackets } from './limitScopeByBrackets';
import { limitScopeByIndentation } from './limitScopeByIndentation';
import { normalizeIndentation } from './normalizeIndentation';
import { normalizeLineEndings } from './normalizeLineEndings';
import { removeRepetitiveBlocks } from './removeRepetitiveBlocks';
import { removeRepetitiveLines } from './removeRepetitiveLines';
import { trimTrailingWhitespace } from './trimTrailingWhitespace';
import { truncateToSingleLine } from './truncateToSingleLine';
import type { CompletionCandidate, PostprocessContext, PostprocessFilter } from './types';

/**
 * The post-processing filters in the order they run. Loops are cut first (they would fool the scope
 * rules), indentation is normalised before the scope rules read it, duplicates of the suffix are
 * removed once the scope is settled, and the replace range is fixed last on the final text.
 */
export const POSTPROCESS_FILTERS: readonly PostprocessFilter[] = [
  normalizeLineEndings,
  truncateToSingleLine,
  removeRepetitiveBlocks,
  removeRepetitiveLines,
  normalizeIndentation,
  limitScopeByIndentation,
  limitScopeByBrackets,
  dropSuffixDuplicate,
  trimTrailingWhitespace,
  fixAutoClosedBracketRange,
  dropEmpty,
];

/** Runs the filters in order; null as soon as one discards the candidate. */
export function postprocess(
  item: CompletionCandidate,
  context: PostprocessContext,
  filters: readonly PostprocessFilter[] = POSTPROCESS_FILTERS,
): CompletionCandidate | null {
  let current: CompletionCandidate | null = item;
  for (const filter of filters) {
    if (current === null) return null;
    current = filter(current, context);
  }
  return current;
}
