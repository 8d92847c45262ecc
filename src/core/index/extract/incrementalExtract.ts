/**
 * A file's facts after an editor change, from its facts before and the new tree: only the top-level
 * nodes that the edit or a change of structure cover are searched again (a keystroke in a 1,000-line
 * file no longer walks the whole tree); facts elsewhere are kept, those after the edit moved by its
 * length and line count. The result is what extracting the whole tree would give (tests compare, edit
 * after edit).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { ImportInfo, SymbolInfo } from '../model';
import { type ExtractionQueries, extractFromTree, type PlacedFacts, signatureAt, symbolKey } from './fileExtractor';
import type { LanguageSpec } from './languageSpec';

/** One replaced span, in the tree's offsets: [start, oldEnd) of the old text became [start, newEnd). */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  /** Lines added (negative: removed). */
  readonly lineDelta: number;
}

export interface ChangedRange {
  readonly startIndex: number;
  readonly endIndex: number;
}

type Side = 'before' | 'after' | undefined;

/**
 * The ranges besides the edit itself where facts may have changed: the new tree's changed ranges, and
 * every top-level node of the new tree that the old one (already edited, so in new offsets) lacks with
 * the same type and extent. Changed ranges alone miss restructurings after broken code: a statement
 * letting go of the function it had swallowed, a namespace turned into statements, both reported as
 * no change. (Node ids cannot tell: they change even for nodes the parse reused.)
 */
export function rangesToRevisit(oldTree: Tree, newTree: Tree): ChangedRange[] {
  const out: ChangedRange[] = newTree.getChangedRanges(oldTree).map((r) => ({ startIndex: r.startIndex, endIndex: r.endIndex }));
  const before = new Set<string>();
  for (const n of oldTree.rootNode.children) if (n) before.add(`${n.typeId}:${n.startIndex}:${n.endIndex}`);
  for (const n of newTree.rootNode.children) {
    if (n && !before.has(`${n.typeId}:${n.startIndex}:${n.endIndex}`)) out.push({ startIndex: n.startIndex, endIndex: n.endIndex });
  }
  return out;
}

/**
 * The children of `root` ending at or after `from` (text typed right after a node can change it) and
 * starting at or before `to`, found by binary search (firstChildForIndex misses a node that follows
 * whitespace before an ERROR).
 */
function topLevelNodes(root: Node, from: number, to: number): Node[] {
  const count = root.childCount;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (root.child(mid)!.endIndex >= from) hi = mid;
    else lo = mid + 1;
  }
  const nodes: Node[] = [];
  for (let i = lo; i < count; i++) {
    const n = root.child(i)!;
    if (n.startIndex > to) break;
    nodes.push(n);
  }
  return nodes;
}

export function incrementalExtract(
  spec: LanguageSpec,
  queries: ExtractionQueries,
  tree: Tree,
  text: string,
  lineStarts: Int32Array,
  prev: PlacedFacts,
  edit: TextEdit,
  changed: readonly ChangedRange[],
): PlacedFacts {
  const shift = edit.newEnd - edit.oldEnd;
  // What must be searched again: the top-level nodes around the edit and the ranges to revisit (a node
  // whose tail was deleted can end before the edit now; it is among those, its extent having changed).
  let from = edit.start;
  let to = edit.newEnd;
  for (const r of changed) {
    from = Math.min(from, r.startIndex);
    to = Math.max(to, r.endIndex);
  }
  const nodes = topLevelNodes(tree.rootNode, from, to);
  const regionStart = nodes.length ? Math.min(nodes[0]!.startIndex, from) : from;
  const regionEnd = nodes.length ? Math.max(nodes[nodes.length - 1]!.endIndex, to) : to;
  const fresh = extractFromTree(spec, queries, tree, text, lineStarts, nodes);

  /**
   * Where an old fact is now: kept before or after the region, or undefined (searched again). One the
   * edit overlaps always lands in the region: it starts before the edit's old end, so before regionEnd.
   */
  const place = (start: number, end: number): Side => {
    if (end <= edit.start) return end <= regionStart ? 'before' : undefined;
    return start + shift >= regionEnd ? 'after' : undefined;
  };

  const sideOf = (spans: readonly number[], i: number) => place(spans[2 * i]!, spans[2 * i + 1]!);
  const symbolSides = prev.symbols.map((_, i) => sideOf(prev.spans.symbols, i));
  const importSides = prev.imports.map((_, i) => sideOf(prev.spans.imports, i));

  const symbols: SymbolInfo[] = [];
  const symbolSpans: number[] = [];
  const seen = new Set<string>();
  const addSymbol = (symbol: SymbolInfo, start: number, end: number) => {
    // A full extraction keeps the first of two definitions with the same name, kind and line.
    const key = symbolKey(symbol.name, symbol.startLine, symbol.kind);
    if (seen.has(key)) return;
    seen.add(key);
    symbols.push(symbol);
    symbolSpans.push(start, end);
  };
  const imports: ImportInfo[] = [];
  const importSpans: number[] = [];
  // In document order: what is kept before the region, the region's facts, what is kept after it.
  for (const side of ['before', 'region', 'after'] as const) {
    if (side === 'region') {
      fresh.symbols.forEach((s, i) => addSymbol(s, fresh.spans.symbols[2 * i]!, fresh.spans.symbols[2 * i + 1]!));
      imports.push(...fresh.imports);
      importSpans.push(...fresh.spans.imports);
      continue;
    }
    const by = side === 'after' ? shift : 0;
    const lines = side === 'after' ? edit.lineDelta : 0;
    prev.symbols.forEach((s, i) => {
      if (symbolSides[i] !== side) return;
      let symbol = lines ? { ...s, startLine: s.startLine + lines, endLine: s.endLine + lines, nameLine: s.nameLine + lines } : s;
      // The signature is the name's whole line, which the edit may share: read again.
      const signature = signatureAt(text, lineStarts, symbol.nameLine);
      if (signature !== s.signature) symbol = { ...symbol, signature };
      addSymbol(symbol, prev.spans.symbols[2 * i]! + by, prev.spans.symbols[2 * i + 1]! + by);
    });
    prev.imports.forEach((imp, i) => {
      if (importSides[i] !== side) return;
      imports.push(lines ? { ...imp, line: imp.line + lines } : imp);
      importSpans.push(prev.spans.imports[2 * i]! + by, prev.spans.imports[2 * i + 1]! + by);
    });
  }

  // The first package clause in the file wins, as in a full extraction.
  const prevPackage: Side = prev.spans.package.length ? place(prev.spans.package[0]!, prev.spans.package[1]!) : undefined;
  let packageName: string | undefined;
  let packageSpan: number[] = [];
  if (prevPackage === 'before') [packageName, packageSpan] = [prev.packageName, [...prev.spans.package]];
  else if (fresh.packageName !== undefined) [packageName, packageSpan] = [fresh.packageName, [...fresh.spans.package]];
  else if (prevPackage === 'after') [packageName, packageSpan] = [prev.packageName, prev.spans.package.map((x) => x + shift)];

  return {
    symbols,
    imports,
    ...(packageName !== undefined ? { packageName } : {}),
    hasErrors: fresh.hasErrors,
    spans: { symbols: symbolSpans, imports: importSpans, package: packageSpan },
  };
}
