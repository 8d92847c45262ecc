/**
 * Rust: `mod x;` → x.rs or x/mod.rs beside the declaring module; `use crate::a::b::C` → the deepest
 * module file on that path under the crate's src/ (the folder of the nearest Cargo.toml);
 * `use self::…` and `use super::…` relative to the current module.
 */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

/** The folder where the children of the module defined by `file` live. */
function childDir(file: string): string {
  const base = path.basename(file);
  return base === 'mod.rs' || base === 'lib.rs' || base === 'main.rs' ? path.dirname(file) : file.slice(0, -3);
}

function moduleAt(ctx: ResolveContext, dir: string, segments: readonly string[]): string[] {
  for (let n = segments.length; n >= 1; n--) {
    const base = path.join(dir, ...segments.slice(0, n));
    for (const c of [`${base}.rs`, path.join(base, 'mod.rs')]) if (ctx.hasFile(c)) return [c];
  }
  return [];
}

export function resolveRustImport(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  if (imp.flavor === 'mod') return moduleAt(ctx, childDir(file), [imp.source]);
  const segments = imp.source.split('::').filter((s) => s && s !== '*');
  const head = segments.shift();
  if (head === 'crate') {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if (ctx.readConfig(path.join(dir, 'Cargo.toml')) !== undefined) {
        const src = path.join(dir, 'src');
        const found = moduleAt(ctx, src, segments);
        if (found.length) return found;
        return firstOf(ctx, [path.join(src, 'lib.rs'), path.join(src, 'main.rs')]);
      }
      if (!ctx.roots.some((r) => dir.startsWith(r)) || path.dirname(dir) === dir) return [];
    }
  }
  if (head === 'self') return moduleAt(ctx, childDir(file), segments);
  if (head === 'super') {
    let dir = path.dirname(childDir(file));
    while (segments[0] === 'super') {
      segments.shift();
      dir = path.dirname(dir);
    }
    const found = moduleAt(ctx, dir, segments);
    return found.length ? found : firstOf(ctx, [`${dir}.rs`, path.join(dir, 'mod.rs'), path.join(dir, 'lib.rs'), path.join(dir, 'main.rs')]);
  }
  return [];
}

function firstOf(ctx: ResolveContext, files: readonly string[]): string[] {
  const f = files.find((c) => ctx.hasFile(c));
  return f ? [f] : [];
}
