/** Go: an import path inside a module of the workspace (go.mod `module` line) → the package folder's files. */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

export function resolveGoImport(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  const mod = moduleOf(path.dirname(file), ctx);
  if (!mod?.module || (imp.source !== mod.module && !imp.source.startsWith(`${mod.module}/`))) return [];
  const pkgDir = path.join(mod.dir, ...imp.source.slice(mod.module.length).split('/').filter(Boolean));
  return ctx.filesInDir(pkgDir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
}

interface GoModule {
  /** The folder holding go.mod. */
  readonly dir: string;
  /** Its `module` path; undefined when go.mod names none. */
  readonly module: string | undefined;
}

/** The module of each folder, per context (a new context comes with any change to the files or configs): a Go file imports many packages, all resolved against the same go.mod. */
const moduleByDir = new WeakMap<ResolveContext, Map<string, GoModule | undefined>>();

/** The nearest go.mod at or above `dir` (within the workspace) and its module path. */
function moduleOf(dir: string, ctx: ResolveContext): GoModule | undefined {
  let byDir = moduleByDir.get(ctx);
  if (!byDir) moduleByDir.set(ctx, (byDir = new Map()));
  if (byDir.has(dir)) return byDir.get(dir);
  let found: GoModule | undefined;
  const gomod = ctx.readConfig(path.join(dir, 'go.mod'));
  if (gomod !== undefined) found = { dir, module: /^\s*module\s+(\S+)/m.exec(gomod)?.[1]?.replace(/^"|"$/g, '') };
  else if (ctx.roots.some((r) => dir.startsWith(r)) && path.dirname(dir) !== dir) found = moduleOf(path.dirname(dir), ctx);
  byDir.set(dir, found);
  return found;
}
