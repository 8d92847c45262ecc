/**
 * Source: the import a new name needs. When the latest edits start using a name that the file neither
 * defines nor imports (it occurs nowhere else in the file), the user's next stop is often the imports:
 * the candidate is the line where the new import goes: its sorted place among the file's imports of
 * the same kind (relative or package, static or not, Go's standard or not) when those are sorted, else
 * the line after the last of them. The module is the one other files import the name from, or the file
 * defining it, or in Go the package the edit names (`sync.Mutex`); a name the index places nowhere is a
 * builtin or the file's own and needs no import. Without an index: the line after the last import. The
 * region does not lean toward the imports (the edit that needs the import is where the user is).
 */
import path from 'node:path';
import { identifiersOf, isMeaningful, searchToken, wordPattern } from '../identifiers';
import { isImportLine } from './importLines';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_HUNKS = 2;
/** Imports are at the top: only this many lines are looked at. */
const HEAD_LINES = 300;
/** Definitions of a name looked at to find its module. */
const MAX_DEFINITIONS = 4;
/** Index chunks holding the name looked in for another file's import of it. */
const MAX_IMPORTING_CHUNKS = 40;
/** Other files read for an import of the name. */
const MAX_IMPORTING_FILES = 8;

/** One import statement: its lines and the module it names (as written: `./a.js`, `java.util.List`, `.core`). */
export interface ImportStatement {
  readonly start: number;
  readonly end: number;
  readonly module?: string;
  readonly isStatic: boolean;
}

