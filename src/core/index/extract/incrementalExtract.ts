/**
 * A file's facts after an editor change, from its facts before and the new tree: only the top-level
 * nodes that the edit or a change of structure touches are searched again (a keystroke in a 1,000-line
 * file no longer walks the whole tree); facts elsewhere are kept, those after the edit moved by its
 * length and line count. The result is what extracting the whole tree would give (tests compare).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { ImportInfo, SymbolInfo } from '../model';
import { type ExtractionQueries, extractFromTree, type PlacedFacts, symbolKey } from './fileExtractor';
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
  let from = edit.start;
  let to = edit.newEnd;
  for (const r of changed) {
    from = Math.min(from, r.startIndex);
    to = Math.max(to, r.endIndex);
  }
  // Top-level nodes touching [from, to], one before included: text typed right after a node can change it.
  const nodes: Node[] = [];
  for (let n = tree.rootNode.firstChildForIndex(Math.max(0, from - 1)); n && n.startIndex <= to; n = n.nextSibling) nodes.push(n);
  const regionStart = nodes.length ? Math.min(nodes[0]!.startIndex, from) : from;
  const regionEnd = nodes.length ? Math.max(nodes[nodes.length - 1]!.endIndex, to) : to;
  const fresh = extractFromTree(spec, queries, tree, text, lineStarts, nodes);

  const shift = edit.newEnd - edit.oldEnd;
  /** Where an old span is now, or undefined when the edit touched it or it falls in the region. */
  const place = (start: number, end: number): 'before' | 'after' | undefined => {
    const touched = edit.start === edit.oldEnd ? start < edit.start && edit.start < end : start < edit.oldEnd && end > edit.start;
    if (touched) return undefined;
    if (end <= edit.start) return end <= regionStart ? 'before' : undefined;
    return start + shift >= regionEnd ? 'after' : undefined;
  };

  const before: SymbolInfo[] = [];
  const beforeSpans: number[] = [];
  const after: SymbolInfo[] = [];
  const afterSpans: number[] = [];
  for (let i = 0; i < prev.symbols.length; i++) {
    const s = prev.symbols[i]!;
    const start = prev.spans.symbols[2 * i]!;
    const end = prev.spans.symbols[2 * i + 1]!;
    const where = place(start, end);
    if (where === 'before') {
      before.push(s);
      beforeSpans.push(start, end);
    } else if (where === 'after') {
      after.push(edit.lineDelta ? { ...s, startLine: s.startLine + edit.lineDelta, endLine: s.endLine + edit.lineDelta, nameLine: s.nameLine + edit.lineDelta } : s);
      afterSpans.push(start + shift, end + shift);
    }
  }
  // A full extraction keeps the first of two definitions with the same name, kind and line.
  const symbols: SymbolInfo[] = [];
  const spans: number[] = [];
  const seen = new Set<string>();
  const add = (list: readonly SymbolInfo[], listSpans: readonly number[]) => {
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const key = symbolKey(s.name, s.startLine, s.kind);
      if (seen.has(key)) continue;
      seen.add(key);
      symbols.push(s);
      spans.push(listSpans[2 * i]!, listSpans[2 * i + 1]!);
    }
  };
  add(before, beforeSpans);
  add(fresh.symbols, fresh.spans.symbols);
  add(after, afterSpans);

  const imports: ImportInfo[] = [];
  const importAt: number[] = [];
  const keepImports = (side: 'before' | 'after') => {
    for (let i = 0; i < prev.imports.length; i++) {
      const at = prev.spans.imports[i]!;
      if (place(at, at + 1) !== side) continue;
      const imp = prev.imports[i]!;
      imports.push(side === 'after' && edit.lineDelta ? { ...imp, line: imp.line + edit.lineDelta } : imp);
      importAt.push(side === 'after' ? at + shift : at);
    }
  };
  keepImports('before');
  imports.push(...fresh.imports);
  importAt.push(...fresh.spans.imports);
  keepImports('after');

  // The first package clause in the file wins, as in a full extraction.
  const prevPackage = prev.spans.packageAt >= 0 ? place(prev.spans.packageAt, prev.spans.packageAt + 1) : undefined;
  let packageName: string | undefined;
  let packageAt = -1;
  if (prevPackage === 'before') [packageName, packageAt] = [prev.packageName, prev.spans.packageAt];
  else if (fresh.packageName !== undefined) [packageName, packageAt] = [fresh.packageName, fresh.spans.packageAt];
  else if (prevPackage === 'after') [packageName, packageAt] = [prev.packageName, prev.spans.packageAt + shift];

  return {
    symbols,
    imports,
    ...(packageName !== undefined ? { packageName } : {}),
    hasErrors: fresh.hasErrors,
    spans: { symbols: spans, imports: importAt, packageAt },
  };
}
