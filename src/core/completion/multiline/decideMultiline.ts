import type { CursorFacts } from './cursorFacts';

export interface MultilineDecision {
  multiline: boolean;
  /** Why, for logs and the completion trace. */
  reason: string;
}

/**
 * When a block may be asked for (`banyan.completion.multiline`): `emptyBlock`, only in an empty block
 * body; `endOfLine`, wherever nothing but closers follows the cursor on its line (Tabby's rule), the
 * choice `banyan eval --compare` can measure on a repository with a real model.
 */
export type MultilineRule = 'emptyBlock' | 'endOfLine';

/**
 * Single line or a block? A block is worth asking for only where the user is about to write one:
 * an empty block body. Inside an expression, a string or a comment, or with code right of the cursor,
 * the answer is the rest of the line; a long answer there is slower and mostly wrong.
 */
export function decideMultiline(facts: CursorFacts, rule: MultilineRule = 'emptyBlock'): MultilineDecision {
  if (!facts.lineSuffixIsEmpty && !facts.lineSuffixIsOnlyClosers) return { multiline: false, reason: 'code right of the cursor' };
  if (facts.isInStringOrComment) return { multiline: false, reason: 'inside a string or comment' };
  if (facts.isEmptyBlockBody) return { multiline: true, reason: 'empty block body' };
  if (rule === 'endOfLine') return { multiline: true, reason: 'only closers right of the cursor (endOfLine rule)' };
  if (facts.isInsideExpression) return { multiline: false, reason: 'inside an expression' };
  return { multiline: false, reason: 'next statement' };
}
