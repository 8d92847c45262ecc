/**
 * One parsed file → symbols, imports and package name, from a single query pass over its tree. Members
 * get their owner from the innermost enclosing class/interface/struct/impl/trait.
 */
import type { Node, Query, QueryMatch, Tree } from 'web-tree-sitter';
import type { ImportInfo, SymbolInfo, SymbolKind } from '../model';
import { SYMBOL_KINDS } from '../model';
import type { Captures, Definition, LanguageSpec } from './languageSpec';

const CONTAINER_KINDS = new Set<SymbolKind>(['class', 'interface', 'struct', 'trait', 'impl', 'enum']);
const KINDS = new Set<string>(SYMBOL_KINDS);
const MAX_SIGNATURE = 200;
/**
 * Definitions and imports sit near the top of a tree (a method in a class in a namespace is ~6 deep;
 * UMD wrappers add ~3). Not starting matches deeper than this skips function bodies, which is most
 * of a file, and makes extraction several times cheaper; definitions nested deeper are left out.
 */
const MAX_START_DEPTH = 8;

/**
 * A language's query, and for patterns that count only at the top of the file (constants where
 * topLevelConstants, the spec's topLevelQuery) a second query run only over the top levels: deep
 * `const`s are most of the matches of a script's tree, and all of them would be dropped.
 */
export interface ExtractionQueries {
  readonly query: Query;
  readonly topLevel?: Query;
}
/** Where a top-level pattern starts at the deepest: in an export or declaration wrapper, or a statement. */
const TOP_LEVEL_DEPTH = 2;

export interface TreeFacts {
  readonly symbols: SymbolInfo[];
  readonly imports: ImportInfo[];
  readonly packageName?: string;
  readonly hasErrors: boolean;
}

/**
 * Where each fact sits in the parsed text (offsets as the tree counts them), so an edit elsewhere can
 * reuse it (incrementalExtract): a start and an end per symbol, per import, and for the package clause
 * (none: empty).
 */
export interface FactSpans {
  readonly symbols: readonly number[];
  readonly imports: readonly number[];
  readonly package: readonly number[];
}

/** Facts and their spans. */
export interface PlacedFacts extends TreeFacts {
  readonly spans: FactSpans;
}

/**
 * `text` is what was parsed and `lineStarts` its line starts (chunker's lineStartsOf): rows and lines
 * are looked up there rather than asked of the tree (each node property is a call into WebAssembly).
 * With `within`, only the given top-level nodes (children of the root) are searched, exactly as the
 * whole tree would be there: what an edit inside them can change.
 */
export function extractFromTree(spec: LanguageSpec, queries: ExtractionQueries, tree: Tree, text: string, lineStarts: Int32Array, within?: readonly Node[]): PlacedFacts {
  const defs: Definition[] = [];
  const imports: ImportInfo[] = [];
  const importSpans: number[] = [];
  let packageName: string | undefined;
  let packageSpan: number[] = [];
  // One map, refilled per match: hooks read it and keep only nodes.
  const captures = new Map<string, Node>();
  let matches: QueryMatch[] = [];
  // Below a top-level node, depths count from it: one less than from the root.
  for (const [root, shift] of within ? within.map((n) => [n, 1] as const) : [[tree.rootNode, 0] as const]) {
    matches = matches.concat(queries.query.matches(root, { maxStartDepth: MAX_START_DEPTH - shift }));
    // concat, not push(...): a generated file can have more top-level constants than a call takes arguments.
    if (queries.topLevel) matches = matches.concat(queries.topLevel.matches(root, { maxStartDepth: (spec.topLevelDepth ?? TOP_LEVEL_DEPTH) - shift }));
  }
  for (const match of matches) {
    captures.clear();
    let kind: SymbolKind | undefined;
    for (const { name, node } of match.captures) {
      captures.set(name, node);
      if (name.startsWith('definition.')) {
        const k = name.slice(11);
        if (KINDS.has(k)) kind = k as SymbolKind;
      }
    }
    const importNode = captures.get('import');
    if (importNode) {
      for (const i of spec.imports(importNode, captures)) {
        imports.push(i);
        importSpans.push(importNode.startIndex, importNode.endIndex);
      }
      continue;
    }
    const pkg = captures.get('package');
    if (pkg) {
      const name = pkg.text.replace(/\s+/g, '');
      // The first named package clause counts (a clause broken mid-edit can have an empty name).
      if (packageName === undefined && name) {
        packageName = name;
        packageSpan = [pkg.startIndex, pkg.endIndex];
      }
      continue;
    }
    if (!kind) continue;
    if (kind === 'constant' && spec.topLevelConstants && !atTopLevel(captures.get('definition.constant'), spec.topLevelBlocks)) continue;
    const def = spec.definition ? spec.definition(kind, captures) : defaultDefinition(kind, captures);
    if (def && def.name) defs.push(def);
  }
  const spans: number[] = [];
  const symbols = toSymbols(spec, defs, text, lineStarts, spans);
  return { symbols, imports, ...(packageName ? { packageName } : {}), hasErrors: tree.rootNode.hasError, spans: { symbols: spans, imports: importSpans, package: packageSpan } };
}

