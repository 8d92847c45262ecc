import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { MAX_LOCATION_LINES, REASON_WEIGHTS, type RankOptions, rankLocations } from '@src/core/nextEdit/locations/rankLocations';
import type { LineSpan, LocationReason, NextEditLocation } from '@src/core/nextEdit/types';

const region = { file: '/ws/a.ts', startLine: 10, endLine: 20 };
const shape = { region, limit: 10, before: 3, after: 5, cluster: 5 };
const at = (file: string, line: number, reason: Candidate['reason'], score = 1): Candidate => ({ file, line, reason, score });

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
    assert.deepEqual(out.map((l) => [l.file, l.startLine, l.endLine]), [
      ['/ws/b.ts', 7, 12],
      ['/ws/c.ts', 7, 15],
    ]);
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
      fc.property(fc.array(candidate, { maxLength: 400, size: 'max' }), fc.integer({ min: 1, max: 90 }), fc.boolean(), (cs, limit, withLast) => {
        const options: RankOptions = { ...shape, limit, ...(withLast ? { lastLine: (f: string) => (f === '/ws/b.ts' ? 100 : undefined) } : {}) };
        assert.deepEqual(rankLocations(cs, options), fullSortRanking(cs, options));
      }),
      { numRuns: 300 },
    );
  });
});

/** The ranking as it was written before the lazy selection: every merged candidate sorted, then read. */
function fullSortRanking(candidates: readonly Candidate[], options: RankOptions): NextEditLocation[] {
  const merged = new Map<string, Candidate & { weighted: number }>();
  for (const c of candidates) {
    const weighted = REASON_WEIGHTS[c.reason] * c.score;
    const key = `${c.file}\0${c.line}`;
    const prev = merged.get(key);
    if (!prev) merged.set(key, { ...c, weighted });
    else if (weighted > prev.weighted) merged.set(key, { ...c, weighted: weighted + prev.weighted * 0.25 });
    else prev.weighted += weighted * 0.25;
  }
  const ranked = [...merged.values()].sort((a, b) => b.weighted - a.weighted || a.file.localeCompare(b.file) || a.line - b.line);
  const byFile = new Map<string, number[]>();
  for (const c of ranked) if (c.endLine === undefined) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)!).push(c.line);
  const taken: LineSpan[] = [options.region];
  const covered = (file: string, line: number) => taken.some((t) => t.file === file && t.startLine <= line && line <= t.endLine);
  const out: NextEditLocation[] = [];
  for (const c of ranked) {
    if (out.length >= options.limit) break;
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
    out.push({ ...span, score: Math.round(c.weighted * 1000) / 1000, reason: c.reason, ...(c.detail ? { detail: c.detail } : {}) });
  }
  return out;
}

