import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bestFirst } from '@src/core/nextEdit/locations/bestFirst';

const byValue = (a: number, b: number) => a - b;

describe('bestFirst', () => {
  it('yields the items in the order of a full sort, whatever k', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 300, size: 'max' }), fc.integer({ min: 1, max: 80 }), (items, k) => {
        assert.deepEqual([...bestFirst(items, k, byValue)], [...items].sort(byValue));
      }),
      { numRuns: 500 },
    );
  });

  it('the first k come from one pass; reading stops where the caller stops', () => {
    const items = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    let compared = 0;
    const counting = (a: number, b: number) => {
      compared++;
      return a - b;
    };
    const first: number[] = [];
    for (const x of bestFirst(items, 20, counting)) {
      first.push(x);
      if (first.length === 20) break;
    }
    assert.deepEqual(first, Array.from({ length: 20 }, (_, i) => i));
    // A full sort of 1,000 items compares about 10,000 times; selecting 20 about 1,000 plus the heap's work.
    assert.ok(compared < 5000, `${compared} comparisons`);
  });

  it('leaves the input as it was', () => {
    const items = [5, 3, 9, 1, 7, 2];
    [...bestFirst(items, 2, byValue)];
    assert.deepEqual(items, [5, 3, 9, 1, 7, 2]);
  });
});
