/**
 * The function, method or class around a selection, found by parsing the current text with
 * tree-sitter (the index's runtime and extraction queries), so the model sees the code its rewrite
 * must fit into. The document is parsed as it is in the editor, not as the index last saw it.
 */
import { lineStartsOf } from '../index/extract/chunker';
import { extractFromTree } from '../index/extract/fileExtractor';
import { languageOf } from '../index/languages';
import type { SymbolInfo, SymbolKind } from '../index/model';
import type { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import type { Range } from '../edit/types';

export interface EnclosingScope {
  readonly name: string;
  readonly kind: SymbolKind;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

const SCOPE_KINDS: ReadonlySet<SymbolKind> = new Set(['function', 'method', 'class', 'interface', 'struct', 'trait', 'impl', 'enum', 'module']);
/** Bigger files are not parsed for a rewrite prompt (the index's own limit is similar). */
const MAX_PARSE_CHARS = 2_000_000;

/** Definitions in `text` (a file at `filePath`), or [] for languages tree-sitter does not know here. */
export async function definitionsIn(runtime: TreeSitterRuntime, filePath: string, text: string): Promise<readonly SymbolInfo[]> {
  const language = languageOf(filePath);
  if (!language || text.length > MAX_PARSE_CHARS) return [];
  const loaded = await runtime.language(language);
  runtime.parser.setLanguage(loaded.language);
  const tree = runtime.parser.parse(text);
  if (!tree) return [];
  try {
    return extractFromTree(loaded.spec, loaded.queries, tree, text, lineStartsOf(text)).symbols;
  } finally {
    tree.delete();
  }
}

/** The innermost scope-like definition that holds the whole range but is not the range itself. */
export function innermostScope(symbols: readonly SymbolInfo[], range: Range): EnclosingScope | undefined {
  let best: SymbolInfo | undefined;
  for (const s of symbols) {
    if (!SCOPE_KINDS.has(s.kind)) continue;
    if (s.startLine > range.start.line || s.endLine < range.end.line) continue;
    // A selection of exactly this definition: its surroundings are the next scope out.
    if (s.startLine === range.start.line && s.endLine === range.end.line) continue;
    if (!best || s.endLine - s.startLine < best.endLine - best.startLine) best = s;
  }
  return best ? { name: best.container ? `${best.container}.${best.name}` : best.name, kind: best.kind, startLine: best.startLine, endLine: best.endLine } : undefined;
}
