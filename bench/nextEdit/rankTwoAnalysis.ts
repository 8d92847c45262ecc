// What holds rank 1 where the target is proposed at rank 2-3. Rank 1 is always the region (the cursor's,
// or a renamed name's leftover use: leftoverRegion.ts), so per kept case (rankingData.ts) this prints the
// region, what the sources found inside it (the evidence that kept it there) and the first places with
// their kind, score and whether they hit the target; the last line groups the cases by the first place's
// kind, the hitting place's kind and whether the region held evidence. The region move is replayed with
// line lengths kept only near the cursor (as fitRegion.ts does), so a moved region may differ from the
// engine's by a line or two.
//   npx tsx bench/nextEdit/rankTwoAnalysis.ts DATA.jsonl … [--all]   (--all: every case, not only ranks 2-3)
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_REGION_BUDGET } from '../../src/core/nextEdit/editableRegion';
import { historyFromDiff } from '../../src/core/nextEdit/historyFromDiff';
import { JUMP_SHAPE } from '../../src/core/nextEdit/locateNextEdit';
import { leftoverRegion } from '../../src/core/nextEdit/locations/leftoverRegion';
import type { Candidate } from '../../src/core/nextEdit/locations/locatorContext';
import { rankLocations } from '../../src/core/nextEdit/locations/rankLocations';
import type { NextEditLocation } from '../../src/core/nextEdit/types';
import type { RankingCase } from './rankingData';

type Scorer = { scoreCase: (c: unknown, norm: unknown) => { rank: number; inRegion: boolean }; overlaps: (l: unknown, t: unknown) => boolean };

/** The kept lines as editableRegion reads them: lines out of reach are empty. */
function linesOf(c: RankingCase): string[] {
  const r = c.regionInput;
  if (!r) return [];
  const out = new Array<string>(r.lineCount).fill('');
  r.lengths.forEach((n, i) => (out[r.from + i] = 'x'.repeat(n)));
  return out;
}

const named = (x: { reason: string; detail?: string }) => `${x.reason}${x.detail ? `(${x.detail})` : ''}`;

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!files.length) throw new Error('usage: rankTwoAnalysis.ts DATA.jsonl … [--all]');
  const { harnessDir } = (await import(path.join(__dirname, 'harnessDir.mjs'))) as { harnessDir: () => string };
  const score = (await import(path.join(harnessDir(), 'score.mjs'))) as Scorer;
  const cases = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RankingCase));
  const groups: Record<string, number> = {};
  for (const c of cases) {
    const editedFiles = [...c.history.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]!);
    const cursor = { line: c.cursor.line, character: 0 };
    const locations = rankLocations(c.candidates, { region: c.region, cursor, editedFiles, limit: 20, ...JUMP_SHAPE, lastLine: (f) => c.lastLines[f] });
    const sourced = c.candidates.filter((x) => x.reason !== 'nearby');
    const moved = leftoverRegion({ region: c.region, cursor, lines: linesOf(c), budget: DEFAULT_REGION_BUDGET, candidates: sourced, locations, history: historyFromDiff(c.history, '/') });
    const answer = moved ?? { region: c.region, locations };
    const r = score.scoreCase(c, answer);
    if (!process.argv.includes('--all') && r.rank !== 2 && r.rank !== 3) continue;
    const inside = (x: Candidate) => x.file === c.region.file && c.region.startLine <= x.line && x.line <= c.region.endLine;
    const evidence = sourced.filter((x) => inside(x) && x.reason !== 'recent-edit');
    const hits = (l: NextEditLocation) => score.overlaps(l, c.target);
    const hit = answer.locations.find(hits);
    if (r.rank === 2 || r.rank === 3) {
      const key = `rank ${r.rank}, first ${r.rank === 2 ? 'is the target' : answer.locations[0]!.reason}, hit by ${hit?.reason}, ${evidence.length ? 'evidence' : 'no evidence'} in the region${c.sameFile ? '' : ', cross-file'}`;
      groups[key] = (groups[key] ?? 0) + 1;
    }
    console.log(JSON.stringify({
      id: c.id, rank: r.rank, sameFile: c.sameFile, moved: !!moved, cursor: c.cursor.line, region: [answer.region.startLine, answer.region.endLine],
      target: `${c.target.file === c.region.file ? '' : c.target.file + ' '}${c.target.startLine}-${c.target.endLine}${c.target.insertion ? ' insertion' : ''}`,
      inRegion: evidence.map((x) => `${named(x)}@${x.line} ${x.score.toFixed(2)}`),
      first: answer.locations.slice(0, 3).map((l) => `${named(l)} ${l.file === c.region.file ? '' : l.file + ' '}${l.startLine}-${l.endLine} ${l.score}${hits(l) ? ' HIT' : ''}`),
    }));
  }
  console.log(JSON.stringify({ groups: Object.fromEntries(Object.entries(groups).sort((a, b) => b[1] - a[1])) }));
}

void main();