export function missingImport(ctx: LocatorContext): Candidate[] {
  const lines = ctx.input.lines;
  const imports = importStatements(lines);
  if (!imports.length) return [];
  const out: Candidate[] = [];
  const facts = ctx.factsOf(lines);
  const isOld = (i: number) => !ctx.isMade(ctx.file, i);
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    if (s.hunk.file !== ctx.file) continue;
    const names = new Set(s.hunk.newLines.flatMap((l) => identifiersOf(l.replace(/(["'`]).*?\1/g, ''))).filter((n) => isMeaningful(n) && /^[A-Z]/.test(n)));
    for (const name of names) {
      // The document's name map (kept across keystrokes) says where the name is, without a scan of every line.
      const at = facts.linesWithName(name);
      const re = at ? undefined : wordPattern(name);
      const known = at ? at.some(isOld) : lines.some((l, i) => isOld(i) && l.includes(name) && re!.test(l));
      if (known) continue;
      const go = ctx.file.endsWith('.go');
      const module = go ? goPackageOf(s.hunk.newLines, name) : importedAs(ctx, name) ?? moduleOf(ctx, name);
      // A name the index can place nowhere needs no import: a builtin (`Map`, `Exception`) or the file's own.
      if (module === undefined && ctx.input.index) continue;
      out.push({ file: ctx.file, line: importPlace(imports, module, go), score: 1 / (1 + s.age), reason: 'missing-import', detail: name, hint: false });
      break;
    }
  }
  return out;
}

/** The file's import statements in its first lines, a multi-line one (`import {` … `} from 'x'`) as one. */
export function importStatements(lines: readonly string[]): ImportStatement[] {
  const out: ImportStatement[] = [];
  const head = Math.min(lines.length, HEAD_LINES);
  for (let i = 0; i < head; i++) {
    const line = lines[i]!;
    if (!isImportLine(line)) continue;
    if (/^\s*import\s*\($/.test(line.trimEnd())) continue; // a Go import block: its lines are the statements
    // A brace or parenthesis left open (`import {`, `from x import (`) closes a few lines down.
    let end = i;
    for (let open = depth(line); open > 0 && end + 1 < lines.length && end - i < 50; ) open += depth(lines[++end]!);
    const text = lines.slice(i, end + 1).join('\n');
    const module = moduleIn(text);
    out.push({ start: i, end, module, isStatic: /^\s*import\s+static\b/.test(line) });
    i = end;
  }
  return out;
}

const depth = (line: string) => (line.match(/[{(]/g)?.length ?? 0) - (line.match(/[})]/g)?.length ?? 0);

function moduleIn(text: string): string | undefined {
  return (
    /^\s*from\s+([\w.]+)\s+import\b/.exec(text)?.[1] ??
    /^\s*import\s+(?:static\s+)?([\w.*]+)\s*;/.exec(text)?.[1] ??
    /^\s*import\s+([\w.]+)\s*$/.exec(text)?.[1] ??
    /["']([^"'\s]+)["']\s*\)?\s*;?\s*$/.exec(text)?.[1]
  );
}

/**
 * Where an import of `module` goes: among the statements of its kind, before the first that sorts after
 * it when they are sorted, else after the last of them; after the last import when the module is unknown.
 */
export function importPlace(imports: readonly ImportStatement[], module: string | undefined, go = false): number {
  const last = imports[imports.length - 1]!;
  if (module === undefined) return last.end + 1;
  const kindOf = (m: string, isStatic: boolean) => (go ? goKind(m) : `${isStatic ? 'static ' : ''}${m.startsWith('.') ? 'relative' : 'package'}`);
  const kind = kindOf(module, false);
  const same = imports.filter((s) => s.module !== undefined && kindOf(s.module, s.isStatic) === kind);
  if (!same.length) return last.end + 1;
  const mods = same.map((s) => s.module!);
  for (const compare of [ascii, caseless]) {
    if (!mods.every((m, i) => i === 0 || compare(mods[i - 1]!, m) <= 0)) continue;
    const after = same.find((s) => compare(s.module!, module) > 0);
    return after ? after.start : same[same.length - 1]!.end + 1;
  }
  return same[same.length - 1]!.end + 1;
}

/** Go groups the standard packages (no domain in the path: `fmt`, `net/http`) apart from the others. */
const goKind = (module: string) => (module.split('/')[0]!.includes('.') ? 'package' : 'standard');
const ascii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const caseless = (a: string, b: string) => ascii(a.toLowerCase(), b.toLowerCase());

/**
 * The module other files import `name` from, where they name it by package (`com.google.common.base.Throwables`,
 * `from black.nodes import Leaf`, `from 'zod'`), not by a path relative to themselves.
 */
function importedAs(ctx: LocatorContext, name: string): string | undefined {
  const index = ctx.input.index;
  const token = searchToken(name);
  if (!index || !token) return undefined;
  const re = wordPattern(name);
  const ext = path.extname(ctx.file);
  let read = 0;
  for (const c of index.chunksWithToken(token, MAX_IMPORTING_CHUNKS).chunks) {
    if (c.path === ctx.file || c.startLine >= HEAD_LINES || path.extname(c.path) !== ext) continue;
    if (++read > MAX_IMPORTING_FILES) break;
    const lines = ctx.linesOf(c.path);
    if (!lines) continue;
    for (const st of importStatements(lines.slice(0, Math.min(c.endLine + 1, HEAD_LINES)))) {
      if (st.module === undefined || st.module.startsWith('.') || st.end < c.startLine) continue;
      const text = lines.slice(st.start, st.end + 1).join('\n');
      if (text.includes(name) && re.test(text)) return st.module;
    }
  }
  return undefined;
}

/** A Go name's package as the edit spells it (`sync.Mutex` → `sync`): a standard package's path is its name (a path's last part, `http` of `net/http`, sorts near enough). */
function goPackageOf(newLines: readonly string[], name: string): string | undefined {
  for (const l of newLines) {
    const m = new RegExp(`(?<![\\w$.])([a-z][a-z0-9]*)\\.${name}(?![\\w$])`).exec(l);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * The module an import of `name` would name, written as the file's imports write theirs: the defining
 * file relative to the cursor's (`./money`), its dotted path (`pkg.money`, `.money` when the file's
 * imports are relative), or its package and the name (`com.acme.Money`). Undefined when the index knows
 * no definition outside the file, or for languages whose imports name no file (Go: a package's folder).
 */
function moduleOf(ctx: LocatorContext, name: string): string | undefined {
  const index = ctx.input.index;
  if (!index) return undefined;
  const def = index.symbols(name, { limit: MAX_DEFINITIONS }).find((d) => d.path !== ctx.file)?.path;
  if (!def) return undefined;
  const ext = path.extname(ctx.file);
  if (/^\.[cm]?[jt]sx?$/.test(ext)) {
    const rel = path.relative(path.dirname(ctx.file), def).split(path.sep).join('/').replace(/\.[cm]?[jt]sx?$/, '');
    return rel.startsWith('.') ? rel : `./${rel}`;
  }
  if (ext === '.py') {
    if (path.dirname(def) === path.dirname(ctx.file) && ctx.input.lines.some((l) => /^\s*from\s+\.\w/.test(l))) return `.${path.basename(def, '.py')}`;
    const root = index.roots().find((r) => def.startsWith(r + path.sep));
    return root ? path.relative(root, def).replace(/\.py$/, '').replace(/^src\//, '').split(path.sep).join('.') : undefined;
  }
  if (ext === '.java' || ext === '.kt') {
    const pkg = ctx.linesOf(def)?.slice(0, 50).map((l) => /^\s*package\s+([\w.]+)/.exec(l)?.[1]).find(Boolean);
    return pkg ? `${pkg}.${name}` : undefined;
  }
  return undefined;
}
