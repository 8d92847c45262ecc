/**
 * Source: the remaining uses of names the recent edits removed — a rename, a dropped argument, a
 * replaced call. `foo` → `bar` on one line leaves every other `foo` as a place the user will go next;
 * a name left only on its import is an unused import, as likely next near or far. A name the edit
 * removed only from where an import line imports from (`helpers` in `'./helpers/x.js'`) renamed nothing.
 * In other files only those tied to the edits (ctx.isLinked: importers, imports, tests): a name renamed
 * in one file leaves its namesakes in unrelated files as they were.
 */
import { identifiersOf } from '../identifiers';
import { isImportLine, modulePathNames } from './importLines';
import { findOccurrences } from './occurrences';
import { editSignalsOf, proximity } from './scoring';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_NAMES = 6;

export function renamedIdentifiers(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of editSignalsOf(ctx)) {
    for (const name of s.removed) {
      if (seen.has(name) || seen.size >= MAX_NAMES || onlyInModulePaths(name, s.hunk.oldLines)) continue;
      seen.add(name);
      const found = findOccurrences(ctx, name, { linkedOnly: true });
      // Left only on its import lines, the name's import is now unused: it goes next, however far up.
      const own = found.filter((o) => o.file === ctx.file);
      const unusedImport = own.length > 0 && own.every((o) => isImportLine(ctx.input.lines[o.line]!));
      for (const o of found) {
        const near = unusedImport && o.file === ctx.file ? 1 : proximity(ctx, o.file, o.line);
        out.push({ file: o.file, line: o.line, score: near / (1 + s.age), reason: 'renamed-identifier', detail: name });
      }
    }
  }
  return out;
}

/** Every removed line holding `name` holds it only in an import's module path. */
function onlyInModulePaths(name: string, oldLines: readonly string[]): boolean {
  return oldLines.every((l) => !l.includes(name) || !identifiersOf(l).includes(name) || modulePathNames(l).includes(name));
}
