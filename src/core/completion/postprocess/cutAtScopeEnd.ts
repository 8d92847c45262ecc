import type { ScopeEnd } from '../scope/scopeInput';
import { withText } from './candidateLines';
import type { CompletionCandidate, PostprocessContext } from './types';

/**
 * Cuts a candidate where a scope rule says it leaves the cursor's block. Where the rule chose
 * between keeping a closing line and cutting before it (it offers the other cut as `alternative`),
 * a syntax tree, when there is one, has the last word: the cut whose result parses with fewer errors
 * wins; on a tie the rule's own choice stands.
 */
export function cutAtScopeEnd(item: CompletionCandidate, context: PostprocessContext, end: ScopeEnd): CompletionCandidate {
  if (!end) return item;
  const chosen = withText(item, item.text.slice(0, end.offset));
  if (end.alternative === undefined || end.alternative === end.offset || !context.syntax) return chosen;
  const other = withText(item, item.text.slice(0, end.alternative));
  return context.syntax.errorsWith(other) < context.syntax.errorsWith(chosen) ? other : chosen;
}
