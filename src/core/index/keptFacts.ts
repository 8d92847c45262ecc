/**
 * Symbols and imports as the index keeps them for the life of the process. Those that arrive from a
 * parse worker are copies made by structured cloning: objects whose properties V8 keeps out of line,
 * and one string per occurrence of the same name or import source (`org.springframework…Conditional`,
 * imported by hundreds of files). Re-made with fixed shapes and shared strings, a first build of a
 * large Java repository keeps megabytes less.
 */
import { type ImportInfo, SYMBOL_KINDS, type SymbolInfo } from './model';

/** Shares equal strings (one per distinct value); cleared by its owner when no longer worth it. */
export class StringPool {
  private readonly strings = new Map<string, string>();

  get(s: string): string {
    const kept = this.strings.get(s);
    if (kept !== undefined) return kept;
    this.strings.set(s, s);
    return s;
  }

  clear(): void {
    this.strings.clear();
  }
}

export function keptSymbols(symbols: readonly SymbolInfo[], pool: StringPool): SymbolInfo[] {
  const out: SymbolInfo[] = new Array(symbols.length);
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    const kept: { -readonly [K in keyof SymbolInfo]: SymbolInfo[K] } = {
      name: pool.get(s.name), kind: keptKind(s.kind), startLine: s.startLine, endLine: s.endLine, nameLine: s.nameLine, signature: s.signature,
    };
    if (s.container !== undefined) kept.container = pool.get(s.container);
    out[i] = kept;
  }
  return out;
}

export function keptImports(imports: readonly ImportInfo[], pool: StringPool): ImportInfo[] {
  const out: ImportInfo[] = new Array(imports.length);
  for (let i = 0; i < imports.length; i++) {
    const x = imports[i]!;
    const kept: { -readonly [K in keyof ImportInfo]: ImportInfo[K] } = { source: pool.get(x.source), line: x.line };
    if (x.names !== undefined) kept.names = x.names.map((n) => pool.get(n));
    if (x.flavor !== undefined) kept.flavor = pool.get(x.flavor) as ImportInfo['flavor'];
    out[i] = kept;
  }
  return out;
}

/** The kind as the constant string (a cloned one is a string per symbol: 1.6 MB on spring-boot). */
function keptKind(kind: SymbolInfo['kind']): SymbolInfo['kind'] {
  return SYMBOL_KINDS[SYMBOL_KINDS.indexOf(kind)] ?? kind;
}
