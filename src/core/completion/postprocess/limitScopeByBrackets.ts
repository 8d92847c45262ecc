import { findBracketScopeEnd } from '../scope/bracketScope';
import { scopeInputOf } from './candidateLines';
import { cutAtScopeEnd } from './cutAtScopeEnd';
import type { PostprocessFilter } from './types';

/**
 * Keeps a suggestion inside the cursor's `{…}` block in brace languages, where code on one line or
 * with odd indentation defeats the indentation rule: see `findBracketScopeEnd` (and `cutAtScopeEnd`
 * for what a syntax tree decides).
 */
export const limitScopeByBrackets: PostprocessFilter = (item, context) =>
  cutAtScopeEnd(item, context, findBracketScopeEnd(item.text, scopeInputOf(item, context)));
