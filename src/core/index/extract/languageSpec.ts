/**
 * What the extractor needs to know about one tree-sitter language: a single query (one pass over the
 * tree) whose captures name definitions and imports, and small hooks for the parts a query cannot say.
 *
 * Capture names: `@definition.<kind>` on the node spanning a definition with `@name` on its name;
 * `@import` on an import statement (turned into ImportInfo by `imports`); `@package` on the package or
 * namespace name.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../model';

export type Captures = ReadonlyMap<string, Node>;

export interface Definition {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The node spanning the whole definition (its range becomes the symbol's range). */
  readonly node: Node;
  /** The name's node, for the name line. */
  readonly nameNode: Node;
  /** Set when the syntax itself names the owner (Go receivers, C++ `Foo::bar`). */
  readonly container?: string;
}

export interface LanguageSpec {
  readonly query: string;
  /** Builds the definition of one match; the default reads `@name` and the kind from the capture name. */
  definition?(kind: SymbolKind, captures: Captures): Definition | undefined;
  /**
   * Turns an `@import` node into imports. The match's other captures come along: a pattern can capture
   * the module (`@source`) and the imported names' clause (`@clause`) so no node has to be searched.
   */
  imports(node: Node, captures: Captures): ImportInfo[];
  /**
   * Constants count only at the top of the file (checked on the tree, not in the query: a pattern
   * rooted at the file node keeps query states alive over the whole tree and makes matching slow).
   */
  readonly topLevelConstants?: boolean;
  /**
   * Patterns that count only at the top of the file, matched by a second query that starts matches at
   * most two levels deep (with the constant patterns when topLevelConstants): it never walks function
   * bodies, so a pattern whose shape is common deep inside them costs nothing there.
   */
  readonly topLevelQuery?: string;
  /** How deep a top-level pattern may start (default 2: in a wrapper, or a statement). */
  readonly topLevelDepth?: number;
  /**
   * Statement types a top-level constant may sit in besides declaration wrappers (Python's module-level
   * `if TYPE_CHECKING:` and `try:` blocks define names as much as the module's top does).
   */
  readonly topLevelBlocks?: readonly string[];
  /** A function found inside one of these becomes a method of it (Python classes, Rust impls…). */
  readonly memberContainers?: readonly SymbolKind[];
}

/** Text of a string literal node without its quotes. */
export function unquote(text: string): string {
  return text.replace(/^[rbuf]*(['"`]{1,3})/i, '').replace(/(['"`]{1,3})$/, '');
}
