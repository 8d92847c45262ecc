/** Go: an import path inside a module of the workspace (go.mod `module` line) → the package folder's files. */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

export function resolveGoImport(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const gomod = ctx.readConfig(path.join(dir, 'go.mod'));
    if (gomod !== undefined) {
      const module = /^\s*module\s+(\S+)/m.exec(gomod)?.[1]?.replace(/^"|"$/g, '');
      if (!module || (imp.source !== module && !imp.source.startsWith(`${module}/`))) return [];
      const pkgDir = path.join(dir, ...imp.source.slice(module.length).split('/').filter(Boolean));
      return ctx.filesInDir(pkgDir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
    }
    if (!ctx.roots.some((r) => dir.startsWith(r)) || path.dirname(dir) === dir) return [];
  }
}
