import { isOnlyClosers, lineSuffixOf } from '../text/splitCursorLine';
import type { CursorFacts } from './cursorFacts';
import { isEmptyBlockByText } from './cursorFactsFromText';

/**
 * The parts of a tree-sitter node the adapter reads (web-tree-sitter's `Node` satisfies it), so the
 * core does not depend on a parser being loaded.
 */
export interface SyntaxNodeLike {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly parent: SyntaxNodeLike | null;
  readonly namedChildren: readonly (SyntaxNodeLike | null)[];
  /** The node's subtree holds a syntax error (ERROR or MISSING nodes). */
  readonly hasError: boolean;
  descendantForIndex(start: number, end?: number): SyntaxNodeLike | null;
}

/** Nodes whose content is a list of statements or members. */
export const BLOCK_NODE = /^(statement_block|block|class_body|interface_body|enum_body|declaration_list|field_declaration_list|enum_variant_list|compound_statement|constructor_body|switch_body|switch_block|match_block|object_type|program|module|source_file)$/;
/** Nodes that make a cursor strictly inside them "in the middle of an expression". */
const EXPRESSION = /(expression|arguments|argument_list|^call$|^array$|^list$|^tuple$|^dictionary$|^object$|^set$|subscript|parenthesized|^pair$|composite_literal|literal_value|type_arguments|formal_parameters|^parameters$|parameter_list)/;
const STRING_OR_COMMENT = /(string|template|comment|char_literal|rune_literal|heredoc)/;
/** Code embedded in a string (`${…}`, f-string `{…}`): the cursor there is in code again. */
const EMBEDDED_CODE = /(substitution|interpolation)/;

/**
 * Cursor facts read from a syntax tree of the document (`text`, which the tree was parsed from) at
 * character offset `cursor`. Where the code around the cursor does not parse (the user just typed
 * `if (x) {` and nothing closes it yet), the tree's guess is unreliable and the text rule for an
 * empty block is consulted as well.
 */
export function cursorFactsFromTree(root: SyntaxNodeLike, text: string, cursor: number, languageId: string, tabSize = 4): CursorFacts {
  const lineSuffix = lineSuffixOf(text.slice(cursor)).trim();
  const emptyBlock =
    isEmptyBlockBody(root, text, cursor) ||
    (isDamagedAroundCursor(root, text, cursor) && isEmptyBlockByText(text.slice(0, cursor), text.slice(cursor), languageId, tabSize));
  return {
    isInStringOrComment: isInStringOrComment(root, text, cursor),
    isEmptyBlockBody: emptyBlock,
    isInsideExpression: isInsideExpression(root, cursor),
    lineSuffixIsEmpty: lineSuffix.length === 0,
    lineSuffixIsOnlyClosers: isOnlyClosers(lineSuffix),
  };
}

function* ancestors(node: SyntaxNodeLike | null): Generator<SyntaxNodeLike> {
  for (let n = node; n !== null; n = n.parent) yield n;
}

function strictlyContains(node: SyntaxNodeLike, cursor: number): boolean {
  return node.startIndex < cursor && cursor < node.endIndex;
}

function isInStringOrComment(root: SyntaxNodeLike, text: string, cursor: number): boolean {
  for (const n of ancestors(root.descendantForIndex(Math.max(0, cursor - 1), cursor))) {
    if (BLOCK_NODE.test(n.type) || (EMBEDDED_CODE.test(n.type) && strictlyContains(n, cursor))) return false;
    if (!STRING_OR_COMMENT.test(n.type) || n.startIndex >= cursor) continue;
    if (cursor < n.endIndex) return true;
    // A line comment's range stops before its newline, so a cursor at its very end is still in it.
    if (cursor === n.endIndex && n.type.includes('comment') && /^(\/\/|#|--)/.test(text.slice(n.startIndex, n.startIndex + 2))) return true;
  }
  return false;
}

function isInsideExpression(root: SyntaxNodeLike, cursor: number): boolean {
  for (const n of ancestors(root.descendantForIndex(Math.max(0, cursor - 1), cursor))) {
    if (BLOCK_NODE.test(n.type)) return false;
    if (EXPRESSION.test(n.type) && strictlyContains(n, cursor)) return true;
  }
  return false;
}

/** Whether the code just before the cursor (up to its enclosing block) failed to parse. */
function isDamagedAroundCursor(root: SyntaxNodeLike, text: string, cursor: number): boolean {
  const last = lastCodeBefore(text, cursor);
  if (last < 0) return false;
  for (const n of ancestors(root.descendantForIndex(last, last + 1))) {
    if (n.type === 'ERROR' || (n.hasError && n.parent !== null && !BLOCK_NODE.test(n.type))) return true;
    if (BLOCK_NODE.test(n.type)) return n.parent === null ? false : n.hasError;
  }
  return false;
}

function lastCodeBefore(text: string, cursor: number): number {
  let last = cursor - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  return last;
}

function isStatementFree(block: SyntaxNodeLike): boolean {
  return block.namedChildren.every((c) => c === null || c.type.includes('comment'));
}

/**
 * The cursor is in a block with no statements: either inside `{ }` with only whitespace around
 * it, or after the `:` of a Python header whose (zero-width) body block is empty.
 */
function isEmptyBlockBody(root: SyntaxNodeLike, text: string, cursor: number): boolean {
  const last = lastCodeBefore(text, cursor);
  if (last < 0 || !isOnlyClosers(lineSuffixOf(text.slice(cursor)))) return false;
  for (const n of ancestors(root.descendantForIndex(last, last + 1))) {
    if (/^(program|module|source_file)$/.test(n.type)) return false;
    if (BLOCK_NODE.test(n.type) && n.startIndex <= last && isStatementFree(n) && text[n.startIndex] === '{') {
      return /^\s*$/.test(text.slice(cursor, Math.max(cursor, n.endIndex - 1)));
    }
    for (const child of n.namedChildren) {
      if (child === null || !BLOCK_NODE.test(child.type) || !isStatementFree(child)) continue;
      // Python: an empty body block sits right after the header's `:`.
      if (text[last] === ':' && child.startIndex > last && child.startIndex <= cursor + 1) return true;
    }
  }
  return false;
}
