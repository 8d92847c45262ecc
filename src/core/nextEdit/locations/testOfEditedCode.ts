/**
 * Source: the test of just-edited code. A change to code is often followed by the matching change to
 * its test, in the test file paired with the code by its language's naming (testFiles.ts: `foo.ts` →
 * `foo.test.ts` / `__tests__/foo.ts`, `foo.go` → `foo_test.go`, `foo.py` → `test_foo.py`, `Foo.java` →
 * `FooTests.java`). Where in it: after the test block that names the edited function or method
 * (`describe`/`it`/`test` titles, `TestName`, `test_name`, `void nameWorks()`), where the next test of
 * it goes, then after the file's last test case (`it`/`test` calls, `Test…`/`test…` functions, `@Test`
 * methods; before the helpers and fixture classes that often close a test file), or the file's end
 * without one; with no naming block, that last place alone (new tests are mostly added
 * last). Each is one span over the block's last lines and the place after them. On the fit cases the
 * lines of the test that use the edit's names were tried as well and were rarely the place (the first
 * use is mostly an import). The pairing goes through the kept stems (ctx.relatedFiles: no file list
 * scanned per request); the test file's lines and symbols are index lookups. The ranking keeps this
 * source below the first places (lowerSlots.ts).
 */
import type { SymbolInfo } from '../../index/model';
import { isMeaningful } from '../identifiers';
import type { HistoryHunk } from '../types';
import type { Candidate, LocatorContext } from './locatorContext';
import { counterpartFiles, isTestFile } from './testFiles';

/** History files looked at, newest first. */
const MAX_FILES = 2;
/** Lines shown for a block's end or the file's end: the block's last lines and the place after it. */
const END_BEFORE = 6;
const END_AFTER = 4;
/** The last test's place's score when a block named the subject (new tests go after that block more often). */
const FILE_END_AFTER_BLOCK = 0.5;
/** Blocks a subject may name and still say which one is its test. */
const MAX_NAMING = 3;

