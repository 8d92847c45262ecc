/**
 * Source: the remaining uses of names the recent edits removed — a rename, a dropped argument, a
 * replaced call. `foo` → `bar` on one line leaves every other `foo` as a place the user will go next.
 * In other files only those tied to the edits (ctx.isLinked: importers, imports, tests): a name renamed
 * in one file leaves its namesakes in unrelated files as they were.
 */
import { findOccurrences } from './occurrences';
import { editSignalsOf, proximity } from './scoring';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_NAMES = 6;

export function renamedIdentifiers(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of editSignalsOf(ctx)) {
    for (const name of s.removed) {
      if (seen.has(name) || seen.size >= MAX_NAMES) continue;
      seen.add(name);
      for (const o of findOccurrences(ctx, name, { linkedOnly: true })) {
        out.push({ file: o.file, line: o.line, score: proximity(ctx, o.file, o.line) / (1 + s.age), reason: 'renamed-identifier', detail: name });
      }
    }
  }
  return out;
}
