/**
 * Source: the import a new name needs. When the latest edits start using a name that the file neither
 * defines nor imports (it occurs nowhere else in the file), the user's next stop is often the imports:
 * the candidate is the line after the file's last import.
 */
import { identifiersOf, isMeaningful, wordPattern } from '../identifiers';
import type { Candidate, LocatorContext } from './locatorContext';

const MAX_HUNKS = 2;
/** Imports are at the top: only this many lines are looked at. */
const HEAD_LINES = 300;
const IMPORT = /^\s*(import\b|from\s+[\w.]+\s+import\b|#include\b|using\s+[\w.]+\s*;|use\s+[\w:]+|require\s*\(|(?:const|let|var)\s+.*=\s*require\s*\(|"[\w./-]+"\s*$|[\w.]+\s+"[\w./-]+"\s*$)/;

export function missingImport(ctx: LocatorContext): Candidate[] {
  const lines = ctx.input.lines;
  let lastImport = -1;
  for (let i = 0; i < Math.min(lines.length, HEAD_LINES); i++) if (IMPORT.test(lines[i]!)) lastImport = i;
  if (lastImport < 0) return [];
  // A Go import block or a multi-line import ends a few lines further down.
  let end = lastImport;
  while (end + 1 < lines.length && end - lastImport < 5 && /^\s*[)}\]]|^\s*[\w$]+,?\s*$/.test(lines[end + 1]!)) end++;
  const out: Candidate[] = [];
  for (const s of ctx.signals().slice(0, MAX_HUNKS)) {
    if (s.hunk.file !== ctx.file) continue;
    const names = new Set(s.hunk.newLines.flatMap((l) => identifiersOf(l.replace(/(["'`]).*?\1/g, ''))).filter((n) => isMeaningful(n) && /^[A-Z]/.test(n)));
    for (const name of names) {
      const re = wordPattern(name);
      const known = lines.some((l, i) => !ctx.isMade(ctx.file, i) && l.includes(name) && re.test(l));
      if (known) continue;
      out.push({ file: ctx.file, line: end + 1, score: 1 / (1 + s.age), reason: 'missing-import', detail: name });
      break;
    }
  }
  return out;
}
