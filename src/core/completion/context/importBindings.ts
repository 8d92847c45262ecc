/**
 * The names a file's import statements bind, each with the workspace files it comes from: named
 * imports (`import { A }`, `from m import a`), namespaces and modules (`import * as ns`, `import m`,
 * `const m = require('./m')`, `from . import m`), so `ns.` at the cursor can list the module's symbols.
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';

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
  for (const { import: imp, files } of index.resolvedImports(file)) {
    if (!files.length) continue;
    const text = statementText(lines, imp.line);
    for (const name of imp.names ?? []) {
      if (name === '*') continue;
      // `import * as ns`, or `from pkg import mod` where the name is a module file of its own.
      const ns = new RegExp(`\\*\\s+as\\s+${escape(name)}\\b`).test(text);
      const moduleFile = files.find((f) => moduleName(f) === name);
      if (ns) put(name, files, true);
      else if (moduleFile) put(name, [moduleFile], true);
      else put(name, files, false);
    }
    if (imp.names?.length) continue;
    const req = /(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(/.exec(text);
    const destructured = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(/.exec(text);
    const pyAs = /^\s*import\s+[\w.]+\s+as\s+(\w+)/.exec(text);
    const pyPlain = /^\s*import\s+([\w]+)[\w.]*\s*$/.exec(text);
    const tsDefault = /^\s*import\s+([\w$]+)\s*(?:,|from)/.exec(text);
    if (req) put(req[1]!, files, true);
    else if (destructured) for (const part of destructured[1]!.split(',')) put((part.split(':').pop() ?? '').trim(), files, false);
    else if (pyAs) put(pyAs[1]!, files, true);
    else if (pyPlain) put(pyPlain[1]!, files, true);
    else if (tsDefault) put(tsDefault[1]!, files, false);
  }
  return out;
}

/** The import statement starting at `line` (up to 12 lines while brackets are open). */
function statementText(lines: readonly string[], line: number): string {
  let text = '';
  let depth = 0;
  for (let i = line; i < Math.min(lines.length, line + 12); i++) {
    text += `${lines[i]}\n`;
    for (const ch of lines[i]!) {
      if (ch === '(' || ch === '{') depth++;
      else if (ch === ')' || ch === '}') depth--;
    }
    if (depth <= 0) break;
  }
  return text;
}

const moduleName = (f: string): string => {
  const base = path.basename(f).replace(/\.(d\.)?[cm]?[jt]sx?$|\.pyi?$/, '');
  return base === '__init__' || base === 'index' ? path.basename(path.dirname(f)) : base;
};

const escape = (s: string): string => s.replace(/[$]/g, '\\$');
