/**
 * Source: other uses of names the latest edits introduced or moved to (`m.re.caseInsensitivePrefix`
 * added to a condition → the test that sets `caseInsensitivePrefix`), and, for an edited import, the
 * uses of the imported package (`"os"` removed → every `os.` call left in the file). In other files only
 * those tied to the edits (ctx.isLinked): a new name's namesakes in unrelated files are not its uses.
 */
import { findOccurrences } from './occurrences';
import { proximity } from './scoring';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_HUNKS = 2;
const MAX_NAMES = 4;
/** Uses of a name in the file beyond which each counts for SPREAD_LINES / uses. */
const SPREAD_LINES = 10;
const IMPORT_LINE = /^\s*(import\b|from\s+\S+\s+import\b|"[\w./-]+"$|[\w.]+\s+"[\w./-]+"$|use\s|using\s|#include)/;

export function addedNames(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    const names = s.added.filter((n) => !seen.has(n)).sort((a, b) => ctx.chunkCount(a.toLowerCase()) - ctx.chunkCount(b.toLowerCase())).slice(0, MAX_NAMES);
    for (const name of names) {
      seen.add(name);
      const found = findOccurrences(ctx, name, { linkedOnly: true });
      // A name on many lines of the file is read everywhere: any one of its uses is less likely the next.
      const spread = Math.max(1, found.filter((o) => o.file === ctx.file).length / SPREAD_LINES);
      for (const o of found) out.push({ file: o.file, line: o.line, score: proximity(ctx, o.file, o.line) / (1 + s.age) / spread, reason: 'new-symbol-usage', detail: name });
    }
    // Imports: a package's uses are `name.` in the same file, whatever the name's length.
    for (const line of [...s.hunk.oldLines, ...s.hunk.newLines]) {
      if (!IMPORT_LINE.test(line.trim())) continue;
      const pkg = /["']([\w./-]+)["']/.exec(line)?.[1]?.split('/').pop() ?? /import\s+([\w.]+)/.exec(line)?.[1]?.split('.').pop();
      if (!pkg || seen.has(`${pkg}.`)) continue;
      seen.add(`${pkg}.`);
      const re = new RegExp(`(?<![\\w$.])${pkg.replace(/[^\w]/g, '')}\\.`);
      ctx.input.lines.forEach((l, i) => {
        if (!ctx.isMade(ctx.file, i) && re.test(l) && !IMPORT_LINE.test(l.trim())) out.push({ file: ctx.file, line: i, score: proximity(ctx, ctx.file, i), reason: 'new-symbol-usage', detail: pkg });
      });
    }
  }
  return out;
}
