/** The line cache: trusted entries served without a system call for a while, the rest checked against the disk. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { LINE_CACHE_TRUST_MS, LineCache } from '@src/core/index/lineCache';

describe('LineCache', () => {
  let dir: string;
  let now: number;
  let cache: LineCache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'banyan-linecache-'));
    now = 1000;
    cache = new LineCache(1024 * 1024, () => now);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a trusted entry is served as is inside the window, and checked against the disk after it (an event missed)', () => {
    const f = path.join(dir, 'a.ts');
    writeFileSync(f, 'one\n');
    const first = cache.read(f, true);
    writeFileSync(f, 'two, longer\n');
    now += LINE_CACHE_TRUST_MS - 1;
    assert.equal(cache.read(f, true), first, 'trusted: no look at the disk yet');
    now += 2;
    assert.deepEqual(cache.read(f, true), ['two, longer', '']);
  });

  it('an untrusted entry is checked on every read', () => {
    const f = path.join(dir, 'b.ts');
    writeFileSync(f, 'one\n');
    const first = cache.read(f);
    assert.equal(cache.read(f), first, 'unchanged: the cached lines');
    writeFileSync(f, 'two, longer\n');
    assert.deepEqual(cache.read(f), ['two, longer', '']);
  });

  it('a dropped entry is read again at once, trusted or not (what the index does on a change event)', () => {
    const f = path.join(dir, 'c.ts');
    writeFileSync(f, 'one\n');
    cache.read(f, true);
    writeFileSync(f, 'two\n');
    cache.drop(f);
    assert.deepEqual(cache.read(f, true), ['two', '']);
  });

  it('a check that finds the disk unchanged renews the trust', () => {
    const f = path.join(dir, 'd.ts');
    writeFileSync(f, 'one\n');
    const first = cache.read(f, true);
    now += LINE_CACHE_TRUST_MS + 1;
    assert.equal(cache.read(f, true), first);
    writeFileSync(f, 'two, longer\n');
    now += LINE_CACHE_TRUST_MS - 1;
    assert.equal(cache.read(f, true), first, 'inside the renewed window');
  });

  it('a file deleted is undefined once checked; the least recently used file goes first past the byte bound', () => {
    const small = new LineCache(10, () => now);
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    writeFileSync(a, '123456\n');
    writeFileSync(b, '654321\n');
    const la = small.read(a);
    small.read(b);
    writeFileSync(a, '123456\n');
    assert.notEqual(small.read(a, true), la, 'a was evicted when b came in: read again');
    rmSync(b);
    assert.equal(small.read(b), undefined);
  });
});