/** Node types a top-level constant may sit in on its way up to the file's root. */
const DECLARATION_WRAPPERS = new Set(['export_statement', 'const_declaration', 'var_declaration', 'expression_statement', 'lexical_declaration']);

function atTopLevel(node: Node | undefined, blocks: readonly string[] = []): boolean {
  for (let p = node?.parent ?? null, hops = 0; p && hops < 4 + blocks.length; p = p.parent, hops++) {
    if (!p.parent) return true; // p is the root
    if (!DECLARATION_WRAPPERS.has(p.type) && !blocks.includes(p.type)) return false;
  }
  return false;
}

function defaultDefinition(kind: SymbolKind, c: Captures): Definition | undefined {
  const node = c.get(`definition.${kind}`);
  const nameNode = c.get('name');
  return node && nameNode ? { name: nameNode.text, kind, node, nameNode } : undefined;
}

/** Two definitions with the same key are one symbol (the first in document order is kept). */
export function symbolKey(name: string, startLine: number, kind: SymbolKind): string {
  return `${name}\u0000${startLine}\u0000${kind}`;
}

/** Symbols in document order, owners resolved; each one's start and end offsets are pushed to `spans`. */
function toSymbols(spec: LanguageSpec, found: Definition[], text: string, lineStarts: Int32Array, spans: number[]): SymbolInfo[] {
  const defs = found.map((def) => ({ def, start: def.node.startIndex, end: def.node.endIndex }));
  defs.sort((a, b) => a.start - b.start || b.end - a.end);
  const members = new Set(spec.memberContainers ?? []);
  const stack: { def: Definition; end: number; name: string }[] = [];
  const out: SymbolInfo[] = [];
  const seen = new Set<string>();
  for (const { def, start, end } of defs) {
    while (stack.length && stack[stack.length - 1]!.end <= start) stack.pop();
    let owner: { def: Definition; name: string } | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = stack[i]!.def.kind;
      if (k === 'function' || k === 'method') break; // a function's locals belong to no class
      if (CONTAINER_KINDS.has(k)) {
        owner = stack[i];
        break;
      }
    }
    stack.push({ def, end, name: def.name });
    const container = def.container ?? owner?.name;
    let kind = def.kind;
    if (kind === 'function' && owner && members.has(owner.def.kind)) kind = 'method';
    if (kind === 'impl') continue; // impl blocks only lend their type to their methods
    const startLine = def.node.startPosition.row;
    const key = symbolKey(def.name, startLine, kind);
    if (seen.has(key)) continue;
    seen.add(key);
    const nameLine = def.nameNode.startPosition.row;
    spans.push(start, end);
    out.push({
      name: def.name,
      kind,
      ...(container ? { container } : {}),
      startLine,
      endLine: rowAt(lineStarts, end),
      nameLine,
      signature: signatureAt(text, lineStarts, nameLine),
    });
  }
  return out;
}

/** The row of a text offset: the last line starting at or before it (as tree-sitter's end points count). */
function rowAt(lineStarts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 2; // the last line
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A symbol's signature: the line holding its name (the whole line, so any edit of that line changes it). */
export function signatureAt(text: string, lineStarts: Int32Array, line: number): string {
  return signatureOf(text.slice(lineStarts[line]!, Math.max(lineStarts[line]!, lineStarts[line + 1]! - 1)));
}

/** The declaration's line without its body opener, trimmed to a sane length. */
function signatureOf(line: string): string {
  // String ends rather than regular expressions: this runs for every symbol of every file.
  let s = line.trim();
  if (s.endsWith('{')) s = s.slice(0, -1).trimEnd();
  if (s.endsWith('=>')) s = `${s.slice(0, -2).trimEnd()} =>`;
  else if (s.endsWith(':')) s = s.slice(0, -1).trimEnd();
  if (s.length > MAX_SIGNATURE) s = `${s.slice(0, MAX_SIGNATURE - 1)}…`;
  return s;
}
