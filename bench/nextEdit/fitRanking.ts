// Fits the ranking's weights (src/core/nextEdit/locations/rankingWeights.ts) and measures the ranking's
// headroom. Reads the candidates that rankingData.ts kept, re-ranks them with rankLocations under trial
// weights, scores each answer with the harness's own score.mjs, and walks the weights one at a time
// (coordinate ascent over a few steps each) to the best mean reciprocal rank (see mrrOf); a step is kept only when it wins at
// least MIN_GAIN, so that a single case does not move a weight. The cases must come from repositories
// in NEITHER set of bench:next-edit (dev or held-out): the held-out figures are only read once, after.
//
// To refit (≈ 15 min): build cases from other mirrors (TS/JS/Go/Python/Java), keep their candidates, fit:
//   node /work/shared/bench/next-edit/gen-cases.mjs --git MIRROR/repo --name NAME --lang LANG --n 40 --seed 7 --allow-later-changes --out FIT/NAME.jsonl
//   npx tsx bench/nextEdit/rankingData.ts --cases FIT/*.jsonl --root NAME=SNAPSHOT … --out FIT/data.jsonl
//   npx tsx bench/nextEdit/fitRanking.ts FIT/data.jsonl [--cv] [--headroom-only] [--check OTHER.jsonl] [--no-softmax]
// It prints the fitted weights (paste them into rankingWeights.ts), the figures before/after, and with
// --cv the same fit left-one-repository-out (each repository scored by weights fitted on the others),
// with --check the fitted weights' figures on other cases (not fitted on).
// Any data file can be read for --headroom-only (e.g. the dev set's, for the miss analysis).
import fs from 'node:fs';
import path from 'node:path';
import { JUMP_SHAPE } from '../../src/core/nextEdit/locateNextEdit';
import { rankLocations } from '../../src/core/nextEdit/locations/rankLocations';
import { RANKING_WEIGHTS, type RankingWeights } from '../../src/core/nextEdit/locations/rankingWeights';
import type { LocationReason } from '../../src/core/nextEdit/types';
import type { RankingCase } from './rankingData';

/** Smallest MRR@10 gain (over all cases) a step must bring to be kept. */
const MIN_GAIN = 0.002;
const ROUNDS = 6;

interface Prepared extends RankingCase { editedFiles: string[] }
type Scorer = { scoreCase: (c: unknown, norm: unknown) => { rank: number; inRegion: boolean }; overlaps: (l: unknown, t: unknown) => boolean };

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const checkAt = argv.indexOf('--check');
  const checkFile = checkAt >= 0 ? argv[checkAt + 1] : undefined;
  const files = argv.filter((a, i) => !a.startsWith('--') && (checkAt < 0 || i !== checkAt + 1));
  if (!files.length) throw new Error('usage: fitRanking.ts DATA.jsonl … [--cv] [--headroom-only]');
  const { harnessDir } = (await import(path.join(__dirname, 'harnessDir.mjs'))) as { harnessDir: () => string };
  const score = (await import(path.join(harnessDir(), 'score.mjs'))) as Scorer;
  const read = (f: string): Prepared[] => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => prepare(JSON.parse(l) as RankingCase));
  const cases = files.flatMap(read);
  const out: Record<string, unknown> = { cases: cases.length, repos: [...new Set(cases.map((c) => c.repo))] };
  out.current = figures(cases, RANKING_WEIGHTS, score);
  out.headroom = headroom(cases, score);
  if (!argv.includes('--headroom-only')) {
    const fitted = fit(cases, score);
    out.before = figures(cases, RANKING_WEIGHTS, score);
    out.after = figures(cases, fitted, score);
    out.weights = roundWeights(fitted);
    if (checkFile) {
      const other = read(checkFile);
      out.check = { file: checkFile, before: figures(other, RANKING_WEIGHTS, score), after: figures(other, fitted, score) };
    }
    if (argv.includes('--cv')) {
      const rows: Record<string, unknown> = {};
      for (const repo of out.repos as string[]) {
        const w = fit(cases.filter((c) => c.repo !== repo), score);
        const held = cases.filter((c) => c.repo === repo);
        rows[repo] = { n: held.length, before: figures(held, RANKING_WEIGHTS, score), after: figures(held, w, score) };
      }
      out.leaveOneRepoOut = rows;
    }
  }
  console.log(JSON.stringify(out, null, 1));
}

