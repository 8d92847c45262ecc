/**
 * What the multi-line decision needs to know about the cursor, computed either from a tree-sitter
 * tree (`cursorFactsFromTree`) or, when no tree is at hand, from the text (`cursorFactsFromText`).
 */
export interface CursorFacts {
  /** The cursor sits in a string literal or a comment. */
  isInStringOrComment: boolean;
  /** The cursor sits in a block that has no statements yet (`{│}`, a `def …:` with no body). */
  isEmptyBlockBody: boolean;
  /** The cursor is in the middle of an expression (an argument list, an operand, a literal). */
  isInsideExpression: boolean;
  /** Nothing but whitespace right of the cursor on its line. */
  lineSuffixIsEmpty: boolean;
  /** Only closing brackets, quotes and `;` `,` right of the cursor on its line. */
  lineSuffixIsOnlyClosers: boolean;
}
