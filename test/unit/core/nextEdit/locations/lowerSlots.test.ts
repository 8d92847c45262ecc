/** A test-of-edit location never takes the first places of the ranking; the others keep their order. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lowerSlots } from '@src/core/nextEdit/locations/lowerSlots';
import { rankLocations } from '@src/core/nextEdit/locations/rankLocations';
import type { LocationReason, NextEditLocation } from '@src/core/nextEdit/types';

const loc = (name: string, reason: LocationReason): NextEditLocation => ({ file: `/ws/${name}`, startLine: 0, endLine: 3, score: 1, reason });
const names = (ls: readonly NextEditLocation[]) => ls.map((l) => l.file.slice(4));

describe('lowerSlots', () => {
  it('moves a test-of-edit location down to its highest place, the others up one', () => {
    const ls = [loc('t1', 'test-of-edit'), loc('a', 'renamed-identifier'), loc('b', 'similar-code'), loc('c', 'nearby')];
    assert.deepEqual(names(lowerSlots(ls, { 'test-of-edit': 2 })), ['a', 'b', 't1', 'c']);
  });

  it('keeps the order of several waiting, leaves one already low where it is, and lists them at the end of a short list', () => {
    const two = [loc('t1', 'test-of-edit'), loc('t2', 'test-of-edit'), loc('a', 'renamed-identifier'), loc('b', 'nearby'), loc('c', 'nearby')];
    assert.deepEqual(names(lowerSlots(two, { 'test-of-edit': 2 })), ['a', 'b', 't1', 't2', 'c']);
    const low = [loc('a', 'renamed-identifier'), loc('b', 'nearby'), loc('c', 'nearby'), loc('t1', 'test-of-edit')];
    assert.deepEqual(names(lowerSlots(low, { 'test-of-edit': 2 })), ['a', 'b', 'c', 't1']);
    assert.deepEqual(names(lowerSlots([loc('t1', 'test-of-edit'), loc('a', 'nearby')], { 'test-of-edit': 2 })), ['a', 't1']);
  });

  it('applies in the ranking: the strongest candidate, a test of the edit, is listed third', () => {
    const region = { file: '/ws/a.ts', startLine: 0, endLine: 9 };
    const ranked = rankLocations(
      [
        { file: '/ws/a.test.ts', line: 40, endLine: 50, score: 10, reason: 'test-of-edit' },
        { file: '/ws/a.ts', line: 30, score: 0.5, reason: 'similar-code' },
        { file: '/ws/a.ts', line: 60, score: 0.4, reason: 'similar-code' },
        { file: '/ws/a.ts', line: 90, score: 0.3, reason: 'similar-code' },
      ],
      { region, limit: 10, before: 3, after: 5, cluster: 5 },
    );
    assert.deepEqual(ranked.map((l) => [l.file, l.reason]), [['/ws/a.ts', 'similar-code'], ['/ws/a.ts', 'similar-code'], ['/ws/a.test.ts', 'test-of-edit'], ['/ws/a.ts', 'similar-code']]);
    assert.ok(ranked[2]!.score > ranked[0]!.score, 'it keeps its own score');
  });
});
