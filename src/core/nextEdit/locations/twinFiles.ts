/**
 * Source: the same place in a twin file. Files of one folder named alike (`JsonSerializer.java` ↔
 * `JsonDeserializer.java`, `JsonSyntaxException.java` ↔ `JsonIOException.java`) are mostly written
 * alike, and a change to one is repeated in the other at the same place: the line still holding the
 * edit's old text, else the line the edit is at. The folder's files come from the kept file list
 * (ctx.filesInFolder: no list scanned per request); a twin's lines are the index's.
 */
import * as path from 'node:path';
import type { Candidate, LocatorContext } from './locatorContext';
import { TEST_MARKS } from './relatedFiles';
import { isTestFile } from './testFiles';

/** Only the newest edit is repeated elsewhere: older ones were either repeated already or are not. */
const MAX_HUNKS = 1;
/** Twins looked at per edit, the most alike first (a folder of `*Command.ts` has many: one place, not a carpet). */
const MAX_TWINS = 1;
/** Share of the longer name that the two names' common start and end must cover. */
const MIN_SHARED = 0.6;
/** A twin without the edit's old text is proposed at the edit's own line, with less confidence. */
const SAME_LINE_SCORE = 0.6;

export function twinFiles(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    const h = s.hunk;
    if (!ctx.isCodeLike(h.file)) continue;
    const twins = twinsOf(h.file, ctx.filesInFolder(h.file)).slice(0, MAX_TWINS);
    if (!twins.length) continue;
    const old = h.oldLines.map((l) => l.trim()).find((l) => l.length > 0);
    for (const twin of twins) {
      const lines = ctx.linesOf(twin);
      if (!lines?.length) continue;
      const same = old === undefined ? -1 : lines.findIndex((l) => l.includes(old) && l.trim() === old);
      const line = same >= 0 ? same : Math.min(h.newStart, lines.length - 1);
      if (ctx.isMade(twin, line)) continue;
      out.push({ file: twin, line, score: (same >= 0 ? 1 : SAME_LINE_SCORE) / (1 + s.age), reason: 'twin-file', detail: path.basename(h.file) });
    }
  }
  return out;
}

/** Files of `folderFiles` named like `file` (same extension, both tests or neither), the most alike first. */
export function twinsOf(file: string, folderFiles: readonly string[]): string[] {
  const ext = path.extname(file);
  const name = bareName(file, ext);
  const test = isTestFile(file);
  const found: { file: string; shared: number }[] = [];
  for (const f of folderFiles) {
    if (f === file || path.extname(f) !== ext || isTestFile(f) !== test) continue;
    const shared = sharedShare(name, bareName(f, ext));
    if (shared >= MIN_SHARED) found.push({ file: f, shared });
  }
  return found.sort((a, b) => b.shared - a.shared || a.file.localeCompare(b.file)).map((x) => x.file);
}

/** A file's name without its extension and test marks (`test_asgi.py` and `asgi.py` are both `asgi`: the marks are no likeness). */
const bareName = (file: string, ext: string) => path.basename(file, ext).replace(TEST_MARKS, '');

/** The common start and end of two different names, as a share of the longer one. */
function sharedShare(a: string, b: string): number {
  if (a === b) return 0;
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a[p] === b[p]) p++;
  let q = 0;
  while (q < max - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  return (p + q) / Math.max(a.length, b.length);
}
