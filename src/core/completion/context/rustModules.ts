/**
 * Rust module paths: the last segment of `printer::` or `grep::printer::` names a module — a file
 * `printer.rs`, a folder `printer/` (its `mod.rs` and sibling files) or a workspace crate
 * `printer/src/` —; the nearest one to the file being edited is what the path reaches.
 */
import * as path from 'node:path';
import type { SymbolNames } from './symbolNames';

/** Files of one module folder proposed at most (a crate's `src/`). */
const MAX_MODULE_FILES = 60;

export function rustModuleFiles(names: SymbolNames, segment: string, file: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(segment) || segment === 'crate' || segment === 'self' || segment === 'super') return [];
  const groups: string[][] = [];
  for (const [dir, files] of names.byDir) {
    const rs = files.filter((f) => f.endsWith('.rs') && f !== file);
    if (!rs.length) continue;
    const base = path.basename(dir);
    const crate = base === 'src' ? path.basename(path.dirname(dir)).replace(/-/g, '_') : undefined;
    if (base === segment || crate === segment || crate?.endsWith(`_${segment}`)) groups.push(rs.slice(0, MAX_MODULE_FILES));
    const own = rs.find((f) => path.basename(f) === `${segment}.rs`);
    if (own) groups.push([own]);
  }
  if (!groups.length) return [];
  const near = (g: string[]) => sharedSegments(g[0]!, file);
  const best = Math.max(...groups.map(near));
  return groups.filter((g) => near(g) === best).slice(0, 3).flat();
}

function sharedSegments(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}
