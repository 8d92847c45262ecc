/**
 * What a JavaScript (CommonJS) member access at the cursor is on, and that object's members.
 * Objects are known by their container in the index (`res.send = function` and `{ send() {} }` are
 * members of `res`; `exports.f = …` of the module) and by the module's shape (moduleShape: which name
 * `module.exports` is bound to, whole-module and member re-exports, mixins):
 *   - `lib.` with `lib = require('./lib')` → what the module exports, following `module.exports =
 *     require(…)`; `x.` with `x = new Lib(…)`, `Lib(…)` or `Lib.create…(…)` → the same objects (an
 *     exported class's or constructor's members are its instances');
 *   - an object's members include what is mixed into it (`merge(app, proto)`, `Object.assign`,
 *     `Object.create(proto)`), the receiver's own file's mixins included;
 *   - `x.a.` → the members of `x.a` (a nested object literal, `X.a = {…}`, `exports.a = require(…)`);
 *   - nothing types the receiver: objects named like it (`res.` → the `res` object of lib/response.js),
 *     nearest by imports first, and members of nearby modules whose name only one or two files define.
 */
import type { CodeIndex } from '../../index/codeIndex';
import { type ModuleShape, moduleShape } from '../../index/commonjs/moduleShape';
import type { SymbolInfo } from '../../index/model';
import type { CursorContext } from './cursorContext';
import { FileScopedMemo } from './fileScopedMemo';
import type { ImportBinding } from './importBindings';
import type { NamedSymbol, SymbolNames } from './symbolNames';

/** An object a file binds at its top (`name`), or its module's exports (`module.exports`, `exports`). */
interface JsObject {
  readonly file: string;
  readonly name: string;
}

export interface JsMember {
  readonly file: string;
  readonly sym: SymbolInfo;
  /** How sure the receiver's object is: 0 typed, 1 named like the receiver, 2 a nearby module's member. */
  readonly certainty: 0 | 1 | 2;
  /** Import distance of the member's file from the cursor's (0 when unknown). */
  readonly distance: number;
}

const MAX_DEPTH = 3;
const ID = '[A-Za-z_$][\\w$]*';
const EXPORTS = 'exports';
const MODULE_EXPORTS = 'module.exports';
/** A member name defined in more files than this says nothing about which object it belongs to. */
const MAX_DEFINING_FILES = 2;
const MAX_FALLBACK = 40;

export function commonJsMembers(index: CodeIndex, names: SymbolNames, file: string, cursor: CursorContext, bindings: ReadonlyMap<string, ImportBinding>): JsMember[] {
  const chain = cursor.receiver;
  if (!chain?.length || ['this', 'self', 'super'].includes(chain[0]!)) return [];
  const js = new JsModules(index, names, file);
  const head = chain[0]!;
  let objects: JsObject[] = [];
  const bound = bindings.get(head);
  if (bound?.namespace) objects = bound.files.flatMap((f) => js.exportsOf(f));
  else {
    const made = instanceSource(head, cursor);
    const from = made ? bindings.get(made.name) : undefined;
    // `x = lib` is the module; `x = new Lib()`, `x = lib()` its product (an instance, what a factory returns).
    if (from) objects = from.files.flatMap((f) => (!made!.called ? js.exportsOf(f) : made!.member ? js.returnedBy(f, made!.member) : js.productsOf(f)));
  }
  // Mixed into the receiver in this very file: `mixin(app, proto, false)`.
  for (const m of js.shape(file)?.mixins ?? []) if (m.target === head) objects.push(...js.sourceObjects(file, m.source, bindings));
  for (const link of chain.slice(1)) objects = objects.flatMap((o) => js.memberObjects(o, link));
  const out: JsMember[] = [];
  const seen = new Set<NamedSymbol>();
  const push = (n: NamedSymbol, certainty: JsMember['certainty'], distance: number) => {
    if (n.file === file || seen.has(n) || n.sym.name === 'constructor') return;
    seen.add(n);
    out.push({ file: n.file, sym: n.sym, certainty, distance });
  };
  for (const o of dedupe(objects)) for (const n of js.members(o)) push(n, 0, 0);
  if (out.length) return out;
  // Nothing types it: objects named like it, then members of modules near this file.
  const distance = importDistances(index, file);
  const last = chain[chain.length - 1]!;
  const named = js.objectsNamed(last, chain.length > 1 ? chain.slice(0, -1).join('.') : undefined);
  named.sort((a, b) => (distance.get(a.file) ?? 9) - (distance.get(b.file) ?? 9));
  for (const o of named.slice(0, 3)) for (const n of js.members(o)) push(n, 1, distance.get(o.file) ?? 0);
  const near = [...distance].filter(([f, d]) => d > 0 && f !== file).sort((a, b) => a[1] - b[1]);
  let added = 0;
  for (const [f, d] of near) {
    for (const n of names.byFile.get(f) ?? []) {
      if (!n.sym.container || (n.sym.kind !== 'method' && n.sym.kind !== 'function')) continue;
      if (js.definingFiles(n.sym.name) > MAX_DEFINING_FILES) continue;
      push(n, 2, d);
      if (++added >= MAX_FALLBACK) return out;
    }
  }
  return out;
}

