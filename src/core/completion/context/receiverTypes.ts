/**
 * What a member access at the cursor is on: `userService.` → the class `UserService` (from a
 * declaration `userService: UserService`, `= new UserService(`, `= UserService(`, or, lacking one,
 * the variable's own name), `this.`/`self.` → the enclosing class's base classes, `ns.` → a module.
 * Read lexically from the document, so it works while the code does not parse.
 */
import * as path from 'node:path';
import type { CodeIndex, SymbolHit } from '../../index/codeIndex';
import type { SymbolKind } from '../../index/model';
import type { CursorContext } from './cursorContext';
import type { ImportBinding } from './importBindings';
import { rustModuleFiles } from './rustModules';
import { symbolNames } from './symbolNames';

export const CONTAINER_KINDS: readonly SymbolKind[] = ['class', 'interface', 'struct', 'trait', 'enum', 'type', 'module'];

export interface ReceiverTarget {
  /** Classes/interfaces whose members the receiver has. */
  readonly containers: SymbolHit[];
  /** Files whose top-level symbols the receiver (a module) has. */
  readonly modules: string[];
}

const SELF = new Set(['this', 'self', 'super', 'cls']);

export function resolveReceiver(index: CodeIndex, file: string, cursor: CursorContext, bindings: ReadonlyMap<string, ImportBinding>): ReceiverTarget | undefined {
  const chain = cursor.receiver;
  if (!chain?.length) return cursor.continuation ? chainReceiver(index, file, cursor.continuation, bindings) : undefined;
  const q = chain[chain.length - 1]!;
  const out: ReceiverTarget = { containers: [], modules: [] };
  if (SELF.has(q) && chain.length === 1) {
    for (const base of baseTypesAt(index, file, cursor.line)) out.containers.push(...containersNamed(index, base, file));
    // Rust: `self.` in an impl block is the impl's type (its methods in other files of the folder).
    const owner = file.endsWith('.rs') ? index.symbolAt(file, cursor.line)?.container : undefined;
    if (owner) out.containers.push(...rustImplType(index, owner, file));
    return out;
  }
  const bound = chain.length === 1 ? bindings.get(q) : undefined;
  if (bound?.namespace) {
    out.modules.push(...bound.files);
    return out;
  }
  if (bound) {
    out.containers.push(...containersNamed(index, q, file, bound.files));
    if (!out.containers.length) out.modules.push(...bound.files);
    return out;
  }
  // Rust: `printer::` / `grep::printer::` is a module path (a lowercase segment before `::`).
  if (file.endsWith('.rs') && /::\s*\w*$/.test(cursor.linePrefix)) {
    const modules = rustModuleFiles(symbolNames(index), q, file);
    if (modules.length) {
      out.modules.push(...modules);
      return out;
    }
  }
  const before = cursor.lines.slice(0, cursor.line).join('\n') + '\n' + cursor.linePrefix;
  const after = cursor.lines.slice(cursor.line + 1).join('\n');
  const type = declaredType(q, before, file) ?? declaredType(q, after, file);
  if (type) out.containers.push(...containersNamed(index, type, file, bindings.get(type)?.files));
  if (!out.containers.length) out.containers.push(...containersNamed(index, q, file));
  if (!out.containers.length) {
    // `make(…).`: the function's declared return type (`): Promise<T>`, `-> T`).
    const fn = index.symbols(q, { kinds: ['function', 'method'], limit: 5 }).find((s) => s.path !== file);
    const ret = fn && /(?:\)\s*:\s*|->\s*)(?:Promise<)?([A-Z][\w$]*)/.exec(fn.signature)?.[1];
    if (ret) out.containers.push(...containersNamed(index, ret, file));
  }
  if (!out.containers.length) out.containers.push(...containersByMemberUse(index, file, chain, cursor.lines.join('\n')));
  if (!out.containers.length) {
    // No declaration in sight: the variable's name often is its type's (userService → UserService).
    const pascal = q.replace(/^_+/, '').replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
    out.containers.push(...containersNamed(index, pascal, file, undefined, true));
  }
  return out;
}

/** The type an impl block in `file` is for: defined in this file, else in its module folder, else few places. */
function rustImplType(index: CodeIndex, name: string, file: string): SymbolHit[] {
  const all = index.symbols(name, { kinds: CONTAINER_KINDS, limit: 20 });
  const own = all.filter((s) => s.path === file);
  if (own.length) return own;
  const dir = path.dirname(file);
  const near = all.filter((s) => path.dirname(s.path) === dir);
  return near.length ? near : all.length <= 3 ? all : [];
}

/**
 * A builder chain continued on the cursor's line: the type its head names (`Command::new(`,
 * `new Request.Builder(`, `Foo.builder(`), else the type whose members the chain has called.
 */
function chainReceiver(index: CodeIndex, file: string, chain: NonNullable<CursorContext['continuation']>, bindings: ReadonlyMap<string, ImportBinding>): ReceiverTarget | undefined {
  const containers = chain.head ? containersNamed(index, chain.head, file, bindings.get(chain.head)?.files) : [];
  if (!containers.length && chain.members.length) containers.push(...containersByMembers(index, file, chain.members));
  return containers.length ? { containers, modules: [] } : undefined;
}

