/**
 * What every location source reads: the cursor's document, the edit history, and the index (through
 * the few lookups the sources need, so tests can hand in a small fake). Built once per request; line
 * lookups of other files go through the index's line cache, never a scan of the workspace.
 */
import * as path from 'node:path';
import type { SymbolInfo, SymbolKind } from '../../index/model';
import { languageOf } from '../../index/languages';
import { editSignals, type EditSignals } from './editSignals';
import { type LineFacts, lineFacts } from './lineFacts';
import type { LocatorCache, VersionedIndex } from './locatorCache';
import { relatedFiles } from './relatedFiles';
import type { EditorDiagnostic, HistoryHunk, LineSpan, LocationReason, Position } from '../types';

export interface LocatorIndex {
  linesOf(file: string): readonly string[] | undefined;
  chunksWithToken(token: string, limit: number): { readonly total: number; readonly chunks: readonly { readonly path: string; readonly startLine: number; readonly endLine: number }[] };
  symbolsInFile(file: string): readonly SymbolInfo[];
  /** Definitions named `name` anywhere in the workspace. */
  symbols(name: string, options: { kinds?: readonly SymbolKind[]; limit?: number }): readonly (SymbolInfo & { readonly path: string })[];
  importersOf(file: string): readonly string[];
  importsOf(file: string): readonly string[];
  filePaths(): readonly string[];
  /** The workspace folders (absolute). */
  roots(): readonly string[];
  searchTerms(terms: readonly string[], scorer: 'bm25', options: { limit: number; withText: false; withSymbol: false; fileWeight?: (file: string) => number }): readonly { readonly path: string; readonly startLine: number; readonly endLine: number; readonly score: number }[];
}

export interface LocatorInput {
  readonly file: string;
  /** The cursor document's current text, split on \n (a \r stays at the end of its line). */
  readonly lines: readonly string[];
  readonly cursor: Position;
  /** Oldest first (seq ascending). */
  readonly history: readonly HistoryHunk[];
  readonly index?: LocatorIndex;
  readonly diagnostics?: readonly EditorDiagnostic[];
  /** Current text of other open documents (they win over the index's copy). */
  readonly openDocument?: (file: string) => readonly string[] | undefined;
  /** Index lookups kept across requests (see locatorCache.ts); without it each request looks up anew. */
  readonly cache?: LocatorCache;
}

/** One place a source proposes: a line (or a few) and how strongly it believes in it. */
export interface Candidate {
  readonly file: string;
  readonly line: number;
  /** Last line the candidate spans (default: `line`). */
  readonly endLine?: number;
  readonly score: number;
  readonly reason: LocationReason;
  readonly detail?: string;
  /** False for a weak source's guess (a value's other spellings, an import's place): listed, but the editable region does not lean toward it. */
  readonly hint?: false;
}

export class LocatorContext {
  /** Lines the history added (or where it deleted), per file: the edits already made, never proposed again. */
  readonly madeLines = new Map<string, Set<number>>();
  /** History hunks newest first. */
  readonly recent: readonly HistoryHunk[];
  private readonly lineCache = new Map<string, readonly string[] | undefined>();
  private readonly tokenCounts = new Map<string, number>();
  private family: string | undefined;
  /** isCodeLike per file, for the request: the search's file weight asks it per scored chunk. */
  private readonly codeLike = new Map<string, boolean>();
  private signalCache: readonly EditSignals[] | undefined;
  private linked: Map<string, boolean> | undefined;
  private historyFileList: readonly string[] | undefined;
  /** The cursor document's facts, carried from its previous version's when the cache kept them. */
  private readonly documentFacts: LineFacts;

  private readonly cache: LocatorCache | undefined;

  constructor(readonly input: LocatorInput) {
    const index = input.index;
    this.cache = input.cache && index && isVersioned(index) ? input.cache : undefined;
    if (this.cache && index && isVersioned(index)) this.cache.sync(index);
    this.documentFacts = input.cache ? input.cache.documentFacts(input.file, input.lines) : lineFacts(input.lines);
    this.recent = [...input.history].sort((a, b) => b.seq - a.seq);
    for (const h of input.history) {
      let set = this.madeLines.get(h.file);
      if (!set) this.madeLines.set(h.file, (set = new Set()));
      for (let i = 0; i < Math.max(1, h.newLines.length); i++) set.add(h.newStart + i);
    }
  }

  get file(): string {
    return this.input.file;
  }

