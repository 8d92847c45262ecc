/**
 * The records the index is made of. A parse worker turns one file into a FileExtract; the main thread
 * keeps them per file and builds the search structures from them. Lines are 0-based and inclusive.
 */
import type { LanguageId } from './languages';

export const SYMBOL_KINDS = [
  'function', 'method', 'class', 'interface', 'type', 'enum', 'struct', 'trait', 'constant', 'module', 'property', 'macro', 'impl',
] as const;
export type SymbolKind = (typeof SYMBOL_KINDS)[number];

export interface SymbolInfo {
  readonly name: string;
  readonly kind: SymbolKind;
  /** Enclosing class/interface/struct/impl/trait name for members, e.g. "UserService" for a method. */
  readonly container?: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The line holding the name (after decorators/doc comments). */
  readonly nameLine: number;
  /** The declaration's head on one line, e.g. `async findUser(id: string): Promise<User>`. */
  readonly signature: string;
}

export interface ImportInfo {
  /** The module as written: './user', 'os.path', 'com.acme.User', 'crate::db::Pool', 'util.h'. */
  readonly source: string;
  readonly line: number;
  /** Names brought in (`import { A, B }`, `from m import a`), when the syntax lists them. */
  readonly names?: readonly string[];
  /** `#include <...>` (system) versus `"..."`; Rust `mod x;` declarations; Java wildcard or static. */
  readonly flavor?: 'system' | 'mod' | 'wildcard' | 'static';
}

export interface ChunkRange {
  readonly startLine: number;
  readonly endLine: number;
  /** The function/method this chunk holds, when it is a function-level chunk. */
  readonly symbol?: string;
}

export interface ChunkInfo extends ChunkRange {
  /** Distinct index terms of the chunk and how often each occurs (parallel arrays). */
  readonly terms: readonly string[];
  readonly tfs: readonly number[];
  /** Total number of term occurrences (BM25 document length). */
  readonly length: number;
}

export interface FileExtract {
  readonly language: LanguageId | undefined;
  /** Content hash (hex) of the bytes as read. */
  readonly hash: string;
  readonly lineCount: number;
  /** First line of the leading doc comment, if any. */
  readonly summary?: string;
  /** Java/Go/C# package or namespace declared by the file. */
  readonly packageName?: string;
  readonly symbols: readonly SymbolInfo[];
  readonly imports: readonly ImportInfo[];
  /** Tokenized chunks; empty when the receiver of a worker's result tokenizes (FileTask.tokenize = false). */
  readonly chunks: readonly ChunkInfo[];
  /** tree-sitter found syntax errors (the definitions outside/inside them are still extracted). */
  readonly hasErrors?: boolean;
}

/** Why a file was not indexed (counted in the statistics, never a crash). */
export type SkipReason = 'binary' | 'too-large' | 'minified' | 'unreadable';

/** A file's recorded ctime when the next scan must not trust its times (it matches no real ctime). */
export const UNSETTLED_TIME = -1;

/** What the index keeps per file. */
export interface IndexedFile {
  readonly id: number;
  readonly path: string;
  readonly root: string;
  readonly rel: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** ctime when indexed; UNSETTLED_TIME when it was too recent to trust (the content is checked again next time). */
  readonly ctimeMs: number;
  readonly hash: string;
  readonly language: LanguageId | undefined;
  readonly lineCount: number;
  readonly summary?: string;
  readonly packageName?: string;
  readonly symbols: readonly SymbolInfo[];
  readonly imports: readonly ImportInfo[];
  readonly hasErrors?: boolean;
  readonly firstChunk: number;
  readonly chunkCount: number;
}

/** A file the scan found but the index left out, with what it was when judged (judged again when that changes). */
export interface SkippedFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly reason: SkipReason;
}