/** What made `name` in the text before the cursor: `= X;` (X itself), `= new X(`, `= X(`, `= X.createY(` (a product of X). */
function instanceSource(name: string, cursor: CursorContext): { name: string; member?: string; called: boolean } | undefined {
  const text = cursor.lines.slice(Math.max(0, cursor.line - 400), cursor.line).join('\n') + '\n' + cursor.linePrefix;
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=\\s*(?:module\\.exports\\s*=\\s*)?(?:await\\s+)?(new\\s+)?(${ID})(\\s*\\.\\s*${ID})?\\s*(\\(|;|$)`, 'gm');
  let last: { name: string; member?: string; called: boolean } | undefined;
  for (const m of text.matchAll(re)) {
    const member = m[3]?.replace(/[\s.]/g, '');
    last = { name: m[2]!, ...(member ? { member } : {}), called: !!m[1] || m[4] === '(' };
  }
  return last;
}

/** Files reachable from `file` through its imports, by the number of steps (itself 0). */
export function importDistances(index: CodeIndex, file: string): Map<string, number> {
  const out = new Map<string, number>([[file, 0]]);
  let frontier = [file];
  for (let d = 1; d <= MAX_DEPTH && frontier.length; d++) {
    const next: string[] = [];
    for (const f of frontier) for (const t of index.importsOf(f)) if (!out.has(t)) (out.set(t, d), next.push(t));
    frontier = next.length > 200 ? next.slice(0, 200) : next;
  }
  return out;
}

/** A function of the module itself: top level, or a member of its exports. */
const moduleMember = (container: string | undefined): boolean => !container || container === EXPORTS || container === MODULE_EXPORTS;

function dedupe(objects: readonly JsObject[]): JsObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => !seen.has(`${o.file}\0${o.name}`) && !!seen.add(`${o.file}\0${o.name}`));
}

/** Module shapes and object members for one resolution (shapes cached per index by file content). */
class JsModules {
  private readonly visiting = new Set<string>();
  constructor(private readonly index: CodeIndex, private readonly names: SymbolNames, private readonly file: string) {}

  shape(file: string): ModuleShape | undefined {
    return shapeOf(this.index, file);
  }

  /** The objects `file`'s module exports, following `module.exports = require(…)`. */
  exportsOf(file: string, depth = 0): JsObject[] {
    const shape = this.shape(file);
    if (!shape) return [];
    if (shape.exportRequire && depth < MAX_DEPTH) {
      const target = this.resolve(file, shape.exportRequire);
      if (target) return this.exportsOf(target, depth + 1);
    }
    const out: JsObject[] = [{ file, name: EXPORTS }, { file, name: MODULE_EXPORTS }];
    if (shape.exportName) out.push({ file, name: shape.exportName }, ...this.returnedBy(file, shape.exportName));
    return out;
  }

  /** What calling (or `new`-ing) the module's export gives: an instance of its class, a factory's product. */
  productsOf(file: string, depth = 0): JsObject[] {
    const shape = this.shape(file);
    if (shape?.exportRequire && depth < MAX_DEPTH) {
      const target = this.resolve(file, shape.exportRequire);
      if (target) return this.productsOf(target, depth + 1);
    }
    return shape?.exportName ? [{ file, name: shape.exportName }, ...this.returnedBy(file, shape.exportName)] : [];
  }

  /**
   * A factory's product: `return app` in function `fn` of the file → the object `app` it builds (with
   * its mixins); `return new Server(…)` → an instance of that class, wherever it comes from.
   */
  returnedBy(file: string, fn: string): JsObject[] {
    const def = (this.names.byFile.get(file) ?? []).find((n) => n.sym.name === fn && (n.sym.kind === 'function' || n.sym.kind === 'method') && moduleMember(n.sym.container));
    const lines = def && this.index.linesOf(file);
    if (!def || !lines) return [];
    const out: JsObject[] = [];
    for (let i = def.sym.startLine; i <= def.sym.endLine && i < lines.length; i++) {
      const r = new RegExp(`^\\s*return\\s+(new\\s+)?(${ID})\\s*(\\(|;|$)`).exec(lines[i]!);
      if (!r || r[2] === fn || (!r[1] && r[3] === '(')) continue;
      if (!r[1]) out.push({ file, name: r[2]! });
      else for (const o of this.sourceObjects(file, r[2]!)) out.push(...(o.file === file ? [o] : this.productsOf(o.file)));
    }
    return out;
  }

  /** The objects a mixin's source names: a required module, `X.prototype`, or an object of the file. */
  sourceObjects(file: string, source: string, bindings?: ReadonlyMap<string, ImportBinding>): JsObject[] {
    const req = /^require\s*\(\s*['"]([^'"]+)['"]\s*\)$/.exec(source)?.[1];
    if (req) {
      const target = this.resolve(file, req);
      return target ? this.exportsOf(target) : [];
    }
    const name = source.replace(/\.prototype$/, '');
    if (!new RegExp(`^${ID}$`).test(name)) return [];
    const bound = bindings?.get(name)?.files ?? this.requireBinding(file, name);
    if (bound) return bound.flatMap((f) => this.exportsOf(f));
    return [{ file, name }];
  }

  /** Members of an object: its container's symbols, and what is mixed into it (one level). */
  members(o: JsObject): NamedSymbol[] {
    const key = `${o.file}\0${o.name}`;
    if (this.visiting.has(key) || this.visiting.size > 24) return [];
    this.visiting.add(key);
    const own = (this.names.byFile.get(o.file) ?? []).filter((n) =>
      o.name === EXPORTS ? !n.sym.container && /^\s*(?:module\.)?exports\./.test(n.sym.signature) : n.sym.container === o.name);
    const mixed: NamedSymbol[] = [];
    const shape = this.shape(o.file);
    for (const m of shape?.mixins ?? []) if (m.target === o.name) for (const s of this.sourceObjects(o.file, m.source)) mixed.push(...this.members(s));
    // Re-exported members: `exports.parseBody = parsers.parseBody` also shows parsers' definition.
    if (o.name === EXPORTS) {
      for (const r of shape?.reExports ?? []) {
        const [base, ...path] = r.source.split('.');
        for (const s of this.sourceObjects(o.file, base!)) {
          const target = path.length ? this.memberNamed(s, path[path.length - 1]!) : undefined;
          if (target) mixed.push(target);
        }
      }
    }
    this.visiting.delete(key);
    return [...own, ...mixed];
  }

  private memberNamed(o: JsObject, name: string): NamedSymbol | undefined {
    return this.members(o).find((n) => n.sym.name === name) ?? (this.names.byFile.get(o.file) ?? []).find((n) => n.sym.name === name && !n.sym.container);
  }

  /** The objects behind `o.link`: a nested object literal (`o.link = {…}`), or a re-exported module. */
  memberObjects(o: JsObject, link: string): JsObject[] {
    const prefix = o.name === EXPORTS || o.name === MODULE_EXPORTS ? '' : `${o.name}.`;
    const out: JsObject[] = [{ file: o.file, name: `${prefix}${link}` }];
    if (!prefix) out.push({ file: o.file, name: `${EXPORTS}.${link}` }, { file: o.file, name: `${MODULE_EXPORTS}.${link}` });
    for (const r of this.shape(o.file)?.reExports ?? []) if (!prefix && r.name === link) out.push(...this.sourceObjects(o.file, r.source));
    return out;
  }

  /** Objects with members named `name` (or `owner.name`, or a constructor `Name`) in JavaScript files. */
  objectsNamed(name: string, owner?: string): JsObject[] {
    const wanted = new Set([name, name.charAt(0).toUpperCase() + name.slice(1), ...(owner ? [`${owner}.${name}`] : [])]);
    const counts = new Map<string, { file: string; name: string; n: number }>();
    for (const w of wanted) {
      for (const h of this.index.symbols(w, { limit: 40 })) {
        if (!/\.[cm]?jsx?$/.test(h.path)) continue;
        const key = `${h.path}\0${w}`;
        if (!counts.has(key)) counts.set(key, { file: h.path, name: w, n: 0 });
      }
    }
    for (const [key, c] of counts) {
      c.n = (this.names.byFile.get(c.file) ?? []).filter((n) => n.sym.container === c.name).length;
      if (!c.n) counts.delete(key);
    }
    // Objects with members by assignment anywhere: `res.send = …` with no `res` declared in that file.
    for (const n of this.containersNamed(wanted)) {
      const key = `${n.file}\0${n.sym.container}`;
      if (!counts.has(key)) counts.set(key, { file: n.file, name: n.sym.container!, n: 1 });
    }
    return [...counts.values()].sort((a, b) => b.n - a.n).map(({ file, name }) => ({ file, name }));
  }

  private containersNamed(wanted: ReadonlySet<string>): NamedSymbol[] {
    const table = containerTable(this.index, this.names, this.file);
    return [...wanted].flatMap((w) => table.get(w) ?? []);
  }

  /**
   * In how many files `name` is defined as a member. From the name table, not the index's symbol search:
   * the fallback asks it for every method of the nearby modules, keystroke after keystroke.
   */
  definingFiles(name: string): number {
    const files = new Set<string>();
    for (const n of this.names.named(name)) if (n.sym.container) files.add(n.file);
    return files.size;
  }

  /** The files a `require(spec)` in `file` resolves to. */
  private resolve(file: string, spec: string): string | undefined {
    return this.index.resolvedImports(file).find((r) => r.import.source === spec)?.files[0];
  }

  /** The files behind `const name = require('…')` in `file`. */
  private requireBinding(file: string, name: string): readonly string[] | undefined {
    const lines = this.index.linesOf(file);
    if (!lines) return undefined;
    for (const { import: imp, files } of this.index.resolvedImports(file)) {
      if (files.length && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*require\\s*\\(`).test(lines[imp.line] ?? '')) return files;
    }
    return undefined;
  }
}

