/**
 * Picks the strategy from the answer's shape. Search/replace markers are the most specific signal,
 * then a diff (a `diff`-tagged fence, or `@@` hunks / `---`+`+++` headers with +/- lines); anything
 * else is the new code itself. A document that is itself a patch file should pass the strategy
 * explicitly instead.
 */
import { parseFences } from './codeFences';
import { looksLikeSearchReplace } from './strategies/searchReplace';
import { looksLikeUnifiedDiff } from './strategies/unifiedDiff';
import type { EditStrategyName } from './types';

export function detectStrategy(answer: string): EditStrategyName {
  if (looksLikeSearchReplace(answer)) return 'search-replace';
  const { blocks, prose } = parseFences(answer);
  if (blocks.some((b) => b.language === 'diff' || b.language === 'patch' || looksLikeUnifiedDiff(b.content))) return 'unified-diff';
  if (looksLikeUnifiedDiff(prose.join('\n'))) return 'unified-diff';
  return 'whole-replacement';
}