function prepare(c: RankingCase): Prepared {
  const editedFiles = [...c.history.matchAll(/^\+\+\+ b\/(.*)$/gm)].map((m) => m[1]!);
  return { ...c, editedFiles };
}

function answer(c: Prepared, weights: RankingWeights, limit = 20) {
  const locations = rankLocations(c.candidates, { region: c.region, cursor: { line: c.cursor.line, character: 0 }, editedFiles: c.editedFiles, limit, ...JUMP_SHAPE, lastLine: (f) => c.lastLines[f], weights });
  return { region: c.region, locations };
}

function figures(cases: readonly Prepared[], weights: RankingWeights, score: Scorer) {
  let mrr = 0, loc3 = 0, loc5 = 0, inRegion = 0, cross = 0, cross3 = 0, cross5 = 0;
  for (const c of cases) {
    const r = score.scoreCase(c, answer(c, weights));
    mrr += r.rank ? 1 / r.rank : 0;
    loc3 += +(r.rank > 0 && r.rank <= 3);
    loc5 += +(r.rank > 0 && r.rank <= 5);
    inRegion += +r.inRegion;
    if (!c.sameFile) { cross++; cross3 += +(r.rank > 0 && r.rank <= 3); cross5 += +(r.rank > 0 && r.rank <= 5); }
  }
  const pc = (x: number, n: number) => (n ? +((100 * x) / n).toFixed(1) : null);
  const n = cases.length;
  return { n, loc3: pc(loc3, n), loc5: pc(loc5, n), mrr10: +(mrr / n).toFixed(3), inRegion: pc(inRegion, n), crossLoc3: pc(cross3, cross), crossLoc5: pc(cross5, cross) };
}

/**
 * What the fit maximises: the mean reciprocal rank of the target over the first FIT_DEPTH places, not
 * only 10 (MRR@10 is flat for a target moving from 30th to 12th, a step on the way to the top ten).
 */
const FIT_DEPTH = 100;
/**
 * A cross-file case counts CROSS_WEIGHT times a same-file one in the fit: cross-file targets are a
 * quarter of the cases but their own goal (cross-file loc@5), and unweighted the fit trades them for
 * same-file ones.
 */
const CROSS_WEIGHT = 3;
const caseWeight = (c: Prepared) => (c.sameFile ? 1 : CROSS_WEIGHT);
const mrrOf = (cases: readonly Prepared[], w: RankingWeights, score: Scorer) => {
  let s = 0;
  let n = 0;
  for (const c of cases) {
    n += caseWeight(c);
    const a = answer(c, w, FIT_DEPTH);
    if (score.scoreCase(c, { region: a.region, locations: [] }).inRegion) { s += caseWeight(c); continue; }
    const i = a.locations.findIndex((l) => l.endLine - l.startLine < 12 && score.overlaps(l, c.target));
    s += i < 0 ? 0 : caseWeight(c) / (i + 2);
  }
  return s / n;
};

/** One knob of the weights: its name, how to read it, and the trial values around a current one. */
interface Knob { name: string; get: (w: RankingWeights) => number; set: (w: RankingWeights, v: number) => RankingWeights; steps: (v: number) => number[] }

