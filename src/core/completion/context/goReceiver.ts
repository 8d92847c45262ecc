/**
 * What a Go member access at the cursor is on: `pkg.` → the imported package; `x.` → the type `x` is
 * declared with (parameters, receivers, `var`, composite literals, type assertions, or the result type
 * of the function that made it, `x, err := pkg.NewT(…)`), also when `x` is a package-level variable
 * of another file of the package; `x.Field.` and `x.Method().` → the field's type or the method's result
 * type, one step per link of the chain. Types are looked up where their qualifier points (the package
 * the file imports under that name) or, unqualified, in the file's own package.
 */
import * as path from 'node:path';
import type { CodeIndex, SymbolHit } from '../../index/codeIndex';
import type { CursorContext } from './cursorContext';
import { goImportName, goPackageFiles } from './packageScope';
import { type GoDeclared, goDeclaredType, goEmbeddedTypes as embeddedRefs, goFieldType, goResultType, type GoTypeRef } from './goTypes';
import type { ImportBinding } from './importBindings';
import { CONTAINER_KINDS, type ReceiverTarget } from './receiverTypes';
import type { SymbolNames } from './symbolNames';

const MAX_TYPES = 3;

export function resolveGoReceiver(index: CodeIndex, names: SymbolNames, file: string, cursor: CursorContext, bindings: ReadonlyMap<string, ImportBinding>): ReceiverTarget | undefined {
  const chain = cursor.receiver;
  if (!chain?.length) return undefined;
  const head = chain[0]!;
  const bound = bindings.get(head);
  if (bound?.namespace && chain.length === 1) return { containers: [], modules: [...bound.files] };
  const scope = new GoScopes(index, names);
  const before = cursor.lines.slice(0, cursor.line).join('\n') + '\n' + cursor.linePrefix;
  const after = cursor.lines.slice(cursor.line + 1).join('\n');
  // pkg.Var.… / pkg.Func().…: the package-level name's type, then the links after it.
  if (bound?.namespace) return { containers: walk(scope, scope.typesOfValue(bound.files, chain[1]!, file), chain.slice(2)), modules: [] };
  const declared = goDeclaredType(head, before) ?? goDeclaredType(head, after);
  const types = declared ? scope.resolve(declared, file, bindings) : scope.typesOfValue([...scope.packageOf(file)], head, file);
  return { containers: walk(scope, types, chain.slice(1)), modules: [] };
}

/** Follows `.Field` / `.Method()` links from the types found so far. */
function walk(scope: GoScopes, start: SymbolHit[], links: readonly string[]): SymbolHit[] {
  let types = start;
  for (const link of links) {
    if (!types.length) return [];
    const next: SymbolHit[] = [];
    for (const t of types) next.push(...scope.memberType(t, link));
    types = dedupe(next).slice(0, MAX_TYPES);
  }
  return types;
}

/** Lookups with the per-file facts they need (import names, package files) kept for one resolution. */
class GoScopes {
  private readonly imports = new Map<string, Map<string, readonly string[]>>();
  private readonly packages = new Map<string, Set<string>>();

  constructor(private readonly index: CodeIndex, private readonly names: SymbolNames) {}

  /** `file` and the other files of its package. */
  packageOf(file: string): Set<string> {
    let p = this.packages.get(file);
    if (!p) this.packages.set(file, (p = new Set([file, ...goPackageFiles(this.index, this.names, file)])));
    return p;
  }

  /** Package name → files, as `file` imports them. */
  importsOf(file: string): Map<string, readonly string[]> {
    let m = this.imports.get(file);
    if (m) return m;
    m = new Map();
    const lines = this.index.linesOf(file);
    for (const { import: imp, files } of this.index.resolvedImports(file)) {
      if (!files.length) continue;
      const name = goImportName(lines?.[imp.line] ?? '', imp.source, files, this.index);
      if (name && !m.has(name)) m.set(name, files);
    }
    this.imports.set(file, m);
    return m;
  }

  /** Where a type reference written in `file` points: the package its qualifier names, else file's own. */
  private filesFor(ref: GoTypeRef, file: string, bindings?: ReadonlyMap<string, ImportBinding>): readonly string[] | undefined {
    if (!ref.pkg) return [...this.packageOf(file)];
    const bound = bindings?.get(ref.pkg);
    if (bound?.namespace) return bound.files;
    return this.importsOf(file).get(ref.pkg);
  }

  /** Type declarations named `ref.name` where `ref` points from `file`. */
  typeNamed(ref: GoTypeRef, file: string, bindings?: ReadonlyMap<string, ImportBinding>): SymbolHit[] {
    const files = this.filesFor(ref, file, bindings);
    if (!files?.length) return [];
    const within = new Set(files);
    return this.index.symbols(ref.name, { kinds: CONTAINER_KINDS, limit: MAX_TYPES, where: (p) => within.has(p) });
  }

