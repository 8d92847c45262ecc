import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseRankings, RRF_K } from '@src/core/chat/fuseRankings';

const list = (...keys: string[]) => keys.map((key) => ({ key, item: key }));

describe('reciprocal rank fusion', () => {
  it('an item ranked well by two lists beats one ranked first by a single list', () => {
    const fused = fuseRankings([list('a', 'b', 'c'), list('b', 'd', 'a')]);
    assert.deepEqual(fused.map((f) => f.key), ['b', 'a', 'd', 'c']);
    assert.equal(fused[0]!.score, 1 / (RRF_K + 2) + 1 / (RRF_K + 1));
  });

  it('weights scale a list\'s votes', () => {
    const fused = fuseRankings([list('a', 'b'), list('b', 'a')], [1, 3]);
    assert.equal(fused[0]!.key, 'b');
  });

  it('a list votes once per item and empty lists change nothing', () => {
    const fused = fuseRankings([list('a', 'a', 'b'), []]);
    assert.deepEqual(fused.map((f) => [f.key, f.score]), [['a', 1 / (RRF_K + 1)], ['b', 1 / (RRF_K + 3)]]);
  });
});
