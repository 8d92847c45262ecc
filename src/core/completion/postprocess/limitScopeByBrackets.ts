import { findBracketScopeEnd } from '../scope/bracketScope';
import { scopeInputOf, withText } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Keeps a suggestion inside the cursor's `{…}` block in brace languages, where code on one line or
 * with odd indentation defeats the indentation rule: see `findBracketScopeEnd`.
 */
export const limitScopeByBrackets: PostprocessFilter = (item, context) => {
  const end = findBracketScopeEnd(item.text, scopeInputOf(item, context));
  return end ? withText(item, item.text.slice(0, end.offset)) : item;
};