function knobs(): Knob[] {
  const times = (v: number) => [0.4, 0.6, 0.8, 1.25, 1.6, 2.5].map((f) => v * f);
  const plus = (lo: number, hi: number) => (v: number) => [-0.6, -0.3, -0.15, 0.15, 0.3, 0.6].map((d) => Math.min(hi, Math.max(lo, v + d)));
  const reasons = Object.keys(RANKING_WEIGHTS.reason) as LocationReason[];
  const field = (name: keyof Omit<RankingWeights, 'reason'>, steps: (v: number) => number[]): Knob => ({ name, get: (w) => w[name], set: (w, v) => ({ ...w, [name]: v }), steps });
  return [
    ...reasons.map((r): Knob => ({ name: `reason.${r}`, get: (w) => w.reason[r], set: (w, v) => ({ ...w, reason: { ...w.reason, [r]: v } }), steps: times })),
    field('scorePower', plus(0.1, 2)),
    field('otherFile', plus(-3, 3)),
    field('editedFile', plus(-3, 3)),
    field('distance', plus(-2, 2)),
    field('below', plus(-2, 2)),
    field('mergeShare', plus(0, 1)),
    field('adjacentFactor', plus(0.05, 1)),
  ];
}

/**
 * A start for the walk: the log-weight of a candidate is linear in its features (log of its kind's
 * weight, the power of its source's score, the place terms), so a softmax over each case's candidates,
 * where the candidates whose jump would hit the target are the right answers, is fitted by gradient
 * descent (L2 toward the current weights). Cases whose region already holds the target say nothing
 * about the order and are left out.
 */
function softmaxStart(cases: readonly Prepared[], score: Scorer): RankingWeights {
  const reasons = Object.keys(RANKING_WEIGHTS.reason) as LocationReason[];
  const PLACE = ['otherFile', 'editedFile', 'distance', 'below'] as const;
  const dim = reasons.length + 1 + PLACE.length;
  const rows: { x: Float64Array[]; pos: boolean[]; weight: number }[] = [];
  for (const c of cases) {
    if (score.scoreCase(c, { region: c.region, locations: [] }).inRegion) continue;
    const x: Float64Array[] = [];
    const pos: boolean[] = [];
    for (const k of c.candidates) {
      const v = new Float64Array(dim);
      v[reasons.indexOf(k.reason)] = 1;
      v[reasons.length] = Math.log(Math.max(1e-3, k.score));
      const other = k.file !== c.region.file;
      const d = k.line - c.cursor.line;
      v[reasons.length + 1] = +other;
      v[reasons.length + 2] = +(other && c.editedFiles.includes(k.file));
      v[reasons.length + 3] = other ? 0 : Math.log2(1 + Math.abs(d) / 10);
      v[reasons.length + 4] = +(!other && d > 0);
      const span = k.endLine !== undefined ? { file: k.file, startLine: k.line, endLine: Math.min(k.endLine, k.line + 11) } : { file: k.file, startLine: Math.max(0, k.line - JUMP_SHAPE.before), endLine: k.line + JUMP_SHAPE.after };
      x.push(v);
      pos.push(score.overlaps(span, c.target));
    }
    if (pos.some(Boolean) && !pos.every(Boolean)) rows.push({ x, pos, weight: caseWeight(c) });
  }
  const w0 = RANKING_WEIGHTS;
  const theta = new Float64Array(dim);
  reasons.forEach((r, i) => (theta[i] = Math.log(w0.reason[r])));
  theta[reasons.length] = w0.scorePower;
  PLACE.forEach((p, i) => (theta[reasons.length + 1 + i] = w0[p]));
  const prior = Float64Array.from(theta);
  const L2 = 0.05, RATE = 0.5, STEPS = 400;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Float64Array(dim);
    for (const { x, pos, weight } of rows) {
      const s = x.map((v) => v.reduce((a, xi, i) => a + xi * theta[i]!, 0));
      const max = Math.max(...s);
      const e = s.map((si) => Math.exp(si - max));
      const all = e.reduce((a, b) => a + b, 0);
      const hit = e.reduce((a, b, i) => a + (pos[i] ? b : 0), 0);
      // d(-log(hit/all)) = E_all[x] - E_hit[x]
      x.forEach((v, j) => { const g = weight * (e[j]! / all - (pos[j] ? e[j]! / hit : 0)); for (let i = 0; i < dim; i++) grad[i]! += g * v[i]!; });
    }
    const total = rows.reduce((a, r) => a + r.weight, 0);
    for (let i = 0; i < dim; i++) theta[i]! -= RATE * (grad[i]! / total + L2 * (theta[i]! - prior[i]!));
  }
  const reason = Object.fromEntries(reasons.map((r, i) => [r, Math.exp(theta[i]!)])) as Record<LocationReason, number>;
  return { ...w0, reason, scorePower: Math.max(0.1, theta[reasons.length]!), ...Object.fromEntries(PLACE.map((p, i) => [p, theta[reasons.length + 1 + i]!])) };
}

