// Trial shapes of the editable region (src/core/nextEdit/editableRegion.ts) on kept cases: reads what
// rankingData.ts kept (each case's candidates and the region's input: cursor, syntax nodes, line
// lengths near the cursor), builds the region under each trial rule, ranks the locations around it with
// the real ranking and scores the answer with the harness's own score.mjs. The first row rebuilds the
// shipped region and must match the kept one (it says how many differ). Fit on cases of repositories in
// neither set of bench:next-edit; read the dev set's figures after, and the held-out set's once.
//   npx tsx bench/nextEdit/rankingData.ts --cases … --root … --out DATA.jsonl   (see fitRanking.ts)
//   npx tsx bench/nextEdit/fitRegion.ts DATA.jsonl …
import fs from 'node:fs';
import path from 'node:path';
import { editableRegion, DEFAULT_REGION_BUDGET, type RegionInput } from '../../src/core/nextEdit/editableRegion';
import { JUMP_SHAPE, regionHints } from '../../src/core/nextEdit/locateNextEdit';
import type { Candidate } from '../../src/core/nextEdit/locations/locatorContext';
import { rankLocations, REASON_WEIGHTS } from '../../src/core/nextEdit/locations/rankLocations';
import type { LineSpan } from '../../src/core/nextEdit/types';
import type { RankingCase } from './rankingData';

type Scorer = { scoreCase: (c: unknown, norm: unknown) => { rank: number; inRegion: boolean; regionLines: number | null } };
type Kept = RankingCase & { regionInput: NonNullable<RankingCase['regionInput']> };

/** A trial rule: the region of a kept case (its candidates hold the cursor file's paths as kept). */
type Rule = (c: Kept) => LineSpan;

/** The kept lines as editableRegion reads them: lines out of reach are empty (a region never gets there). */
function linesOf(c: Kept): string[] {
  const r = c.regionInput;
  const out = new Array<string>(r.lineCount).fill('');
  r.lengths.forEach((n, i) => (out[r.from + i] = 'x'.repeat(n)));
  return out;
}

/** The sources' candidates: the kept ones less the nearby windows, which are added after the region (from it). */
const sourced = (c: Kept): Candidate[] => c.candidates.filter((x) => x.reason !== 'nearby');

/** The region as shipped, with the hints (and any other input) a trial changes. */
function shipped(c: Kept, hints: (c: Kept) => number[] = (k) => regionHints(sourced(k), k.cursor.file, k.regionInput.cursorLine), change: Partial<RegionInput> = {}): LineSpan {
  return editableRegion({ file: c.cursor.file, lines: linesOf(c), cursorLine: c.regionInput.cursorLine, ancestors: c.regionInput.ancestors, hints: hints(c), budget: DEFAULT_REGION_BUDGET, ...change });
}

