/** C/C++: `#include "x.h"` beside the including file, then in the configured include folders; `<x.h>` only there. */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

export function resolveCInclude(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  const dirs = imp.flavor === 'system' ? [...ctx.includeDirs] : [path.dirname(file), ...ctx.includeDirs, ...ctx.roots];
  for (const dir of dirs) {
    const candidate = path.resolve(dir, imp.source);
    if (ctx.hasFile(candidate)) return [candidate];
  }
  return [];
}