const SUBJECT_KINDS: ReadonlySet<string> = new Set(['function', 'method', 'class', 'interface', 'struct', 'enum', 'type', 'trait']);
const CALLABLE: ReadonlySet<string> = new Set(['function', 'method']);
/** A JS/TS test or suite call with a literal title: `describe('parse', …`, `it.only("…"`, `test.each(…)('…'`. */
const TEST_CALL = /^(\s*)(describe|context|suite|it|test|specify)(?:\.\w+)*\s*\(\s*(['"`])(.*?)\3/;
const CASE_CALL = new Set(['it', 'test', 'specify']);
/** A test function by name (Go's TestX, Python's test_x, JUnit 3's testX) or by annotation (JUnit's @Test, @ParameterizedTest…). */
const TEST_NAME = /^(Test|test)/;
const TEST_ANNOTATION = /@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b/;

/** A test block: its lines and what it says it is about (a title or a function's name). */
interface Block {
  readonly startLine: number;
  readonly endLine: number;
  readonly title: string;
  /** A test case (new tests go after the last one); the others are suites (`describe`), helpers and fixtures. */
  readonly isTest: boolean;
  /** A test case or a suite: what a block's name says is about the code it tests (a helper's name is not). */
  readonly names: boolean;
}

export function testOfEditedCode(ctx: LocatorContext): Candidate[] {
  const index = ctx.input.index;
  if (!index) return [];
  const out: Candidate[] = [];
  ctx.historyFiles().slice(0, MAX_FILES).forEach((file, age) => {
    if (isTestFile(file) || !ctx.isCodeLike(file)) return;
    const tests = counterpartFiles(file, ctx.relatedFiles([file]), index.roots(), 1);
    if (!tests.length) return;
    const hunks = ctx.recent.filter((h) => h.file === file);
    const subjects = editedSymbols(index.symbolsInFile(file), hunks);
    for (const test of tests) {
      const lines = ctx.linesOf(test);
      if (!lines?.length) continue;
      const found = placesIn(lines, blocksOf(lines, index.symbolsInFile(test)), subjects);
      for (const p of found) {
        if (ctx.isMade(test, p.line)) continue;
        out.push({ file: test, line: p.line, endLine: p.endLine, score: p.score / (1 + age), reason: 'test-of-edit', detail: p.detail });
      }
    }
  });
  return out;
}

interface Place {
  readonly line: number;
  readonly endLine: number;
  readonly score: number;
  readonly detail: string;
}

/** Where in a test file the edit's test is: see the header. */
export function placesIn(lines: readonly string[], blocks: readonly Block[], subjects: readonly string[]): Place[] {
  const last = lastTestEnd(blocks) ?? lastCodeLine(lines);
  const endOf = (line: number, score: number, detail: string): Place => ({ line: Math.max(0, line - END_BEFORE), endLine: Math.min(lines.length - 1, line + END_AFTER), score, detail });
  const named = namingBlock(blocks, subjects);
  if (!named) return [endOf(last, 1, 'after the last test')];
  const places = [endOf(named.block.endLine, 1, named.subject)];
  return last - named.block.endLine > END_BEFORE + END_AFTER ? [...places, endOf(last, FILE_END_AFTER_BLOCK, 'after the last test')] : places;
}

/**
 * The block naming the longest subject (the innermost of equals: a `describe` holds several `it`s). A
 * subject named by more than MAX_NAMING blocks says nothing about which (a class every test of its test
 * class names).
 */
function namingBlock(blocks: readonly Block[], subjects: readonly string[]): { block: Block; subject: string } | undefined {
  let best: { block: Block; subject: string } | undefined;
  for (const subject of subjects) {
    const key = normalized(subject);
    if (key.length < 3) continue;
    const naming = blocks.filter((b) => b.names && normalized(b.title).includes(key));
    if (naming.length > MAX_NAMING) continue;
    for (const block of naming) {
      const better = !best || key.length > normalized(best.subject).length || (key.length === normalized(best.subject).length && block.endLine - block.startLine < best.block.endLine - best.block.startLine);
      if (better) best = { block, subject };
    }
  }
  return best;
}

const normalized = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * testBlocks, kept per lines array (the locator cache hands the same array until the file changes: the
 * test file is read on every request while its code is being edited, its lines are scanned once).
 */
const kept = new WeakMap<readonly string[], { symbols: readonly SymbolInfo[]; blocks: Block[] }>();

function blocksOf(lines: readonly string[], symbols: readonly SymbolInfo[]): Block[] {
  const k = kept.get(lines);
  if (k && k.symbols === symbols) return k.blocks;
  const blocks = testBlocks(lines, symbols);
  kept.set(lines, { symbols, blocks });
  return blocks;
}

/** The test file's blocks: its functions and methods (Go, Python, Java…), and its JS/TS test calls with a title. */
export function testBlocks(lines: readonly string[], symbols: readonly SymbolInfo[]): Block[] {
  const annotated = (s: SymbolInfo) => lines.slice(Math.max(0, s.startLine - 1), s.nameLine + 1).some((l) => TEST_ANNOTATION.test(l));
  // A constructor is named after its class (Java's `TestMessagesProvider(…)` in a fixture class): not a test by its name.
  const byName = (s: SymbolInfo) => TEST_NAME.test(s.name) && s.container !== s.name;
  const out: Block[] = symbols.filter((s) => CALLABLE.has(s.kind)).map((s) => ({ startLine: s.startLine, endLine: s.endLine, title: s.name, isTest: byName(s) || annotated(s) })).map((b) => ({ ...b, names: b.isTest }));
  for (let i = 0; i < lines.length; i++) {
    const m = TEST_CALL.exec(lines[i]!);
    if (m) out.push({ startLine: i, endLine: blockEnd(lines, i, m[1]!.length), title: m[4]!, isTest: CASE_CALL.has(m[2]!), names: true });
  }
  return out;
}

/**
 * The line closing a call block opened at `start`: the start itself when the call closes on its line,
 * else the next line as indented as it that closes it (`})`), else the line before one less indented.
 */
function blockEnd(lines: readonly string[], start: number, indent: number): number {
  if (balanced(lines[start]!)) return start;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    const text = l.trimStart();
    if (!text) continue;
    const at = l.length - text.length;
    if (at === indent && /^[)}\]]/.test(text)) return i;
    if (at <= indent) return lastCodeLine(lines, i - 1);
  }
  return lastCodeLine(lines, lines.length - 1);
}

/** Whether a line closes every bracket it opens (string contents aside, which is close enough for a test title's line). */
function balanced(line: string): boolean {
  let depth = 0;
  for (const ch of line) {
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') depth--;
  }
  return depth <= 0;
}

/** The last line of the last test case, if the file has any. */
function lastTestEnd(blocks: readonly Block[]): number | undefined {
  let end: number | undefined;
  for (const b of blocks) if (b.isTest && (end === undefined || b.endLine > end)) end = b.endLine;
  return end;
}

/** The last non-blank line up to `from` (default: the file's last). */
function lastCodeLine(lines: readonly string[], from = lines.length - 1): number {
  let i = from;
  while (i > 0 && !lines[i]!.trim()) i--;
  return i;
}

/**
 * The symbols the hunks fall in (innermost first) or define: what the edit was about. A hunk ending on
 * the line just above a symbol is its doc comment (or decorator), so it is about that symbol too.
 */
export function editedSymbols(symbols: readonly SymbolInfo[], hunks: readonly HistoryHunk[]): string[] {
  const hit = symbols.filter((s) => SUBJECT_KINDS.has(s.kind) && hunks.some((h) => s.startLine <= h.newStart + Math.max(0, h.newLines.length - 1) + 1 && h.newStart <= s.endLine));
  const names = hit.sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine)).map((s) => s.name);
  return [...new Set(names)].filter(isMeaningful);
}
