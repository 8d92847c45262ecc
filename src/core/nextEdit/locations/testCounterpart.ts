/**
 * Source: the test of the code just edited, or the code a just-edited test covers (testFiles.ts says
 * which file is which). In a test file the places are the tests named after the edited function and
 * the line after the last of them, where a new test goes; in a code file, the definitions of the
 * functions the test edit started or stopped using. Symbols come from the
 * index; only the counterpart's own lines are read.
 */
import type { SymbolInfo } from '../../index/model';
import { meaningfulIdentifiers } from '../identifiers';
import type { HistoryHunk } from '../types';
import type { Candidate, LocatorContext } from './locatorContext';
import { counterpartFiles, isTestFile } from './testFiles';

/** History files looked at, newest first. */
const MAX_FILES = 2;
/** Definitions proposed per code file. */
const MAX_DEFINITIONS = 2;
const CALLABLE: ReadonlySet<string> = new Set(['function', 'method']);

export function testCounterpart(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const out: Candidate[] = [];
  const files = ctx.historyFiles().slice(0, MAX_FILES);
  let all: readonly string[] | undefined;
  files.forEach((file, age) => {
    const hunks = ctx.recent.filter((h) => h.file === file);
    const decay = 1 / (1 + age);
    for (const other of counterpartFiles(file, (all ??= index.filePaths()))) {
      if (!ctx.isCodeLike(other)) continue;
      const lines = ctx.linesOf(other);
      if (!lines) continue;
      const symbols = index.symbolsInFile(other);
      const found = isTestFile(other) ? testsOf(editedNames(ctx, file, hunks), other, lines, symbols) : definitionsOf(hunks, other, symbols);
      for (const c of found) if (!ctx.isMade(c.file, c.line)) out.push({ ...c, score: c.score * decay });
    }
  });
  return out;
}

/** The functions and methods the hunks changed (innermost first), then the names they added. */
function editedNames(ctx: LocatorContext, file: string, hunks: readonly HistoryHunk[]): string[] {
  const symbols = ctx.input.index?.symbolsInFile(file) ?? [];
  const names = new Set<string>();
  for (const h of hunks) {
    const end = h.newStart + Math.max(0, h.newLines.length - 1);
    const around = symbols.filter((s) => CALLABLE.has(s.kind) && s.startLine <= end && h.newStart <= s.endLine).sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
    for (const s of around) names.add(s.name);
    // A new member names itself on its added lines (the symbol may not span the hunk's edge).
    for (const s of symbols) if (CALLABLE.has(s.kind) && s.nameLine >= h.newStart && s.nameLine <= end) names.add(s.name);
  }
  return [...names].filter((n) => n.length >= 3);
}

/** In a test file: the tests named after `names`, and the line after the last of them (where a new test goes). */
function testsOf(names: readonly string[], file: string, lines: readonly string[], symbols: readonly SymbolInfo[]): Candidate[] {
  const tests = symbols.filter((s) => CALLABLE.has(s.kind) && s.endLine > s.startLine);
  for (const name of names.slice(0, 3)) {
    const lower = name.toLowerCase();
    const named = tests.filter((t) => t.name.toLowerCase().includes(lower));
    if (!named.length) continue;
    // Only the last test of the function and the line after it: a test file holds many tests, and a
    // flood of them would push the cursor file's own places down.
    const last = named.reduce((a, t) => (t.endLine > a.endLine ? t : a));
    const out: Candidate[] = [{ file, line: last.nameLine, score: 0.9, reason: 'test-counterpart', detail: name }];
    if (last.endLine + 1 < lines.length) out.push({ file, line: last.endLine + 1, score: 1, reason: 'test-counterpart', detail: `after ${last.name}` });
    return out;
  }
  return [];
}

/** In a code file: the definitions of the names a test edit added or removed (the API it tests). */
function definitionsOf(hunks: readonly HistoryHunk[], file: string, symbols: readonly SymbolInfo[]): Candidate[] {
  const changed = new Set<string>();
  for (const h of hunks) {
    const before = new Set(meaningfulIdentifiers(h.oldLines));
    const after = new Set(meaningfulIdentifiers(h.newLines));
    for (const n of before) if (!after.has(n)) changed.add(n);
    for (const n of after) if (!before.has(n)) changed.add(n);
  }
  return symbols.filter((s) => changed.has(s.name) && CALLABLE.has(s.kind)).slice(0, MAX_DEFINITIONS).map((s) => ({ file, line: s.nameLine, score: 1, reason: 'test-counterpart' as const, detail: s.name }));
}
