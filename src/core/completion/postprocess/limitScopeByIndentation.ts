import { findIndentationScopeEnd } from '../scope/indentationScope';
import { scopeInputOf, withText } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Keeps a suggestion inside the block the cursor is in, by indentation (the rule that works for
 * every language, Python included): see `findIndentationScopeEnd`.
 */
export const limitScopeByIndentation: PostprocessFilter = (item, context) => {
  const end = findIndentationScopeEnd(item.text, scopeInputOf(item, context));
  return end ? withText(item, item.text.slice(0, end.offset)) : item;
};
