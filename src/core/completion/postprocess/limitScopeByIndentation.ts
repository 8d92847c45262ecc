import { findIndentationScopeEnd } from '../scope/indentationScope';
import { scopeInputOf } from './candidateLines';
import { cutAtScopeEnd } from './cutAtScopeEnd';
import type { PostprocessFilter } from './types';

/**
 * Keeps a suggestion inside the block the cursor is in, by indentation (the rule that works for
 * every language, Python included): see `findIndentationScopeEnd` (and `cutAtScopeEnd` for what a
 * syntax tree decides).
 */
export const limitScopeByIndentation: PostprocessFilter = (item, context) =>
  cutAtScopeEnd(item, context, findIndentationScopeEnd(item.text, scopeInputOf(item, context)));
