/**
 * The snapshot's compact rows: one JSON array per indexed file (with its symbols and imports) and per
 * skipped file. Positional arrays rather than objects keep the header small and quick to parse.
 */
import * as path from 'node:path';
import type { LanguageId } from '../languages';
import { type ImportInfo, type IndexedFile, type SkippedFile, type SkipReason, SYMBOL_KINDS, type SymbolInfo } from '../model';

export type FileRow = [
  path: string, size: number, mtimeMs: number, hash: string, language: string, lineCount: number, summary: string, pkg: string,
  hasErrors: number, chunkCount: number, symbols: SymbolRow[], imports: ImportRow[],
];
type SymbolRow = [name: string, kind: number, container: string, start: number, end: number, nameLine: number, signature: string];
type ImportRow = [source: string, line: number, names: string[] | 0, flavor: string];
export type SkippedRow = [path: string, size: number, mtimeMs: number, reason: SkipReason];

/** firstChunk is not stored: it is recomputed on load from the chunks' file ids. */
export function encodeFile(f: IndexedFile): FileRow {
  return [
    f.path, f.size, f.mtimeMs, f.hash, f.language ?? '', f.lineCount, f.summary ?? '', f.packageName ?? '', f.hasErrors ? 1 : 0, f.chunkCount,
    f.symbols.map((s): SymbolRow => [s.name, SYMBOL_KINDS.indexOf(s.kind), s.container ?? '', s.startLine, s.endLine, s.nameLine, s.signature]),
    f.imports.map((i): ImportRow => [i.source, i.line, i.names ? [...i.names] : 0, i.flavor ?? '']),
  ];
}

export function decodeFile(row: FileRow, id: number, firstChunk: number, root: string): IndexedFile {
  const [p, size, mtimeMs, hash, language, lineCount, summary, pkg, hasErrors, chunkCount, symbols, imports] = row;
  const lang = (language || undefined) as LanguageId | undefined;
  return {
    id, path: p, root, rel: relativeTo(root, p), size, mtimeMs, hash, language: lang, lineCount,
    ...(summary ? { summary } : {}), ...(pkg ? { packageName: pkg } : {}), ...(hasErrors ? { hasErrors: true } : {}),
    firstChunk, chunkCount,
    symbols: symbols.map(([name, kind, container, startLine, endLine, nameLine, signature]): SymbolInfo => ({
      name, kind: SYMBOL_KINDS[kind] ?? 'function', ...(container ? { container } : {}), startLine, endLine, nameLine, signature,
    })),
    imports: imports.map(([source, line, names, flavor]): ImportInfo => ({
      source, line, ...(names ? { names } : {}), ...(flavor ? { flavor: flavor as NonNullable<ImportInfo['flavor']> } : {}),
    })),
  };
}

export function encodeSkipped([p, s]: readonly [string, SkippedFile]): SkippedRow {
  return [p, s.size, s.mtimeMs, s.reason];
}

/** `file` relative to `root`, forward slashes (IndexedFile.rel). */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