/** The type a declaration of `name` in `text` gives it (the last such declaration wins). */
export function declaredType(name: string, text: string, file = ''): string | undefined {
  const n = name.replace(/\$/g, '\\$');
  const T = '([A-Z][\\w$]*(?:\\.[A-Z][\\w$]*)*)';
  const at = `(?<![\\w$])${n}`; // also `this.name`, `self.name`, `private readonly name`
  const patterns = [
    new RegExp(`${at}\\s*[?!]?\\s*:\\s*(?:readonly\\s+)?${T}`, 'g'), // TS/Python annotations, fields, parameters
    new RegExp(`${at}\\s*(?::[^=\\n]*)?:?=\\s*(?:await\\s+)?(?:new\\s+)?&?(?:[a-z_$][\\w$]*\\.)*${T}\\s*[(<{]`, 'g'), // = new T(, = mod.T(, := &T{
    // `T name` (Java/C#/C++) and `name T` (Go) only in those languages: elsewhere they match prose.
    ...(/\.(java|cs|c|cc|cpp|h|hpp|kt|scala)$/.test(file) ? [new RegExp(`\\b${T}(?:<[^>\\n]*>)?\\s+${n}\\s*[=;,)]`, 'g')] : []),
    ...(file.endsWith('.go') ? [new RegExp(`\\b${n}\\s+\\*?${T}\\b`, 'g')] : []),
    // Rust: `x: &'a mut path::T`, `let x = path::T::new(`
    ...(file.endsWith('.rs') ? [
      new RegExp(`${at}\\s*:\\s*&?(?:'\\w+\\s+)?(?:mut\\s+)?(?:dyn\\s+|impl\\s+)?(?:\\w+::)*${T}`, 'g'),
      new RegExp(`${at}\\s*(?::[^=\\n]*)?=\\s*&?(?:mut\\s+)?(?:\\w+::)*${T}::\\w+\\s*[(<]`, 'g'),
    ] : []),
  ];
  let best: { at: number; type: string } | undefined;
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      if (!best || m.index > best.at) best = { at: m.index, type: m[1]!.split('.').pop()! };
    }
  }
  return best?.type;
}

/** Container symbols named `name` outside `file`, those in `prefer` (import targets) first. */
export function containersNamed(index: CodeIndex, name: string, file: string, prefer?: readonly string[], ignoreCase = false): SymbolHit[] {
  if (!name) return [];
  if (prefer?.length) {
    const preferred = index.symbols(name, { kinds: CONTAINER_KINDS, ignoreCase, limit: 20, where: (p) => p !== file && prefer.includes(p) });
    if (preferred.length) return preferred;
  }
  const hits = index.symbols(name, { kinds: CONTAINER_KINDS, ignoreCase, limit: 20, where: (p) => p !== file });
  return hits.length <= 3 ? hits : [];
}

/**
 * Duck typing: the classes that define the members this file already uses on the same receiver
 * (`msg.get_payload()`, `msg.attach(…)` → Message). Two or more members agreeing pick the type; one
 * member picks it only when few classes define that name.
 */
export function containersByMemberUse(index: CodeIndex, file: string, chain: readonly string[], text: string): SymbolHit[] {
  const receiver = chain.map((p) => p.replace(/\$/g, '\\$')).join('\\s*\\.\\s*');
  const members = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${receiver}\\s*\\.\\s*([A-Za-z_$][\\w$]*)`, 'g'))) members.add(m[1]!);
  return containersByMembers(index, file, [...members]);
}

/** The classes defining the most of `members` (see containersByMemberUse). */
export function containersByMembers(index: CodeIndex, file: string, used: readonly string[]): SymbolHit[] {
  const members = new Set(used);
  const votes = new Map<string, { count: number; owners: number; hits: SymbolHit[] }>();
  for (const name of [...members].slice(0, 24)) {
    const defs = index.symbols(name, { limit: 40 }).filter((d) => d.container && d.path !== file);
    const owners = new Set(defs.map((d) => `${d.path}\0${d.container}`));
    for (const key of owners) {
      const v = votes.get(key) ?? { count: 0, owners: Infinity, hits: [] };
      v.count++;
      v.owners = Math.min(v.owners, owners.size);
      votes.set(key, v);
    }
  }
  const ranked = [...votes].filter(([, v]) => v.count >= 2 || v.owners <= 2).sort((a, b) => b[1].count - a[1].count || a[1].owners - b[1].owners);
  const best = ranked[0]?.[1].count;
  const out: SymbolHit[] = [];
  for (const [key, v] of ranked) {
    if (v.count < (best ?? 0) || out.length >= 3) break;
    const [path, name] = key.split('\0') as [string, string];
    out.push(...index.symbols(name, { kinds: CONTAINER_KINDS }).filter((s) => s.path === path));
  }
  return out;
}

/** Base classes/interfaces named in a class's declaration head (`extends A implements B`, `class C(A, B):`). */
export function baseNames(signature: string): string[] {
  const heritage = /\b(?:extends|implements)\s+(.+)$/.exec(signature)?.[1] ?? /^\s*class\s+\w+\s*\((.*)\)/.exec(signature)?.[1] ?? '';
  return [...heritage.replace(/<[^>]*>/g, '').matchAll(/[A-Za-z_$][\w$.]*/g)]
    .map((m) => m[0].split('.').pop()!)
    .filter((n) => n !== 'implements' && n !== 'extends' && n !== 'object' && n !== 'metaclass');
}

/** Base classes/interfaces of the class around `line`, from its declaration head. */
export function baseTypesAt(index: CodeIndex, file: string, line: number): string[] {
  let cls: { startLine: number; endLine: number; signature: string } | undefined;
  for (const s of index.symbolsInFile(file)) {
    if ((s.kind === 'class' || s.kind === 'struct' || s.kind === 'interface') && s.startLine <= line && line <= s.endLine && (!cls || s.startLine >= cls.startLine)) cls = s;
  }
  return cls ? baseNames(cls.signature) : [];
}
