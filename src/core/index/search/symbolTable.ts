/**
 * Symbol name → definitions, for "where is X defined" (completion context, chat's symbol matches,
 * `banyan symbols`). Exact lookups are one map access; a case-insensitive map covers "userservice";
 * `search` ranks names by how they match a free-text query (exact, prefix, camel-hump substring).
 */
import type { SymbolInfo } from '../model';

export interface SymbolRef {
  readonly file: number;
  readonly symbol: SymbolInfo;
}

export class SymbolTable {
  private readonly byName = new Map<string, SymbolRef[]>();
  private readonly byLower = new Map<string, string[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(file: number, symbols: readonly SymbolInfo[]): void {
    for (const symbol of symbols) {
      const list = this.byName.get(symbol.name);
      this.count++;
      if (list) {
        insertInFileOrder(list, { file, symbol });
        continue;
      }
      // Most names have one definition: a list made by its first push reserves 17 slots (6 MB over
      // spring-boot's 40,000 names), a literal exactly one.
      this.byName.set(symbol.name, [{ file, symbol }]);
      const lower = symbol.name.toLowerCase();
      const names = this.byLower.get(lower);
      if (names) names.push(symbol.name);
      else this.byLower.set(lower, [symbol.name]);
    }
  }

  remove(file: number, symbols: readonly SymbolInfo[]): void {
    for (const name of new Set(symbols.map((s) => s.name))) {
      const list = this.byName.get(name);
      if (!list) continue;
      const kept = list.filter((r) => r.file !== file);
      this.count -= list.length - kept.length;
      if (kept.length) this.byName.set(name, kept);
      else {
        this.byName.delete(name);
        const lower = name.toLowerCase();
        const names = this.byLower.get(lower)!.filter((n) => n !== name);
        if (names.length) this.byLower.set(lower, names);
        else this.byLower.delete(lower);
      }
    }
  }

  /** Definitions named exactly `name`; with `ignoreCase`, also other casings. */
  lookup(name: string, ignoreCase = false): readonly SymbolRef[] {
    if (!ignoreCase) return this.byName.get(name) ?? [];
    return (this.byLower.get(name.toLowerCase()) ?? []).flatMap((n) => this.byName.get(n) ?? []);
  }

  /** Names that match `query` best first: exact, case-insensitive, prefix, then substring. */
  search(query: string, limit: number): readonly SymbolRef[] {
    const q = query.toLowerCase();
    if (!q) return [];
    const ranked: { rank: number; name: string }[] = [];
    for (const [lower, names] of this.byLower) {
      let rank: number;
      if (lower === q) rank = 1;
      else if (lower.startsWith(q)) rank = 2;
      else if (lower.includes(q)) rank = 3;
      else continue;
      for (const name of names) ranked.push({ rank: name === query ? 0 : rank, name });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
    const out: SymbolRef[] = [];
    for (const { name } of ranked) {
      for (const ref of this.byName.get(name) ?? []) {
        out.push(ref);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}

/**
 * A name's definitions stay in file-id order: a file indexed again keeps its id, so its definitions go
 * back to where they were, and a lookup that stops at a limit answers the same after a warm start
 * re-indexed changed files as after a cold build (which adds files in id order: the common case appends).
 */
function insertInFileOrder(list: SymbolRef[], ref: SymbolRef): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.file > ref.file) i--;
  if (i === list.length) list.push(ref);
  else list.splice(i, 0, ref);
}