  resolve(d: GoDeclared, file: string, bindings?: ReadonlyMap<string, ImportBinding>): SymbolHit[] {
    if (d.kind === 'type') return this.typeNamed(d, file, bindings);
    // A call: a package's function (`pkg.NewT(`), the package's own (`NewT(`), or a method (`x.Get(`).
    const files = this.filesFor(d, file, bindings);
    if (files) {
      const fns = this.index.symbols(d.name, { kinds: ['function', 'method'], limit: 40, where: (p, s) => !s.container && files.includes(p) });
      // No such function: a conversion, `T(x)`.
      return fns.length ? this.resultTypes(fns) : this.typeNamed(d, file, bindings);
    }
    const holder = goDeclaredType(d.pkg!, this.index.linesOf(file)?.join('\n') ?? '');
    const owners = holder ? this.resolve(holder, file, bindings) : [];
    return dedupe(owners.flatMap((t) => this.memberType(t, d.name)));
  }

  /** The result types of functions (each read in its own file's scope). */
  private resultTypes(fns: readonly SymbolHit[]): SymbolHit[] {
    const out: SymbolHit[] = [];
    for (const fn of fns.slice(0, MAX_TYPES)) {
      const ref = goResultType(fn.signature);
      if (ref) out.push(...this.typeNamed(ref, fn.path));
    }
    return dedupe(out);
  }

  /** The type of a package-level variable, or the result type of a package-level function, named `name`. */
  typesOfValue(files: readonly string[], name: string, from: string): SymbolHit[] {
    const within = new Set(files);
    const defs = this.index.symbols(name, { limit: 40, where: (p, s) => !s.container && within.has(p) });
    const out: SymbolHit[] = [];
    for (const d of defs.slice(0, MAX_TYPES)) {
      if (d.kind === 'function') out.push(...this.resultTypes([d]));
      else if (d.kind === 'constant') {
        const text = (d.path === from ? undefined : this.index.linesOf(d.path))?.slice(d.startLine, d.endLine + 1).join('\n') ?? d.signature;
        const declared = goDeclaredType(name, text.replace(/^\s*(?:var|const)\s+/, 'var '));
        if (declared) out.push(...this.resolve(declared, d.path));
      }
    }
    return dedupe(out);
  }

  /** The type of `t.link`: its field (also one promoted from an embedded type), else its method's result. */
  memberType(t: SymbolHit, link: string): SymbolHit[] {
    const lines = this.index.linesOf(t.path);
    if (lines && (t.kind === 'struct' || t.kind === 'interface')) {
      const field = goFieldType(lines, t.startLine, t.endLine, link);
      if (field) return this.typeNamed(field, t.path);
    }
    const within = this.packageOf(t.path);
    const methods = this.index.symbols(link, { kinds: ['method'], limit: 60, where: (p, m) => m.container === t.name && within.has(p) });
    return this.resultTypes(methods);
  }
}

function dedupe(hits: readonly SymbolHit[]): SymbolHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.path}\0${h.startLine}\0${h.name}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

/** The types a Go struct or interface embeds (their methods are promoted to it), resolved from its file. */
export function goEmbeddedTypes(index: CodeIndex, names: SymbolNames, t: SymbolHit): SymbolHit[] {
  const lines = index.linesOf(t.path);
  if (!lines || (t.kind !== 'struct' && t.kind !== 'interface')) return [];
  const scope = new GoScopes(index, names);
  return dedupe(embeddedRefs(lines, t.startLine, t.endLine).flatMap((ref) => scope.typeNamed(ref, t.path))).filter((e) => e.name !== t.name || e.path !== t.path);
}

/**
 * Implementations of a Go interface: the types with methods of the interface's method names, those
 * with the most of them first (the cursor's package first on ties), at most two.
 */
export function goImplementations(index: CodeIndex, names: SymbolNames, iface: SymbolHit, from: string): SymbolHit[] {
  const methods = (names.byFile.get(iface.path) ?? []).filter((n) => n.sym.container === iface.name && n.sym.startLine >= iface.startLine && n.sym.endLine <= iface.endLine);
  if (!methods.length) return [];
  const votes = new Map<string, { path: string; type: string; count: number }>();
  for (const m of methods.slice(0, 12)) {
    for (const impl of index.symbols(m.sym.name, { kinds: ['method'], limit: 80 })) {
      if (!impl.container || impl.container === iface.name || !impl.path.endsWith('.go') || impl.path.endsWith('_test.go')) continue;
      const key = `${path.dirname(impl.path)}\0${impl.container}`;
      const v = votes.get(key) ?? { path: impl.path, type: impl.container, count: 0 };
      v.count++;
      votes.set(key, v);
    }
  }
  const local = path.dirname(from);
  const ranked = [...votes.values()].filter((v) => v.count >= Math.min(2, methods.length)).sort((a, b) => b.count - a.count || +(path.dirname(b.path) === local) - +(path.dirname(a.path) === local));
  const scope = new GoScopes(index, names);
  return dedupe(ranked.slice(0, 2).flatMap((v) => scope.typeNamed({ name: v.type }, v.path)));
}
