/**
 * Python: relative imports (`from ..pkg import x`) against the file's package, absolute ones against
 * the workspace root, `src/`, and the folder above the file's top-level package; a module is `m.py`
 * or `m/__init__.py`, and `from pkg import sub` also finds the submodule `pkg/sub.py`.
 */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

function moduleFile(ctx: ResolveContext, base: string): string | undefined {
  for (const c of [`${base}.py`, `${base}.pyi`, path.join(base, '__init__.py')]) if (ctx.hasFile(c)) return c;
  return undefined;
}

export function resolvePyImport(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  const dots = /^\.*/.exec(imp.source)![0].length;
  const dotted = imp.source.slice(dots);
  const parts = dotted ? dotted.split('.') : [];
  const bases: string[] = [];
  if (dots > 0) {
    let dir = path.dirname(file);
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    for (const root of ctx.roots) bases.push(root, path.join(root, 'src'));
    bases.push(packageParent(file, ctx));
  }
  for (const base of bases) {
    const modBase = path.join(base, ...parts);
    const out: string[] = [];
    const mod = parts.length ? moduleFile(ctx, modBase) : ctx.hasFile(path.join(base, '__init__.py')) ? path.join(base, '__init__.py') : undefined;
    if (mod) out.push(mod);
    for (const name of imp.names ?? []) {
      if (name === '*') continue;
      const sub = moduleFile(ctx, path.join(modBase, name));
      if (sub) out.push(sub);
    }
    if (out.length) return [...new Set(out)];
  }
  return [];
}

/** The folder holding the file's top-level package (walk up while __init__.py exists). */
function packageParent(file: string, ctx: ResolveContext): string {
  let dir = path.dirname(file);
  while (ctx.hasFile(path.join(dir, '__init__.py')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
