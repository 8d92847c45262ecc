/**
 * The names a file's import statements bind, each with the workspace files it comes from: named
 * imports (`import { A }`, `from m import a`), namespaces and modules (`import * as ns`, `import m`,
 * `const m = require('./m')`, `from . import m`, a Go package by its alias or clause), so `ns.` at the
 * cursor can list the module's symbols.
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import { FileScopedMemo } from './fileScopedMemo';
import { goImportName } from './packageScope';
import { keptIn } from '../../keptIn';

export interface ImportBinding {
  readonly name: string;
  readonly files: readonly string[];
  /** The name stands for a whole module (its members are the module's top-level symbols). */
  readonly namespace: boolean;
}

export function importBindings(index: CodeIndex, file: string, lines: readonly string[]): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  const put = (name: string, files: readonly string[], namespace: boolean) => {
    if (name && !out.has(name)) out.set(name, { name, files, namespace });
  };
  const family = languageFamily(file);
  for (const { import: imp, files: resolved } of index.resolvedImports(file)) {
    if (!resolved.length) continue;
    const files = resolved.map((f) => sameFamilyTwin(index, f, family));
    if (file.endsWith('.java')) {
      // `import a.b.C;` binds C, `import static a.b.C.m;` binds m (to C's file); a wildcard binds nothing by name.
      if (imp.flavor !== 'wildcard') put(imp.source.split('.').pop() ?? '', files, false);
      continue;
    }
    if (family === 'go') {
      const name = goImportName(lines[imp.line] ?? '', imp.source, files, index);
      if (name) put(name, files, true);
      continue;
    }
    const text = statementText(lines, imp.line);
    for (const name of imp.names ?? []) {
      if (name === '*') continue;
      // `import * as ns`, or `from pkg import mod` where the name is a module file of its own.
      const ns = new RegExp(`\\*\\s+as\\s+${escape(name)}\\b`).test(text);
      // Python only: in TS/JS `import { path } from './path'` names an export, not the module.
      const moduleFile = family === 'py' ? files.find((f) => moduleName(f) === name) : undefined;
      if (ns) put(name, withReExports(index, files, family, file), true);
      else if (moduleFile) put(name, [moduleFile], true);
      else put(name, files, false);
    }
    if (imp.names?.length) continue;
    const req = /(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(/.exec(text);
    const destructured = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(/.exec(text);
    const pyAs = /^\s*import\s+[\w.]+\s+as\s+(\w+)/.exec(text);
    const pyPlain = /^\s*import\s+([\w]+)[\w.]*\s*$/.exec(text);
    const tsDefault = /^\s*import\s+([\w$]+)\s*(?:,|from)/.exec(text);
    if (req) put(req[1]!, withReExports(index, files, family, file), true);
    else if (destructured) for (const part of destructured[1]!.split(',')) put((part.split(':').pop() ?? '').trim(), files, false);
    else if (pyAs) put(pyAs[1]!, files, true);
    else if (pyPlain) put(pyPlain[1]!, files, true);
    else if (tsDefault) put(tsDefault[1]!, files, false);
  }
  return out;
}

/** The import statement at `line` (a `require` call may close a destructuring that starts above it). */
function statementText(lines: readonly string[], line: number): string {
  let text = '';
  let depth = 0;
  for (let i = statementStart(lines, line); i < Math.min(lines.length, line + 12); i++) {
    text += `${lines[i]}\n`;
    for (const ch of lines[i]!) {
      if (ch === '(' || ch === '{') depth++;
      else if (ch === ')' || ch === '}') depth--;
    }
    if (depth <= 0) break;
  }
  return text;
}

/** `const {\n a,\n b\n} = require('x')`: the index records the line of the call; the statement starts above. */
export function statementStart(lines: readonly string[], line: number): number {
  if (!/^\s*}[^{]*\brequire\s*\(/.test(lines[line] ?? '')) return line;
  for (let i = line - 1; i >= Math.max(0, line - 60); i--) if (/^\s*(?:const|let|var)\b/.test(lines[i]!)) return i;
  return line;
}

export type LanguageFamily = 'ts' | 'js' | 'py' | 'go' | 'other';

export function languageFamily(file: string): LanguageFamily {
  if (/\.[cm]?tsx?$/.test(file)) return 'ts';
  if (/\.[cm]?jsx?$/.test(file)) return 'js';
  if (/\.pyi?$/.test(file)) return 'py';
  if (file.endsWith('.go')) return 'go';
  return 'other';
}

/**
 * TypeScript resolves `./x.js` to `./x.ts` (or the declaration file beside it): a TS file's import of
 * a `.js` path means the TS twin when the workspace has one.
 */
export function sameFamilyTwin(index: CodeIndex, f: string, family: LanguageFamily): string {
  if (family !== 'ts' || languageFamily(f) !== 'js') return f;
  const base = f.replace(/\.[cm]?jsx?$/, '');
  const ext = /\.([cm]?)jsx?$/.exec(f)?.[1] ?? '';
  for (const c of [`${base}.${ext}ts`, `${base}.d.${ext}ts`, `${base}.tsx`, `${base}.ts`, `${base}.d.ts`]) if (index.file(c)) return c;
  return f;
}

/** Re-export closures seen from a file (they read files from disk; the file's own edits leave them be). */
const reExportMemo = new FileScopedMemo<readonly string[]>();

/**
 * A namespace's files plus what they re-export (`export * from`, `export { x } from`), two levels deep.
 * `from`: the file asking (answers are cached for it while only it changes).
 */
export function withReExports(index: CodeIndex, files: readonly string[], family: LanguageFamily, from?: string): readonly string[] {
  if (from === undefined) return reExportClosure(index, files, family);
  const memo = reExportMemo.for(index, from);
  const key = `${family}\0${files.join('\0')}`;
  let found = memo.get(key);
  if (!found) {
    found = reExportClosure(index, files, family);
    if (!found.includes(from)) memo.set(key, found);
  }
  return found;
}

function reExportClosure(index: CodeIndex, files: readonly string[], family: LanguageFamily): string[] {
  const out = new Set(files);
  let frontier = [...files];
  for (let depth = 0; depth < 2 && frontier.length; depth++) {
    const next: string[] = [];
    for (const f of frontier) {
      const lines = index.linesOf(f);
      if (!lines) continue;
      for (const { import: imp, files: targets } of index.resolvedImports(f)) {
        if (!/^\s*export\b/.test(lines[imp.line] ?? '')) continue;
        for (const t of targets) {
          const twin = sameFamilyTwin(index, t, family);
          if (!out.has(twin)) {
            out.add(twin);
            next.push(twin);
          }
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

/** One module shipped as several files (`x.ts`, `x.d.ts`, `x.d.mts`, `x.js`, `src/x.ts`) shares one key. */
export function twinKey(f: string): string {
  return keptIn(twinKeys, 50_000, f, () => f.replace(/\.d(\.[cm]?ts)$/, '$1').replace(/\.[cm]?[jt]sx?$/, '').replace(/\/src\//, '/'));
}
/** Asked for the same paths on every completion (three regular expressions each). */
const twinKeys = new Map<string, string>();

const moduleName = (f: string): string => {
  const base = path.basename(f).replace(/\.(d\.)?[cm]?[jt]sx?$|\.pyi?$/, '');
  return base === '__init__' || base === 'index' ? path.basename(path.dirname(f)) : base;
};

const escape = (s: string): string => s.replace(/[$]/g, '\\$');
