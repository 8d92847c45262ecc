import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { lowerSlots } from '@src/core/nextEdit/locations/lowerSlots';
import { ADJACENT_FACTOR, ADJACENT_LINES, MAX_LOCATION_LINES, REASON_WEIGHTS, type RankOptions, candidateWeight, rankLocations } from '@src/core/nextEdit/locations/rankLocations';
import { RANKING_WEIGHTS } from '@src/core/nextEdit/locations/rankingWeights';
import type { LineSpan, LocationReason, NextEditLocation } from '@src/core/nextEdit/types';

const region = { file: '/ws/a.ts', startLine: 10, endLine: 20 };
const shape = { region, limit: 10, before: 3, after: 5, cluster: 5 };
const at = (file: string, line: number, reason: Candidate['reason'], score = 1): Candidate => ({ file, line, reason, score });

/** Weights where the cursor, the other files and every other knob count (the defaults may leave some at 0). */
const placed: Partial<RankOptions> = {
  cursor: { line: 15, character: 0 },
  editedFiles: ['/ws/b.ts'],
  weights: { ...RANKING_WEIGHTS, scorePower: 0.7, otherFile: -0.5, editedFile: 0.3, distance: -0.2, below: 0.1, mergeShare: 0.4, adjacentFactor: 0.6 },
};

describe('rankLocations', () => {
  it('orders by the weight of the evidence, drops what the region covers and shows a few lines around each place', () => {
    const out = rankLocations([at('/ws/a.ts', 15, 'renamed-identifier'), at('/ws/a.ts', 40, 'nearby'), at('/ws/b.ts', 7, 'renamed-identifier'), at('/ws/a.ts', 60, 'similar-code')], shape);
    assert.deepEqual(out.map((l) => [l.file, l.startLine, l.endLine, l.reason]), [
      ['/ws/b.ts', 4, 12, 'renamed-identifier'],
      ['/ws/a.ts', 57, 65, 'similar-code'],
      ['/ws/a.ts', 37, 45, 'nearby'],
    ]);
  });

  it('candidates close to each other share one place, never more than the maximum lines', () => {
    const out = rankLocations([at('/ws/b.ts', 30, 'renamed-identifier'), at('/ws/b.ts', 33, 'renamed-identifier'), at('/ws/b.ts', 36, 'renamed-identifier')], shape);
    assert.equal(out.length, 1);
    assert.ok(out[0]!.startLine <= 30 && out[0]!.endLine >= 36, JSON.stringify(out[0]));
    assert.ok(out[0]!.endLine - out[0]!.startLine + 1 <= MAX_LOCATION_LINES);
  });

  it('a place never reaches past the last line of its file, and one that starts past it is dropped', () => {
    const lastLine = (f: string) => (f === '/ws/b.ts' ? 12 : undefined);
    const out = rankLocations([at('/ws/b.ts', 10, 'renamed-identifier'), at('/ws/b.ts', 30, 'similar-code'), at('/ws/c.ts', 10, 'similar-code')], { ...shape, lastLine });
    // The order of the two places is the weights' (rankingWeights.ts): only their spans are asked here.
    assert.deepEqual(out.map((l) => [l.file, l.startLine, l.endLine]).sort(), [
      ['/ws/b.ts', 7, 12],
      ['/ws/c.ts', 7, 15],
    ]);
  });

  it('a candidate just beside a listed place yields its slot to a weaker, distinct one, and is listed after it', () => {
    // The place at 40 shows lines 37-45; a candidate at 48 is beside it, one at 80 is a place of its own.
    const strong = at('/ws/a.ts', 40, 'similar-code', 1);
    const besideIt = at('/ws/a.ts', 48, 'similar-code', 0.9);
    const distinct = at('/ws/a.ts', 80, 'similar-code', 0.9 * ADJACENT_FACTOR + 0.1);
    const out = rankLocations([strong, besideIt, distinct], shape);
    assert.deepEqual(out.map((l) => [l.startLine, l.endLine]), [[37, 45], [77, 85], [45, 53]]);
  });

  it('a candidate just outside the region is not held back: the next edit is often there', () => {
    // The region ends at line 20; 23 lies beside it, and stays ahead of the weaker 80.
    const out = rankLocations([at('/ws/a.ts', 40, 'similar-code', 1), at('/ws/a.ts', 23, 'similar-code', 0.9), at('/ws/a.ts', 80, 'similar-code', 0.6)], shape);
    assert.deepEqual(out.map((l) => l.startLine), [37, 20, 77]);
  });

  it('a candidate beside a place in another file is not held back', () => {
    const out = rankLocations([at('/ws/b.ts', 40, 'similar-code', 1), at('/ws/c.ts', 48, 'similar-code', 0.9), at('/ws/a.ts', 80, 'similar-code', 0.6)], shape);
    assert.deepEqual(out.map((l) => l.file), ['/ws/b.ts', '/ws/c.ts', '/ws/a.ts']);
  });

  it('ranks exactly as a full sort of every merged candidate does (the places, their order, spans and scores)', () => {
    const reasons = Object.keys(REASON_WEIGHTS) as LocationReason[];
    const candidate = fc.record({
      // Names that sort differently by code unit and by locale (case, accents) exercise the tie-break.
      file: fc.constantFrom('/ws/a.ts', '/ws/B.ts', '/ws/b.ts', '/ws/á.ts', '/ws/a/z.ts'),
      line: fc.integer({ min: 0, max: 160 }),
      span: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      score: fc.constantFrom(0.25, 0.5, 1, 1 / 3, 0.8),
      reason: fc.constantFrom(...reasons),
      detail: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    }).map(({ span, detail, ...c }): Candidate => ({ ...c, ...(span !== undefined ? { endLine: c.line + span } : {}), ...(detail ? { detail } : {}) }));
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 400, size: 'max' }), fc.integer({ min: 1, max: 90 }), fc.boolean(), fc.boolean(), (cs, limit, withLast, withPlace) => {
        const options: RankOptions = { ...shape, limit, ...(withLast ? { lastLine: (f: string) => (f === '/ws/b.ts' ? 100 : undefined) } : {}), ...(withPlace ? placed : {}) };
        assert.deepEqual(rankLocations(cs, options), fullSortRanking(cs, options));
      }),
      { numRuns: 300 },
    );
  });
});

