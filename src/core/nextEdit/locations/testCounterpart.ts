/**
 * Source: the code a just-edited test covers. A test written or changed for a fix is often followed by
 * the fix: the definition, in the test's subject file (testFiles.ts: `FooTest.java` → `Foo.java`,
 * `foo_test.go` → `foo.go`, `test_foo.py` → `foo.py`, `foo.test.ts` → `foo.ts`), of a function the
 * test edit started or stopped calling — first one the test's own name spells out
 * (`testFormatSplitTimeExceedingIntMillis` → `formatSplitTime`), then the rarest. The other direction
 * (code edited → its test) was measured on the dev set and left out: the test edit that follows lands
 * on lines no name predicts. Symbols come from the index; no file is read.
 */
import type { SymbolInfo } from '../../index/model';
import { meaningfulIdentifiers } from '../identifiers';
import type { HistoryHunk } from '../types';
import type { Candidate, LocatorContext } from './locatorContext';
import { counterpartFiles, isTestFile } from './testFiles';

/** History files looked at, newest first. */
const MAX_FILES = 2;
/** Definitions proposed per subject file: a test calls many functions, few of them are the one it is about. */
const MAX_DEFINITIONS = 2;
const CALLABLE: ReadonlySet<string> = new Set(['function', 'method']);

export function testCounterpart(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const out: Candidate[] = [];
  let all: readonly string[] | undefined;
  ctx.historyFiles().slice(0, MAX_FILES).forEach((file, age) => {
    if (!isTestFile(file)) return;
    const hunks = ctx.recent.filter((h) => h.file === file);
    const names = changedNames(hunks);
    if (!names.size) return;
    const testNames = index.symbolsInFile(file).filter((s) => CALLABLE.has(s.kind) && hunks.some((h) => s.nameLine >= h.newStart && s.nameLine < h.newStart + h.newLines.length)).map((s) => s.name.toLowerCase());
    for (const subject of counterpartFiles(file, (all ??= index.filePaths()))) {
      if (!ctx.isCodeLike(subject)) continue;
      const defs = index.symbolsInFile(subject).filter((s) => CALLABLE.has(s.kind) && names.has(s.name));
      for (const [rank, s] of rankDefinitions(ctx, defs, testNames).slice(0, MAX_DEFINITIONS).entries()) {
        if (!ctx.isMade(subject, s.nameLine)) out.push({ file: subject, line: s.nameLine, score: 1 / (1 + rank) / (1 + age), reason: 'test-counterpart', detail: s.name });
      }
    }
  });
  return out;
}

/** Names the hunks added or removed (a call started or stopped). */
function changedNames(hunks: readonly HistoryHunk[]): Set<string> {
  const changed = new Set<string>();
  for (const h of hunks) {
    const before = new Set(meaningfulIdentifiers(h.oldLines));
    const after = new Set(meaningfulIdentifiers(h.newLines));
    for (const n of before) if (!after.has(n)) changed.add(n);
    for (const n of after) if (!before.has(n)) changed.add(n);
  }
  return changed;
}

/** Named in a new test's name first (longest first), then the rarest in the index. */
function rankDefinitions(ctx: LocatorContext, defs: readonly SymbolInfo[], testNames: readonly string[]): SymbolInfo[] {
  const seen = new Set<string>();
  const unique = defs.filter((d) => !seen.has(d.name) && seen.add(d.name));
  const named = (d: SymbolInfo) => (testNames.some((t) => t.includes(d.name.toLowerCase())) ? d.name.length : 0);
  return unique.sort((a, b) => named(b) - named(a) || ctx.chunkCount(a.name.toLowerCase()) - ctx.chunkCount(b.name.toLowerCase()) || a.nameLine - b.nameLine);
}
