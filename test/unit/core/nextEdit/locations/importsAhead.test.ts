/**
 * The import graph resolved ahead of requests: every indexed file's imports asked, in slices bounded by
 * the clock (at least one file each), nothing after stop.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { resolveImportsAhead } from '@src/core/nextEdit/locations/importsAhead';

function setup(n: number) {
  const files = Array.from({ length: n }, (_, i) => `/r/f${i}.ts`);
  const asked: string[] = [];
  let clock = 0;
  const queue: (() => void)[] = [];
  const index = {
    filePaths: () => files,
    importsOf: (f: string) => {
      asked.push(f);
      clock += 1; // each resolution takes 1 ms
      return [];
    },
  };
  return { files, asked, queue, index, now: () => clock, schedule: (next: () => void) => queue.push(next) };
}

describe('resolveImportsAhead', () => {
  it('asks every file once, a slice at a time, nothing before the first slice runs', () => {
    const s = setup(10);
    resolveImportsAhead(s.index, s.schedule, 3, s.now);
    assert.equal(s.asked.length, 0, 'nothing on the caller\'s turn');
    const perSlice: number[] = [];
    while (s.queue.length) {
      const before = s.asked.length;
      s.queue.shift()!();
      perSlice.push(s.asked.length - before);
    }
    assert.deepEqual(s.asked, s.files);
    assert.deepEqual(perSlice, [3, 3, 3, 1]);
  });

  it('moves on by one file per slice even when one file takes longer than a slice', () => {
    const s = setup(3);
    resolveImportsAhead(s.index, s.schedule, 0.5, s.now);
    let slices = 0;
    while (s.queue.length) (s.queue.shift()!(), slices++);
    assert.equal(slices, 3);
    assert.deepEqual(s.asked, s.files);
  });

  it('stops where it is told to', () => {
    const s = setup(10);
    const stop = resolveImportsAhead(s.index, s.schedule, 3, s.now);
    s.queue.shift()!();
    stop();
    while (s.queue.length) s.queue.shift()!();
    assert.equal(s.asked.length, 3);
  });

  it('schedules nothing for an empty index', () => {
    const s = setup(0);
    resolveImportsAhead(s.index, s.schedule, 3, s.now);
    assert.equal(s.queue.length, 0);
  });
});

describe('resolveImportsAhead, a failing lookup', () => {
  it('ends the warm-up instead of throwing out of the scheduled slice', () => {
    const s = setup(5);
    const index = { filePaths: s.index.filePaths, importsOf: (f: string) => (f === '/r/f1.ts' ? (() => { throw new Error('broken'); })() : s.index.importsOf(f)) };
    resolveImportsAhead(index, s.schedule, 3, s.now);
    assert.doesNotThrow(() => s.queue.shift()!());
    assert.equal(s.queue.length, 0);
  });
});