function fit(cases: readonly Prepared[], score: Scorer): RankingWeights {
  let w = process.argv.includes('--no-softmax') ? RANKING_WEIGHTS : softmaxStart(cases, score);
  process.stderr.write(`start ${JSON.stringify(roundWeights(w))}\n`);
  let best = mrrOf(cases, w, score);
  process.stderr.write(`start MRR ${best.toFixed(4)} (the current weights: ${mrrOf(cases, RANKING_WEIGHTS, score).toFixed(4)})\n`);
  for (let round = 0; round < ROUNDS; round++) {
    let moved = false;
    for (const k of knobs()) {
      let pick: { w: RankingWeights; m: number } | undefined;
      for (const v of k.steps(k.get(w))) {
        if (v === k.get(w)) continue;
        const t = k.set(w, v);
        const m = mrrOf(cases, t, score);
        if (m >= best + MIN_GAIN && (!pick || m > pick.m)) pick = { w: t, m };
      }
      if (pick) { w = pick.w; best = pick.m; moved = true; process.stderr.write(`round ${round} ${k.name} = ${k.get(w).toFixed(3)} → MRR ${best.toFixed(4)}\n`); }
    }
    if (!moved) break;
  }
  return w;
}

/** Where the target is among ALL ranked places (no cut at 10), and which kinds of evidence the hits have. */
function headroom(cases: readonly Prepared[], score: Scorer) {
  const buckets: Record<string, number> = { region: 0, '2-3': 0, '4-5': 0, '6-10': 0, '11-20': 0, '21-100': 0, '>100': 0, never: 0 };
  const reasonsAt: Record<string, Record<string, number>> = {};
  const sources: Record<string, { cases: number; hit: number }> = {};
  for (const c of cases) {
    const a = answer(c, RANKING_WEIGHTS, 100000);
    const r = score.scoreCase(c, { region: a.region, locations: [] });
    const hitAt = a.locations.findIndex((l) => l.endLine - l.startLine < 12 && score.overlaps(l, c.target));
    // Any candidate on a line of the target, whatever its rank (before spans and merging).
    for (const reason of new Set(c.candidates.map((x) => x.reason))) {
      const s = (sources[reason] ??= { cases: 0, hit: 0 });
      s.cases++;
      if (c.candidates.some((x) => x.reason === reason && score.overlaps({ file: x.file, startLine: x.line, endLine: x.endLine ?? x.line }, c.target))) s.hit++;
    }
    const rank = r.inRegion ? 1 : hitAt < 0 ? 0 : hitAt + 2;
    const b = r.inRegion ? 'region' : rank === 0 ? 'never' : rank <= 3 ? '2-3' : rank <= 5 ? '4-5' : rank <= 10 ? '6-10' : rank <= 20 ? '11-20' : rank <= 100 ? '21-100' : '>100';
    buckets[b]!++;
    if (hitAt >= 0 && !r.inRegion) {
      const by = (reasonsAt[b] ??= {});
      by[a.locations[hitAt]!.reason] = (by[a.locations[hitAt]!.reason] ?? 0) + 1;
    }
  }
  return { rankOfTarget: buckets, hitReasonByRank: reasonsAt, candidatesOnTarget: sources };
}

const roundWeights = (w: RankingWeights): RankingWeights => JSON.parse(JSON.stringify(w, (_k, v) => (typeof v === 'number' ? +v.toFixed(3) : v)));

void main();
