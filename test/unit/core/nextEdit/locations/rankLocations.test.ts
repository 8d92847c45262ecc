import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { ADJACENT_FACTOR, MAX_LOCATION_LINES, rankLocations } from '@src/core/nextEdit/locations/rankLocations';

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
});
