/**
 * Definitions found in a tree → the file's symbols: sorted, each member given its owner (the innermost
 * enclosing class/interface/struct/impl/trait), duplicates dropped, one-line signatures. Plain data in,
 * plain data out: it runs wherever the file is finished (see finishExtract), not necessarily where the
 * tree was.
 */
import type { SymbolInfo, SymbolKind } from '../model';

/** One definition as the extractor found it (offsets in the parsed text; lines 0-based). */
export interface FoundDefinition {
  readonly name: string;
  readonly kind: SymbolKind;
  /** Set when the syntax itself names the owner (Go receivers, C++ `Foo::bar`). */
  readonly container?: string;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly endLine: number;
  readonly nameLine: number;
}

const CONTAINER_KINDS = new Set<SymbolKind>(['class', 'interface', 'struct', 'trait', 'impl', 'enum']);
const MAX_SIGNATURE = 200;

/** `memberContainers`: kinds inside which a function is a method (Python classes, Rust impls…). */
export function toSymbols(found: readonly FoundDefinition[], memberContainers: readonly SymbolKind[], line: (row: number) => string): SymbolInfo[] {
  const defs = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const members = new Set(memberContainers);
  const stack: FoundDefinition[] = [];
  const out: SymbolInfo[] = [];
  const seen = new Set<string>();
  for (const def of defs) {
    while (stack.length && stack[stack.length - 1]!.end <= def.start) stack.pop();
    let owner: FoundDefinition | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = stack[i]!.kind;
      if (k === 'function' || k === 'method') break; // a function's locals belong to no class
      if (CONTAINER_KINDS.has(k)) {
        owner = stack[i];
        break;
      }
    }
    stack.push(def);
    const container = def.container ?? owner?.name;
    let kind = def.kind;
    if (kind === 'function' && owner && members.has(owner.kind)) kind = 'method';
    if (kind === 'impl') continue; // impl blocks only lend their type to their methods
    const key = `${def.name}\u0000${def.startLine}\u0000${kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      name: def.name,
      kind,
      ...(container ? { container } : {}),
      startLine: def.startLine,
      endLine: def.endLine,
      nameLine: def.nameLine,
      signature: signatureOf(line(def.nameLine)),
    });
  }
  return out;
}

/** The declaration's line without its body opener, trimmed to a sane length. */
export function signatureOf(line: string): string {
  // String ends rather than regular expressions: this runs for every symbol of every file.
  let s = line.trim();
  if (s.endsWith('{')) s = s.slice(0, -1).trimEnd();
  if (s.endsWith('=>')) s = `${s.slice(0, -2).trimEnd()} =>`;
  else if (s.endsWith(':')) s = s.slice(0, -1).trimEnd();
  if (s.length > MAX_SIGNATURE) s = `${s.slice(0, MAX_SIGNATURE - 1)}…`;
  return s;
}
