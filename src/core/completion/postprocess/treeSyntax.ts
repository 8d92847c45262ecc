/**
 * The filters' syntax checks (PostprocessSyntax) over a tree-sitter parser: where the cursor sits in
 * the tree of the document, and how many syntax errors the document has with a candidate applied.
 * The parser is passed in as a function, so the core needs no grammar loaded to build this.
 */
import { BLOCK_NODE, type SyntaxNodeLike } from '../multiline/cursorFactsFromTree';
import { type Region, syntaxRegion } from './syntaxRegion';
import type { CompletionCandidate, PostprocessSyntax } from './types';

/** The most of the document parsed per candidate (about 2–3 ms of parsing on a quiet machine). */
const MAX_REGION_CHARS = 16_000;

/** The parts of a tree-sitter node the error count reads (web-tree-sitter's `Node` satisfies it). */
export interface ErrorNodeLike {
  readonly type: string;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly children: readonly (ErrorNodeLike | null)[];
}

export interface ParsedTree {
  readonly rootNode: ErrorNodeLike;
  delete(): void;
}

/** Parses a whole text with the document's grammar; undefined when the parser gives up. */
export type ParseText = (text: string) => ParsedTree | undefined;

/** Containers whose children are list elements, not statements (per grammar). */
const LIST_NODE = /^(object|array|arguments|argument_list|literal_value|field_initializer_list|dictionary|list|set|tuple|array_initializer|element_value_array_initializer|initializer_list|initializer_expression|array_expression|tuple_expression|object_pattern|array_pattern)$/;

/**
 * Whether the cursor (an offset into `text`, which `root` was parsed from) is inside a list
 * container that starts above the cursor's line, with no block in between.
 */
export function cursorInListAbove(root: SyntaxNodeLike, text: string, cursor: number): boolean {
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  for (let n = root.descendantForIndex(Math.max(0, cursor - 1), cursor); n !== null; n = n.parent) {
    if (BLOCK_NODE.test(n.type)) return false;
    if (LIST_NODE.test(n.type) && n.startIndex < lineStart && cursor < n.endIndex) return true;
  }
  return false;
}

/**
 * Syntax checks for one request over `text`, the whole document with the cursor at `cursor`:
 * candidates are judged in the structure around the cursor (syntaxRegion, found on the first
 * check), `listAbove` is the cursor's place as read from a tree. Where that structure is too large
 * to parse per candidate every candidate counts 0 errors, so the filters' text rules decide.
 */
export function treeSyntax(parse: ParseText, text: string, cursor: number, tabSize: number, listAbove: boolean): PostprocessSyntax {
  let region: Region | undefined | null = null;
  const counted = new Map<string, number>();
  return {
    listAbove,
    errorsWith(item: CompletionCandidate): number {
      if (region === null) region = syntaxRegion(text, cursor, tabSize, MAX_REGION_CHARS);
      if (region === undefined) return 0;
      const key = `${item.replaceBefore}:${item.replaceAfter}:${item.text}`;
      let errors = counted.get(key);
      if (errors === undefined) {
        const tree = parse(text.slice(region.start, cursor - item.replaceBefore) + item.text + text.slice(cursor + item.replaceAfter, region.end));
        errors = tree ? countErrors(tree.rootNode) : 0;
        tree?.delete();
        counted.set(key, errors);
      }
      return errors;
    },
  };
}

/** ERROR and MISSING nodes; only subtrees that hold an error are walked. */
function countErrors(node: ErrorNodeLike): number {
  if (!node.hasError && !node.isMissing) return 0;
  let errors = node.type === 'ERROR' || node.isMissing ? 1 : 0;
  for (const child of node.children) if (child) errors += countErrors(child);
  return errors;
}
