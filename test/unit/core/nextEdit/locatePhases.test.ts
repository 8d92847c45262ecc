import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LOCATION_SOURCES, locateNextEdits } from '@src/core/nextEdit/locateNextEdit';

describe('locateNextEdits phase timings', () => {
  // The uses of the renamed function far below it, out of the region around the cursor.
  const filler = Array.from({ length: 80 }, (_, i) => `const v${i} = ${i};`);
  const lines = ['function total(items) {', '  let sum = 0;', '  for (const item of items) sum += item.price;', '  return sum;', '}', ...filler, 'const price = total(cart);', 'log(total(other));'];
  const input = {
    file: '/ws/a.js',
    lines: lines.map((l) => l.replace('total', 'sumOf')).map((l, i) => (i === 0 ? l : lines[i]!)),
    cursor: { line: 0, character: 12 },
    history: [{ file: '/ws/a.js', newStart: 0, oldLines: [lines[0]!], newLines: [lines[0]!.replace('total', 'sumOf')], seq: 1 }],
    ancestors: [{ startLine: 0, endLine: 4 }],
  };

  it('times the context, every source by its name and the ranking, in that order', () => {
    const phases = new Map<string, number>();
    locateNextEdits(input, phases);
    assert.deepEqual([...phases.keys()], ['context', ...Object.keys(LOCATION_SOURCES), 'rank']);
    for (const [name, ms] of phases) assert.ok(Number.isFinite(ms) && ms >= 0, `${name}: ${ms}`);
  });

  it('timing changes nothing in the answer', () => {
    const timed = locateNextEdits(input, new Map());
    const plain = locateNextEdits(input);
    assert.deepEqual(timed, plain);
    // Nothing left to do around the rename: the region is at its leftover uses (leftoverRegion.ts), the cursor's place a jump back.
    assert.ok(plain.region.startLine <= 85 && 86 <= plain.region.endLine, JSON.stringify(plain.region));
    assert.equal(plain.locations[0]?.reason, 'recent-edit', JSON.stringify(plain.locations));
  });
});
