/**
 * Source: the code a just-edited test covers. A test written or changed for a fix is often followed by
 * the fix: the definition, in the test's subject file (testFiles.ts: `FooTest.java` → `Foo.java`,
 * `foo_test.go` → `foo.go`, `test_foo.py` → `foo.py`, `foo.test.ts` → `foo.ts`), of a function the
 * test edit started or stopped calling — first one the test's own name spells out
 * (`testFormatSplitTimeExceedingIntMillis` → `formatSplitTime`), then the rarest; for the first, also the
 * end of its body when the name's jump does not reach it. The other direction
 * (code edited → its test) was measured on the dev set and left out: the test edit that follows lands
 * on lines no name predicts. Index lookups only: the definitions of each name, then the subject among
 * their files by name; no file list is scanned and no file read.
 */
import type { SymbolInfo } from '../../index/model';
import { isMeaningful } from '../identifiers';
import type { HistoryHunk } from '../types';
import type { Candidate, LocatorContext } from './locatorContext';
import { counterpartFiles, isTestFile } from './testFiles';

/** History files looked at, newest first. */
const MAX_FILES = 2;
/** Definitions proposed per subject file: a test calls many functions, few of them are the one it is about. */
const MAX_DEFINITIONS = 2;
/** Names of one edit looked up, and definitions per name (a name defined in many files is no lead). */
const MAX_NAMES = 32;
const MAX_DEFS_PER_NAME = 40;
const CALLABLE_KINDS = ['function', 'method'] as const;
const CALLABLE: ReadonlySet<string> = new Set(CALLABLE_KINDS);
/**
 * The fix a test asks for goes where the function decides its answer: near its name (the jump around
 * the name line holds the first body lines) or, in a longer function, before its last statements (a new
 * case ahead of the final `return`). The body's end is proposed as a span of its last lines, as strong as
 * the name (the ranking lists the name first), for the best definition only.
 */
const BODY_END_LINES = 8;
/** Body lines the name line's jump already shows (locateNextEdit's JUMP_SHAPE.after). */
const NAME_JUMP_AFTER = 5;

export function testCounterpart(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const out: Candidate[] = [];
  ctx.historyFiles().slice(0, MAX_FILES).forEach((file, age) => {
    if (!isTestFile(file)) return;
    const hunks = ctx.recent.filter((h) => h.file === file);
    const names = changedNames(hunks);
    if (!names.size) return;
    const testNames = index.symbolsInFile(file).filter((s) => CALLABLE.has(s.kind) && hunks.some((h) => s.nameLine >= h.newStart && s.nameLine < h.newStart + h.newLines.length)).map((s) => s.name.toLowerCase());
    const defs = [...names].slice(0, MAX_NAMES).flatMap((n) => definitionsOf(index, n));
    for (const subject of counterpartFiles(file, [...new Set(defs.map((d) => d.path))], index.roots())) {
      if (!ctx.isCodeLike(subject)) continue;
      const own = defs.filter((d) => d.path === subject);
      for (const [rank, s] of rankDefinitions(ctx, own, testNames).slice(0, MAX_DEFINITIONS).entries()) {
        const score = 1 / (1 + rank) / (1 + age);
        if (!ctx.isMade(subject, s.nameLine)) out.push({ file: subject, line: s.nameLine, score, reason: 'test-counterpart', detail: s.name });
        const end = rank === 0 ? bodyEnd(s) : undefined;
        if (end && !ctx.isMade(subject, end.line)) out.push({ file: subject, ...end, score, reason: 'test-counterpart', detail: `end of ${s.name}` });
      }
    }
  });
  return out;
}

/** The last lines of a body longer than the name's jump shows (from the closing line up), or none. */
function bodyEnd(s: SymbolInfo): { line: number; endLine: number } | undefined {
  const line = Math.max(s.nameLine + NAME_JUMP_AFTER + 1, s.endLine - BODY_END_LINES + 1);
  return line < s.endLine ? { line, endLine: s.endLine } : undefined;
}

/**
 * A name's callable definitions, none when it has more than MAX_DEFS_PER_NAME: taking the first few of
 * many would make the answer depend on the order files entered the index (a warm start re-indexes
 * changed files last), and a name that common says nothing about the subject anyway.
 */
function definitionsOf(index: NonNullable<LocatorContext['input']['index']>, name: string) {
  const defs = index.symbols(name, { kinds: CALLABLE_KINDS, limit: MAX_DEFS_PER_NAME + 1 });
  return defs.length > MAX_DEFS_PER_NAME ? [] : defs;
}

/** Functions the hunks started or stopped calling (`name(`), keywords and short names aside. */
function changedNames(hunks: readonly HistoryHunk[]): Set<string> {
  const changed = new Set<string>();
  for (const h of hunks) {
    const before = callsIn(h.oldLines);
    const after = callsIn(h.newLines);
    for (const n of before) if (!after.has(n)) changed.add(n);
    for (const n of after) if (!before.has(n)) changed.add(n);
  }
  return changed;
}

const CALL = /(?<![\w$])([A-Za-z_$][\w$]*)\s*\(/g;

function callsIn(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (const m of l.matchAll(CALL)) if (isMeaningful(m[1]!)) out.add(m[1]!);
  return out;
}

/** Named in a new test's name first (longest first), then the rarest in the index. */
function rankDefinitions(ctx: LocatorContext, defs: readonly SymbolInfo[], testNames: readonly string[]): SymbolInfo[] {
  const seen = new Set<string>();
  const unique = defs.filter((d) => !seen.has(d.name) && seen.add(d.name));
  const named = (d: SymbolInfo) => (testNames.some((t) => t.includes(d.name.toLowerCase())) ? d.name.length : 0);
  return unique.sort((a, b) => named(b) - named(a) || ctx.chunkCount(a.name.toLowerCase()) - ctx.chunkCount(b.name.toLowerCase()) || a.nameLine - b.nameLine);
}