/** The ranking written plainly: every merged candidate sorted, then the strongest by its current weight taken at each step. */
function fullSortRanking(candidates: readonly Candidate[], options: RankOptions): NextEditLocation[] {
  const weights = options.weights ?? RANKING_WEIGHTS;
  const merged = new Map<string, Candidate & { weighted: number }>();
  for (const c of candidates) {
    const weighted = candidateWeight(c, options);
    const key = `${c.file}\0${c.line}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, { ...c, weighted });
    else if (weighted > prev.weighted) merged.set(key, { ...c, weighted: weighted + prev.weighted * weights.mergeShare });
    else prev.weighted += weighted * weights.mergeShare;
  }
  const ranked = [...merged.values()].sort((a, b) => b.weighted - a.weighted || a.file.localeCompare(b.file) || a.line - b.line);
  const byFile = new Map<string, number[]>();
  for (const c of ranked) if (c.endLine === undefined) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c.line);
  const taken: LineSpan[] = [options.region];
  const covered = (file: string, line: number) => taken.some((t) => t.file === file && t.startLine <= line && line <= t.endLine);
  const listed: LineSpan[] = [];
  const beside = (file: string, line: number) => listed.some((t) => t.file === file && t.startLine - ADJACENT_LINES <= line && line <= t.endLine + ADJACENT_LINES);
  const out: NextEditLocation[] = [];
  // Each step takes the strongest remaining candidate by its weight now (halved beside a listed place);
  // on equal weights one beside a place first, then the full sort's order.
  const remaining = [...ranked];
  while (remaining.length && out.length < options.limit) {
    let best = 0;
    let bestWeight = -Infinity;
    let bestBeside = false;
    remaining.forEach((r, i) => {
      const b = !covered(r.file, r.line) && beside(r.file, r.line);
      const w = b ? r.weighted * weights.adjacentFactor : r.weighted;
      if (w > bestWeight || (w === bestWeight && b && !bestBeside)) [best, bestWeight, bestBeside] = [i, w, b];
    });
    const c = { ...remaining.splice(best, 1)[0]!, weighted: bestWeight };
    if (covered(c.file, c.line)) continue;
    let span: LineSpan;
    if (c.endLine !== undefined) {
      span = { file: c.file, startLine: c.line, endLine: Math.min(c.endLine, c.line + MAX_LOCATION_LINES - 1) };
    } else {
      const near = (byFile.get(c.file) ?? []).filter((l) => Math.abs(l - c.line) <= options.cluster && !covered(c.file, l));
      let lo = Math.min(c.line, ...near.filter((l) => l <= c.line));
      let hi = Math.max(c.line, ...near.filter((l) => l >= c.line));
      lo = Math.max(0, lo - options.before);
      hi = hi + options.after;
      if (hi - lo + 1 > MAX_LOCATION_LINES) {
        lo = Math.max(lo, c.line - Math.floor((MAX_LOCATION_LINES - 1) / 2));
        hi = lo + MAX_LOCATION_LINES - 1;
      }
      span = { file: c.file, startLine: lo, endLine: hi };
    }
    const last = options.lastLine?.(c.file);
    if (last !== undefined) {
      if (span.startLine > last) continue;
      span = { ...span, endLine: Math.min(span.endLine, last) };
    }
    taken.push(span);
    listed.push(span);
    out.push({ ...span, score: Math.round(c.weighted * 1000) / 1000, reason: c.reason, ...(c.detail ? { detail: c.detail } : {}) });
  }
  return lowerSlots(out);
}

