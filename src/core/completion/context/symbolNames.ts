/**
 * Every definition in the index with its name's words, and how many definitions share each word
 * (for an IDF weight: "get" says little, "mime" a lot). Rebuilt when the index's set of symbols
 * changes; one walk over the symbol lists, no file reads.
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import type { SymbolInfo } from '../../index/model';
import { nameWords } from './cursorContext';

export interface NamedSymbol {
  readonly file: string;
  readonly sym: SymbolInfo;
  readonly words: readonly string[];
}

export interface SymbolNames {
  readonly all: readonly NamedSymbol[];
  readonly byFile: ReadonlyMap<string, readonly NamedSymbol[]>;
  /** Files per folder (absolute). */
  readonly byDir: ReadonlyMap<string, readonly string[]>;
  /** Definitions whose name has the word: word matching visits only these, not every symbol. */
  readonly byWord: ReadonlyMap<string, readonly NamedSymbol[]>;
  /** log(N / df) per word. */
  idf(word: string): number;
}

const cache = new WeakMap<CodeIndex, { key: string; names: SymbolNames }>();

export function symbolNames(index: CodeIndex): SymbolNames {
  const files = index.filePaths();
  const st = index.stats();
  const key = `${files.length}:${st.symbols}:${st.lastUpdated ?? ''}`;
  const hit = cache.get(index);
  if (hit && hit.key === key) return hit.names;
  const all: NamedSymbol[] = [];
  const byFile = new Map<string, NamedSymbol[]>();
  const byDir = new Map<string, string[]>();
  const byWord = new Map<string, NamedSymbol[]>();
  const df = new Map<string, number>();
  const wordsOf = new Map<string, readonly string[]>(); // names repeat (overloads, twin files): split each once
  for (const file of files) {
    const list: NamedSymbol[] = [];
    for (const sym of index.file(file)?.symbols ?? []) {
      let words = wordsOf.get(sym.name);
      if (!words) wordsOf.set(sym.name, (words = nameWords(sym.name)));
      const n: NamedSymbol = { file, sym, words };
      list.push(n);
      all.push(n);
      for (const w of new Set(words)) {
        df.set(w, (df.get(w) ?? 0) + 1);
        let posting = byWord.get(w);
        if (!posting) byWord.set(w, (posting = []));
        posting.push(n);
      }
    }
    byFile.set(file, list);
    const dir = path.dirname(file);
    let inDir = byDir.get(dir);
    if (!inDir) byDir.set(dir, (inDir = []));
    inDir.push(file);
  }
  const total = Math.max(1, all.length);
  const names: SymbolNames = { all, byFile, byDir, byWord, idf: (w) => Math.log(1 + total / (df.get(w) ?? 1)) };
  cache.set(index, { key, names });
  return names;
}
