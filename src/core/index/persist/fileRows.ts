/**
 * The snapshot's compact rows: per indexed file a light row (what a warm start compares with the disk,
 * and the counts the statistics show) and its details (symbols and imports, parsed only when first
 * needed), and per skipped file a row. Positional arrays rather than objects keep them small and quick
 * to parse.
 */
import * as path from 'node:path';
import type { LanguageId } from '../languages';
import type { StringPool } from '../keptFacts';
import { type ImportInfo, type IndexedFile, type SkippedFile, type SkipReason, SYMBOL_KINDS, type SymbolInfo } from '../model';

export type FileRow = [
  path: string, size: number, mtimeMs: number, ctimeMs: number, hash: string, language: string, lineCount: number, summary: string, pkg: string,
  hasErrors: number, chunkCount: number, symbolCount: number,
];
export type DetailsRow = [symbols: SymbolRow[], imports: ImportRow[]];
type SymbolRow = [name: string, kind: number, container: string, start: number, end: number, nameLine: number, signature: string];
type ImportRow = [source: string, line: number, names: string[] | 0, flavor: string];
export type SkippedRow = [path: string, size: number, mtimeMs: number, ctimeMs: number, reason: SkipReason];

/** firstChunk is not stored: it is recomputed on load from the chunks' file ids. */
export function encodeFile(f: IndexedFile): FileRow {
  return [f.path, f.size, f.mtimeMs, f.ctimeMs, f.hash, f.language ?? '', f.lineCount, f.summary ?? '', f.packageName ?? '', f.hasErrors ? 1 : 0, f.chunkCount, f.symbols.length];
}

export function encodeDetails(f: IndexedFile): DetailsRow {
  return [
    f.symbols.map((s): SymbolRow => [s.name, SYMBOL_KINDS.indexOf(s.kind), s.container ?? '', s.startLine, s.endLine, s.nameLine, s.signature]),
    f.imports.map((i): ImportRow => [i.source, i.line, i.names ? [...i.names] : 0, i.flavor ?? '']),
  ];
}

/** Until its details are decoded, a restored file's symbols and imports (see CodeIndex's pending details). */
export const NO_SYMBOLS: readonly SymbolInfo[] = Object.freeze([]);
export const NO_IMPORTS: readonly ImportInfo[] = Object.freeze([]);

/** The file's entry without its details (NO_SYMBOLS, NO_IMPORTS); built field by field, no spreads (a warm start decodes every row). */
export function decodeFile(row: FileRow, id: number, firstChunk: number, root: string): IndexedFile {
  const [p, size, mtimeMs, ctimeMs, hash, language, lineCount, summary, pkg, hasErrors, chunkCount] = row;
  const f: Mutable<IndexedFile> = {
    id, path: p, root, rel: relativeTo(root, p), size, mtimeMs, ctimeMs, hash, language: (language || undefined) as LanguageId | undefined, lineCount,
    firstChunk, chunkCount, symbols: NO_SYMBOLS, imports: NO_IMPORTS,
  };
  if (summary) f.summary = summary;
  if (pkg) f.packageName = pkg;
  if (hasErrors) f.hasErrors = true;
  return f;
}

/** `strings` shares repeated names and import sources between files (see keptFacts.ts). */
export function decodeDetails([symbolRows, importRows]: DetailsRow, strings: StringPool): { symbols: SymbolInfo[]; imports: ImportInfo[] } {
  const symbols: SymbolInfo[] = new Array(symbolRows.length);
  for (let i = 0; i < symbolRows.length; i++) {
    const [name, kind, container, startLine, endLine, nameLine, signature] = symbolRows[i]!;
    const s: Mutable<SymbolInfo> = { name: strings.get(name), kind: SYMBOL_KINDS[kind] ?? 'function', startLine, endLine, nameLine, signature };
    if (container) s.container = strings.get(container);
    symbols[i] = s;
  }
  const imports: ImportInfo[] = new Array(importRows.length);
  for (let i = 0; i < importRows.length; i++) {
    const [source, line, names, flavor] = importRows[i]!;
    const x: Mutable<ImportInfo> = { source: strings.get(source), line };
    if (names) x.names = names.map((n) => strings.get(n));
    if (flavor) x.flavor = flavor as NonNullable<ImportInfo['flavor']>;
    imports[i] = x;
  }
  return { symbols, imports };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function encodeSkipped([p, s]: readonly [string, SkippedFile]): SkippedRow {
  return [p, s.size, s.mtimeMs, s.ctimeMs, s.reason];
}

/** `file` relative to `root`, forward slashes (IndexedFile.rel). A file below the root is a slice of its path (path.relative is slow). */
export function relativeTo(root: string, file: string): string {
  const prefix = rootPrefix(root);
  const rel = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/** The last root's prefix with its separator, kept flat: a warm start asks for the same root thousands of times in a row. */
let lastRoot: string | undefined;
let lastPrefix = '';
function rootPrefix(root: string): string {
  if (root !== lastRoot) {
    lastRoot = root;
    lastPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  }
  return lastPrefix;
}
