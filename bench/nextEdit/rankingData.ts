// The ranking's training data: runs the location engine in-process over next-edit cases (as
// inProcess.ts does) and keeps, per case, every candidate the sources proposed before ranking, the
// region, the cursor and the target, so that fitRanking.ts can re-rank them under other weights
// without re-running the sources. Cases must come from repositories in neither the dev nor the
// held-out set (see fitRanking.ts). Writes one JSON object per line.
//   npx tsx bench/nextEdit/rankingData.ts --cases A.jsonl … --root NAME=DIR … --out DATA.jsonl [--work DIR] [--limit N]
import fs from 'node:fs';
import path from 'node:path';
import type { RegionInput } from '../../src/core/nextEdit/editableRegion';
import type { Candidate } from '../../src/core/nextEdit/locations/locatorContext';
import type { LineSpan } from '../../src/core/nextEdit/types';
import { optionsFromArgs, runInProcess } from './inProcess';

export interface RankingCase {
  id: string; repo: string; sameFile: boolean;
  cursor: { file: string; line: number };
  history: string;
  target: { file: string; startLine: number; endLine: number; insertion: boolean };
  remaining: unknown[];
  region: LineSpan;
  candidates: Candidate[];
  /** The last line (0-based) of each file a candidate names, where known. */
  lastLines: Record<string, number>;
  /**
   * What the region was built from (editableRegion.ts), for bench/nextEdit/fitRegion.ts: the cursor's
   * line, the syntax nodes holding it, the file's line count, and each line's length for the lines a
   * region can reach (`from` is the first; a region holds the cursor and at most 40 lines).
   */
  regionInput?: { cursorLine: number; ancestors: { startLine: number; endLine: number }[]; lineCount: number; from: number; lengths: number[] };
}

/** Lines either side of the cursor whose lengths are kept: as far as a region of the default budget reaches. */
const REACH = 40;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const outFile = argv[argv.indexOf('--out') + 1];
  if (!argv.includes('--out') || !outFile) throw new Error('--out DATA.jsonl');
  const out = fs.openSync(outFile, 'w');
  let seen: { candidates: readonly Candidate[]; region: LineSpan; lastLine: (f: string) => number | undefined; regionInput: RegionInput } | undefined;
  await runInProcess({
    ...optionsFromArgs(argv),
    observe: (candidates, region, lastLine, regionInput) => { seen = { candidates, region, lastLine, regionInput }; },
    onCase: (c, _scored, ws) => {
      if (!seen) return;
      const rel = (p: string) => path.relative(ws.root, p).split(path.sep).join('/');
      const lastLines: Record<string, number> = {};
      for (const f of new Set(seen.candidates.map((x) => x.file))) {
        const n = seen.lastLine(f);
        if (n !== undefined) lastLines[rel(f)] = n;
      }
      const row: RankingCase = {
        id: c.id, repo: c.repo, sameFile: c.sameFile, cursor: { file: c.file, line: c.line }, history: c.history,
        target: c.target, remaining: c.remaining, region: { ...seen.region, file: rel(seen.region.file) },
        candidates: seen.candidates.map((x) => ({ ...x, file: rel(x.file) })), lastLines, regionInput: keptRegionInput(seen.regionInput),
      };
      fs.writeSync(out, JSON.stringify(row) + '\n');
      seen = undefined;
    },
  });
  fs.closeSync(out);
}

function keptRegionInput(r: RegionInput): NonNullable<RankingCase['regionInput']> {
  const from = Math.max(0, r.cursorLine - REACH);
  const lengths = r.lines.slice(from, r.cursorLine + REACH + 1).map((l) => l.length);
  return { cursorLine: r.cursorLine, ancestors: r.ancestors.map((a) => ({ startLine: a.startLine, endLine: a.endLine })), lineCount: r.lines.length, from, lengths };
}

void main();
