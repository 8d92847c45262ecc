/**
 * Source: the same block elsewhere in the file. A hunk that replaced several lines at once (two
 * assignments wrapped in a guard, a clone block rewritten, two class attributes annotated) is often one
 * of a few parallel blocks the user changes the same way; a one-line edit's fragment (repeatedEdit.ts)
 * and a single look-alike line (similarLines.ts) cannot see them when each line alone is common. Here a
 * run of lines matching the replaced lines one for one, in order — the same text, or the same shape
 * sharing names (`name = "bash"` / `name = "fish"`) — is a candidate. Runs are looked for from the lines
 * holding the block's names (the file's name map), never by reading the whole file.
 */
import { identifiersOf, isMeaningful } from '../identifiers';
import type { LineFacts } from './lineFacts';
import { shapeOf } from './lineShape';
import type { Candidate, LocatorContext } from './locatorContext';
import { ownFileSignals, proximity, strongest } from './scoring';

/** Hunks of the history looked at, newest first. */
const MAX_HUNKS = 3;
/** Replaced lines (not blank) a block is matched on. */
const MAX_KEY_LINES = 6;
/** Lines holding a name beyond which the name is too common to look from. */
const MAX_ANCHOR_LINES = 120;
/** Lines with a name a run must match, and the sum of their matches (1 the same text, less the same shape). */
const MIN_NAMED_LINES = 2;
const MIN_MATCH = 1.5;
/** The match that counts in full: two lines of the same text and a bit (a long block's part says as much as all of it). */
const FULL_MATCH = 2.5;
/** What a line without names (`}`, `else {`) adds when it is the same text: it holds a run together, it says little. */
const BARE_LINE = 0.25;
const MAX_PER_HUNK = 6;
const MAX_SPAN = 12;

interface KeyLine {
  readonly text: string;
  readonly shape: string;
  readonly names: ReadonlySet<string>;
}

export function repeatedBlock(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  const lines = ctx.input.lines;
  const facts = ctx.factsOf(lines);
  for (const s of ownFileSignals(ctx, MAX_HUNKS)) {
    const h = s.hunk;
    const key = keyLines(h.oldLines);
    if (key.filter((k) => k.names.size).length < MIN_NAMED_LINES) continue;
    const already = alreadyChanged(h.oldLines, h.newLines);
    const runs = new Map<number, { end: number; match: number }>();
    for (const [k, name] of anchors(key, facts)) {
      for (const j of facts.linesWithName(name) ?? []) {
        if (ctx.isMade(ctx.file, j)) continue;
        const run = matchRun(key, k, j, lines, facts, ctx);
        if (!run || runs.has(run.start)) continue;
        if (already && previousText(lines, run.start) === already) continue;
        runs.set(run.start, run);
      }
    }
    const found = [...runs].map(([start, run]): Candidate => ({
      file: ctx.file, line: start, endLine: Math.min(run.end, start + MAX_SPAN - 1),
      score: (Math.min(1, run.match / FULL_MATCH) * proximity(ctx, ctx.file, start)) / (1 + s.age), reason: 'repeated-edit', detail: key[0]!.text,
    }));
    out.push(...strongest(found, MAX_PER_HUNK));
  }
  return out;
}

function keyLines(oldLines: readonly string[]): KeyLine[] {
  return oldLines
    .map((l) => l.trim())
    .filter((l) => l)
    .slice(0, MAX_KEY_LINES)
    .map((text) => ({ text, shape: shapeOf(text), names: new Set(identifiersOf(text).filter(isMeaningful)) }));
}

/** Each key line's names that few lines hold, as [key line, name]: where a parallel block must share a name. */
function anchors(key: readonly KeyLine[], facts: LineFacts): [number, string][] {
  const out: [number, string][] = [];
  key.forEach((k, i) => {
    for (const name of k.names) if ((facts.linesWithName(name)?.length ?? Infinity) <= MAX_ANCHOR_LINES) out.push([i, name]);
  });
  return out;
}

/** How well a file line matches a key line: 1 for the same text, 0.5–1 for the same shape by the names they share, 0 otherwise. */
function lineMatch(k: KeyLine, line: string, shape: () => string): number {
  const text = line.trim();
  if (!k.names.size) return text === k.text ? BARE_LINE : 0;
  if (text === k.text) return 1;
  if (shape() !== k.shape) return 0;
  let shared = 0;
  for (const n of identifiersOf(text)) if (k.names.has(n)) shared++;
  return 0.5 + (0.5 * Math.min(shared, k.names.size)) / k.names.size;
}

/**
 * The run through file line `j` (matched to key line `k`): key lines before and after matched to the
 * file's non-blank lines before and after, as far as they match. Undefined when it is too weak or
 * crosses an edit already made.
 */
function matchRun(key: readonly KeyLine[], k: number, j: number, lines: readonly string[], facts: LineFacts, ctx: LocatorContext): { start: number; end: number; match: number } | undefined {
  let match = lineMatch(key[k]!, lines[j]!, () => facts.shapeAt(j));
  if (!match) return undefined;
  let named = key[k]!.names.size ? 1 : 0;
  let start = j;
  let end = j;
  for (const [dir, from] of [[-1, k - 1], [1, k + 1]] as const) {
    let line = j;
    for (let i = from; i >= 0 && i < key.length; i += dir) {
      line = nextNonBlank(lines, line, dir);
      if (line < 0 || ctx.isMade(ctx.file, line)) break;
      const l = line;
      const m = lineMatch(key[i]!, lines[l]!, () => facts.shapeAt(l));
      if (!m) break;
      match += m;
      if (key[i]!.names.size) named++;
      if (dir < 0) start = l;
      else end = l;
    }
  }
  return named >= MIN_NAMED_LINES && match >= MIN_MATCH ? { start, end, match } : undefined;
}

function nextNonBlank(lines: readonly string[], from: number, dir: -1 | 1): number {
  for (let i = from + dir; i >= 0 && i < lines.length; i += dir) if (lines[i]!.trim()) return i;
  return -1;
}

/**
 * When the new lines hold the old ones after a line of their own (`exitCode = rc; called = true` wrapped
 * in `if !called {`), that line: a block already behind it has been changed.
 */
function alreadyChanged(oldLines: readonly string[], newLines: readonly string[]): string | undefined {
  const o = oldLines.map((l) => l.trim()).filter((l) => l);
  const n = newLines.map((l) => l.trim()).filter((l) => l);
  if (!o.length) return undefined;
  for (let p = 1; p + o.length <= n.length; p++) if (o.every((l, i) => n[p + i] === l)) return n[p - 1];
  return undefined;
}

function previousText(lines: readonly string[], start: number): string | undefined {
  const i = nextNonBlank(lines, start, -1);
  return i < 0 ? undefined : lines[i]!.trim();
}
