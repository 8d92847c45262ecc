/**
 * The syntax nodes holding a position, innermost first, as line ranges. Only a window of the document
 * around the cursor is parsed (a region never exceeds a few dozen lines, so a node reaching past the
 * window is too big anyway): about a millisecond where the whole file could take tens.
 */
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import { languageOf, type LanguageId } from '../index/languages';

const WINDOW_LINES = 120;

export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

const BY_LANGUAGE_ID: Readonly<Record<string, LanguageId>> = {
  typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript',
  python: 'python', java: 'java', go: 'go', rust: 'rust', c: 'c', cpp: 'cpp', csharp: 'csharp',
};

/** The grammar of a document by its VS Code language id, else by its file name. */
export function grammarOf(file: string, languageId?: string): LanguageId | undefined {
  return (languageId ? BY_LANGUAGE_ID[languageId] : undefined) ?? languageOf(file);
}

/** Ancestors of the cursor's node (named nodes, distinct line ranges), or [] without a grammar. */
export async function syntaxAncestors(runtime: TreeSitterRuntime, language: LanguageId, lines: readonly string[], cursor: { line: number; character: number }): Promise<LineRange[]> {
  const loaded = await runtime.language(language);
  return ancestorsWith(runtime, loaded.language, lines, cursor);
}

export function ancestorsWith(runtime: TreeSitterRuntime, language: Parameters<TreeSitterRuntime['parser']['setLanguage']>[0], lines: readonly string[], cursor: { line: number; character: number }): LineRange[] {
  const from = Math.max(0, cursor.line - WINDOW_LINES);
  const to = Math.min(lines.length, cursor.line + WINDOW_LINES + 1);
  const text = lines.slice(from, to).join('\n');
  runtime.parser.setLanguage(language);
  const tree = runtime.parser.parse(text);
  if (!tree) return [];
  try {
    const lastRow = to - from - 1;
    // A node cut by the window's edge is bigger than any region: stop there.
    return walkUp(tree.rootNode, lines, cursor, from, (s, e) => (s === 0 && from > 0) || (e >= lastRow && to < lines.length));
  } finally {
    tree.delete();
  }
}

/**
 * The same from a tree of the whole document (see syntaxTrees.ts), whose rows are the document's lines.
 * Nodes spanning more lines than the window would hold are bigger than any region: the walk stops there.
 */
export function ancestorsInTree(tree: Tree, lines: readonly string[], cursor: { line: number; character: number }): LineRange[] {
  return walkUp(tree.rootNode, lines, cursor, 0, (s, e) => e - s > 2 * WINDOW_LINES);
}

function walkUp(root: SyntaxNode, lines: readonly string[], cursor: { line: number; character: number }, from: number, tooBig: (startRow: number, endRow: number) => boolean): LineRange[] {
  const row = cursor.line - from;
  const column = Math.max(0, Math.min(cursor.character, (lines[cursor.line] ?? '').length) - 1);
  let node: SyntaxNode | null = root.namedDescendantForPosition({ row, column });
  const out: LineRange[] = [];
  while (node) {
    const s = node.startPosition.row;
    const e = node.endPosition.column === 0 && node.endPosition.row > s ? node.endPosition.row - 1 : node.endPosition.row;
    if (tooBig(s, e)) break;
    const prev = out[out.length - 1];
    if (!prev || prev.startLine !== s + from || prev.endLine !== e + from) out.push({ startLine: s + from, endLine: e + from });
    node = node.parent;
  }
  return out;
}