const RULES: Record<string, Rule> = {
  shipped: (c) => shipped(c),
  'no hints': (c) => shipped(c, () => []),
  'no syntax nodes': (c) => shipped(c, undefined, { ancestors: [] }),
  'hints: strong kinds only': (c) => shipped(c, (k) => regionHints(sourced(k).filter((x) => ['renamed-identifier', 'repeated-edit', 'diagnostic', 'similar-code'].includes(x.reason)), k.cursor.file, k.regionInput.cursorLine)),
  ...Object.fromEntries(['new-symbol-usage', 'sibling', 'changed-signature', 'missing-import'].map((r) => [`hints: not ${r}`, (c: Kept) => shipped(c, (k) => regionHints(sourced(k).filter((x) => x.reason !== r), k.cursor.file, k.regionInput.cursorLine))])),
  ...Object.fromEntries([4, 5, 8].map((w) => [`hints: kinds weighing ${w} or more`, (c: Kept) => shipped(c, (k) => regionHints(sourced(k).filter((x) => REASON_WEIGHTS[x.reason] >= w), k.cursor.file, k.regionInput.cursorLine))])),
  "hints: weak sources' too (hint: false ignored)": (c) => shipped(c, (k) => regionHints(sourced(k).map(({ hint: _, ...x }) => x), k.cursor.file, k.regionInput.cursorLine)),
  'hints: not new-symbol-usage nor missing-import': (c) => shipped(c, (k) => regionHints(sourced(k).filter((x) => x.reason !== 'new-symbol-usage' && x.reason !== 'missing-import'), k.cursor.file, k.regionInput.cursorLine)),
  // Each hint counts for its kind's weight (a renamed name's leftover use pulls more than a sibling entry).
  'hints: weighted by kind': (c) => {
    const near = sourced(c).filter((x) => x.file === c.cursor.file && x.reason !== 'recent-edit' && Math.abs(x.line - c.regionInput.cursorLine) <= 40);
    const w = (x: Candidate) => REASON_WEIGHTS[x.reason];
    const total = near.reduce((a, x) => a + w(x), 0);
    const below = near.filter((x) => x.line > c.regionInput.cursorLine).reduce((a, x) => a + w(x), 0);
    return shipped(c, () => [], near.length ? { downShare: (below + 1) / (total + 2) } : {});
  },
  'hints: within 60': (c) => shipped(c, (k) => regionHints(sourced(k), k.cursor.file, k.regionInput.cursorLine, 60)),
  'hints: within 25': (c) => shipped(c, (k) => regionHints(sourced(k), k.cursor.file, k.regionInput.cursorLine, 25)),
  'hints: with the edits made': (c) => shipped(c, (k) => sourced(k).filter((x) => x.file === k.cursor.file && Math.abs(x.line - k.regionInput.cursorLine) <= 40).map((x) => x.line)),
  'hints: the edits made only': (c) => shipped(c, (k) => sourced(k).filter((x) => x.reason === 'recent-edit' && x.file === k.cursor.file && Math.abs(x.line - k.regionInput.cursorLine) <= 40).map((x) => x.line)),
  'hints: the edits made only, away': (c) => shipped(c, (k) => sourced(k).filter((x) => x.reason === 'recent-edit' && x.file === k.cursor.file && Math.abs(x.line - k.regionInput.cursorLine) <= 40).map((x) => 2 * k.regionInput.cursorLine - x.line)),
  // The syntax nodes, then a fill with this share of lines below (no hints).
  ...Object.fromEntries([0.5, 0.6, 0.75, 0.8].map((share) => [`fill share below ${share}`, (c: Kept) => shipped(c, () => [], { downShare: share })])),
  'ceiling: any 40 lines holding the cursor': (c) => {
    const t = c.target;
    if (t.file !== c.cursor.file) return shipped(c);
    const lo = Math.min(t.startLine, c.regionInput.cursorLine);
    const hi = Math.max(t.endLine, c.regionInput.cursorLine);
    return hi - lo + 1 <= 40 ? { file: c.cursor.file, startLine: lo, endLine: hi } : shipped(c);
  },
};

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!files.length) throw new Error('usage: fitRegion.ts DATA.jsonl …');
  const { harnessDir } = (await import(path.join(__dirname, 'harnessDir.mjs'))) as { harnessDir: () => string };
  const score = (await import(path.join(harnessDir(), 'score.mjs'))) as Scorer;
  const cases = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RankingCase)).filter((c): c is Kept => !!c.regionInput);
  const out: Record<string, unknown> = { cases: cases.length, repos: [...new Set(cases.map((c) => c.repo))] };
  for (const [name, rule] of Object.entries(RULES)) {
    let differs = 0;
    const rows = cases.map((c) => {
      const region = rule(c);
      if (region.startLine !== c.region.startLine || region.endLine !== c.region.endLine) differs++;
      const editedFiles = [...c.history.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]!);
      const locations = rankLocations(c.candidates as Candidate[], { region, cursor: { line: c.cursor.line, character: 0 }, editedFiles, limit: 20, ...JUMP_SHAPE, lastLine: (f) => c.lastLines[f] });
      return { c, r: score.scoreCase(c, { region, locations }) };
    });
    const perRepo = Object.fromEntries((out.repos as string[]).map((repo) => [repo, figures(rows.filter((x) => x.c.repo === repo)).mrr10]));
    out[name] = { ...figures(rows), differsFromKept: differs, ...(process.argv.includes('--per-repo') ? { mrrPerRepo: perRepo } : {}) };
  }
  console.log(JSON.stringify(out, null, 1));
}

function figures(rows: readonly { c: Kept; r: { rank: number; inRegion: boolean; regionLines: number | null } }[]) {
  const n = rows.length;
  const cross = rows.filter((x) => !x.c.sameFile);
  const pc = (k: number, of: number) => (of ? +((100 * k) / of).toFixed(1) : null);
  const at = (k: number) => (x: { r: { rank: number } }) => x.r.rank > 0 && x.r.rank <= k;
  const sizes = rows.map((x) => x.r.regionLines ?? 0).sort((a, b) => a - b);
  return {
    loc3: pc(rows.filter(at(3)).length, n), loc5: pc(rows.filter(at(5)).length, n),
    mrr10: +(rows.reduce((a, x) => a + (x.r.rank ? 1 / x.r.rank : 0), 0) / n).toFixed(3),
    inRegion: pc(rows.filter((x) => x.r.inRegion).length, n), regionLines: sizes[Math.floor(n / 2)],
    crossLoc3: pc(cross.filter(at(3)).length, cross.length), crossLoc5: pc(cross.filter(at(5)).length, cross.length),
  };
}

void main();
