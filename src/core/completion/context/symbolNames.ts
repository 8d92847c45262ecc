/**
 * Every definition in the index with its name's words, and how many definitions share each word
 * (for an IDF weight: "get" says little, "mime" a lot). Kept per index and patched, not rebuilt, when
 * files change: an edit re-indexes one file, and the next completion must not walk every symbol of
 * the workspace again (a whole rebuild is ~20 ms on 50k symbols; a patch is the changed files' size).
 */
import * as path from 'node:path';
import type { CodeIndex, IndexedFile } from '../../index/codeIndex';
import type { SymbolInfo } from '../../index/model';
import { nameWords } from './cursorContext';

export interface NamedSymbol {
  readonly file: string;
  readonly sym: SymbolInfo;
  readonly words: readonly string[];
}

export interface SymbolNames {
  readonly byFile: ReadonlyMap<string, readonly NamedSymbol[]>;
  /** Files per folder (absolute). */
  readonly byDir: ReadonlyMap<string, readonly string[]>;
  /** Definitions whose name has the word: word matching visits only these, not every symbol. */
  readonly byWord: ReadonlyMap<string, ReadonlySet<NamedSymbol>>;
  /** log(N / df) per word. */
  idf(word: string): number;
  /** Definitions whose name starts with `prefix` (case-sensitive), in name order. */
  withPrefix(prefix: string): Iterable<NamedSymbol>;
  /** Definitions named exactly `name`. */
  named(name: string): ReadonlySet<NamedSymbol>;
}

/**
 * Symbol names with the structures above, patched file by file. Postings are sets (a file's symbols
 * leave in O(1) each) and the sorted list holds distinct names: an edit rarely adds or drops a name,
 * so re-indexing the file being typed in usually leaves the sorted list alone.
 */
class SymbolNameTable implements SymbolNames {
  readonly byFile = new Map<string, NamedSymbol[]>();
  readonly byDir = new Map<string, string[]>();
  readonly byWord = new Map<string, Set<NamedSymbol>>();
  private readonly byName = new Map<string, Set<NamedSymbol>>();
  /** Distinct names, sorted (prefix lookups by binary search). */
  private names: string[] = [];
  /** What each file's list was built from: an entry's symbols array is replaced when the file changes. */
  private readonly source = new Map<string, readonly SymbolInfo[]>();
  private total = 0;
  private readonly wordsOf = new Map<string, readonly string[]>();
  version = -1;

  idf(word: string): number {
    return Math.log(1 + Math.max(1, this.total) / (this.byWord.get(word)?.size || 1));
  }

  named(name: string): ReadonlySet<NamedSymbol> {
    return this.byName.get(name) ?? NONE;
  }

  *withPrefix(prefix: string): Iterable<NamedSymbol> {
    for (let i = lowerBound(this.names, prefix); i < this.names.length && this.names[i]!.startsWith(prefix); i++) {
      yield* this.byName.get(this.names[i]!)!;
    }
  }

  /** Brings the table up to the files named (those changed since it was last brought up to date). */
  syncFiles(files: Iterable<string>, entry: (file: string) => IndexedFile | undefined): void {
    for (const p of files) {
      const e = entry(p);
      if (e && this.source.get(p) === e.symbols) continue;
      this.remove(p, false);
      if (e) this.add(p, e.symbols, false);
    }
  }

  /** Brings the table up to the index's files. */
  sync(entries: Iterable<IndexedFile>): void {
    const seen = new Set<string>();
    const changed: IndexedFile[] = [];
    for (const e of entries) {
      seen.add(e.path);
      if (this.source.get(e.path) !== e.symbols) changed.push(e);
    }
    const removed = [...this.source.keys()].filter((p) => !seen.has(p));
    // Many changes (the first build, a branch switch): sort the names once instead of inserting each.
    const bulk = changed.length + removed.length > 64;
    for (const p of removed) this.remove(p, bulk);
    for (const e of changed) {
      this.remove(e.path, bulk);
      this.add(e.path, e.symbols, bulk);
    }
    if (bulk) this.names = [...this.byName.keys()].sort();
  }

  private add(file: string, symbols: readonly SymbolInfo[], bulk: boolean): void {
    const list: NamedSymbol[] = [];
    for (const sym of symbols) {
      let words = this.wordsOf.get(sym.name);
      if (!words) this.wordsOf.set(sym.name, (words = nameWords(sym.name)));
      const n: NamedSymbol = { file, sym, words };
      list.push(n);
      for (const w of words) {
        let posting = this.byWord.get(w);
        if (!posting) this.byWord.set(w, (posting = new Set()));
        posting.add(n);
      }
      let named = this.byName.get(sym.name);
      if (!named) {
        this.byName.set(sym.name, (named = new Set()));
        if (!bulk) this.names.splice(lowerBound(this.names, sym.name), 0, sym.name);
      }
      named.add(n);
    }
    this.total += list.length;
    this.byFile.set(file, list);
    this.source.set(file, symbols);
    const dir = path.dirname(file);
    let inDir = this.byDir.get(dir);
    if (!inDir) this.byDir.set(dir, (inDir = []));
    inDir.push(file);
  }

  private remove(file: string, bulk: boolean): void {
    const list = this.byFile.get(file);
    if (!list) return;
    for (const n of list) {
      for (const w of n.words) {
        const posting = this.byWord.get(w);
        if (posting?.delete(n) && !posting.size) this.byWord.delete(w);
      }
      const named = this.byName.get(n.sym.name);
      if (named?.delete(n) && !named.size) {
        this.byName.delete(n.sym.name);
        if (!bulk) this.names.splice(lowerBound(this.names, n.sym.name), 1);
      }
    }
    this.total -= list.length;
    this.byFile.delete(file);
    this.source.delete(file);
    const dir = path.dirname(file);
    const inDir = this.byDir.get(dir)?.filter((f) => f !== file) ?? [];
    if (inDir.length) this.byDir.set(dir, inDir);
    else this.byDir.delete(dir);
  }
}

const NONE: ReadonlySet<NamedSymbol> = new Set();

/** First position whose name is ≥ `name`. */
function lowerBound(sorted: readonly string[], name: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const tables = new WeakMap<CodeIndex, SymbolNameTable>();

export function symbolNames(index: CodeIndex): SymbolNames {
  let table = tables.get(index);
  if (!table) tables.set(index, (table = new SymbolNameTable()));
  const version = index.version();
  if (table.version !== version) {
    // Usually one file changed (the one being typed in): patch it without walking every file.
    const changed = table.version >= 0 ? index.changedSince(table.version) : undefined;
    if (changed && changed.size <= 64) table.syncFiles(changed, (f) => index.file(f));
    else table.sync(index.entries());
    table.version = version;
  }
  return table;
}