/** JavaScript members by their container's name, as one file sees the index (its own edits keep it). */
const containerMemo = new FileScopedMemo<Map<string, NamedSymbol[]>>();

function containerTable(index: CodeIndex, names: SymbolNames, file: string): Map<string, NamedSymbol[]> {
  const memo = containerMemo.for(index, file);
  let table = memo.get('');
  if (!table) {
    table = new Map();
    for (const [f, list] of names.byFile) {
      if (!/\.[cm]?jsx?$/.test(f)) continue;
      for (const n of list) {
        if (!n.sym.container) continue;
        let group = table.get(n.sym.container);
        if (!group) table.set(n.sym.container, (group = []));
        group.push(n);
      }
    }
    memo.set('', table);
  }
  return table;
}

/** Shapes per index, kept while a file's content hash stays. */
const shapes = new WeakMap<CodeIndex, Map<string, { hash: string; shape: ModuleShape }>>();

function shapeOf(index: CodeIndex, file: string): ModuleShape | undefined {
  const entry = index.file(file);
  if (!entry || !/\.[cm]?jsx?$/.test(file)) return undefined;
  let perIndex = shapes.get(index);
  if (!perIndex) shapes.set(index, (perIndex = new Map()));
  const known = perIndex.get(file);
  if (known && known.hash === entry.hash) return known.shape;
  const lines = index.linesOf(file);
  if (!lines) return undefined;
  const shape = moduleShape(lines);
  if (perIndex.size > 2000) perIndex.clear();
  perIndex.set(file, { hash: entry.hash, shape });
  return shape;
}