  linesOf(file: string): readonly string[] | undefined {
    if (file === this.input.file) return this.input.lines;
    if (this.lineCache.has(file)) return this.lineCache.get(file);
    const lines = this.input.openDocument?.(file) ?? this.input.index?.linesOf(file);
    this.lineCache.set(file, lines);
    return lines;
  }

  /** Whether other files' lines are kept across requests (a LocatorCache), and facts built for them with them. */
  get keepsLines(): boolean {
    return this.cache !== undefined;
  }

  /** Per-line facts of a lines array from linesOf (tokens, shapes, names; see lineFacts.ts). */
  factsOf(lines: readonly string[]): LineFacts {
    return lines === this.input.lines ? this.documentFacts : lineFacts(lines);
  }

  /** What each history hunk says, newest first. */
  signals(): readonly EditSignals[] {
    return (this.signalCache ??= this.recent.map((h, age) => editSignals(h, age)));
  }

  /** How many index chunks hold a search token (its rarity); 0 without an index. */
  chunkCount(token: string): number {
    let n = this.tokenCounts.get(token);
    if (n === undefined) {
      n = this.cache ? this.cache.chunkCount(token) : this.input.index?.chunksWithToken(token, 0).total ?? 0;
      this.tokenCounts.set(token, n);
    }
    return n;
  }

  /** Indexed files that belong with `files` by name (their tests, their subjects): see relatedFiles.ts. */
  relatedFiles(files: readonly string[]): readonly string[] {
    if (this.cache) return this.cache.relatedFiles(files);
    return this.input.index ? relatedFiles(files, this.input.index.filePaths(), this.input.index.roots()) : [];
  }

  /** The indexed files in `file`'s folder (itself included): from the kept file list, or a pass over the index's without a cache. */
  filesInFolder(file: string): readonly string[] {
    if (this.cache) return this.cache.filesInFolder(file);
    const dir = path.dirname(file);
    return this.input.index ? this.input.index.filePaths().filter((f) => path.dirname(f) === dir) : [];
  }

  /**
   * A file tied to the edits: one the history edited, one that imports an edited file or that an edited
   * file imports, or one that belongs with an edited file by name (its test, its subject). Asked per
   * candidate file: its own imports are looked up (the index's importers would build a reverse map of
   * the whole graph after each change), remembered for the request.
   */
  isLinked(file: string): boolean {
    const edited = this.historyFiles();
    const index = this.input.index;
    if (!this.linked) {
      this.linked = new Map([this.file, ...edited, ...(index ? edited.flatMap((f) => index.importsOf(f)) : []), ...this.relatedFiles(edited)].map((f) => [f, true]));
    }
    let linked = this.linked.get(file);
    if (linked === undefined) {
      const imports = index?.importsOf(file) ?? [];
      linked = edited.some((f) => imports.includes(f));
      this.linked.set(file, linked);
    }
    return linked;
  }

  /** A file in the cursor file's language family (code edits propagate to code, not to changelogs and docs). */
  isCodeLike(file: string): boolean {
    let codeLike = this.codeLike.get(file);
    if (codeLike === undefined) {
      const family = languageFamily(file);
      codeLike = family !== undefined && family === (this.family ??= languageFamily(this.input.file) ?? '');
      this.codeLike.set(file, codeLike);
    }
    return codeLike;
  }

  isMade(file: string, line: number): boolean {
    return this.madeLines.get(file)?.has(line) ?? false;
  }

  /** Files the history touched, most recent first (asked per candidate: computed once per request). */
  historyFiles(): readonly string[] {
    return (this.historyFileList ??= [...new Set(this.recent.map((h) => h.file))]);
  }
}

export type LocationSource = (ctx: LocatorContext) => Candidate[];

function isVersioned(index: LocatorIndex): index is LocatorIndex & VersionedIndex {
  return typeof (index as Partial<VersionedIndex>).version === 'function' && typeof (index as Partial<VersionedIndex>).changedSince === 'function';
}

export const spanOf = (c: Candidate): LineSpan => ({ file: c.file, startLine: c.line, endLine: c.endLine ?? c.line });

const FAMILIES: Readonly<Record<string, string>> = { typescript: 'js', tsx: 'js', javascript: 'js', c: 'c', cpp: 'c' };

/** Languages whose files use each other's names (TypeScript and JavaScript; C and C++). */
function languageFamily(file: string): string | undefined {
  const l = languageOf(file);
  return l ? FAMILIES[l] ?? l : undefined;
}
