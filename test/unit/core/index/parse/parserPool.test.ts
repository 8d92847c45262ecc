/** The parse pool's workers: ended when idle on request, started again by the next batch. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ParserPool } from '@src/core/index/parse/parserPool';
import { tempDir, write } from '../helpers/tempWorkspace';

describe('ParserPool.releaseIdle', () => {
  let dir: ReturnType<typeof tempDir>;
  let pool: ParserPool;
  const file = (name: string, fn: string) => write(dir.dir, name, `export function ${fn}(): number {\n  return 1;\n}\n`);
  const names = (results: Awaited<ReturnType<ParserPool['process']>>) =>
    results.flatMap((r) => (r.kind === 'indexed' ? r.extract.symbols.map((s) => s.name) : []));

  beforeEach(() => {
    dir = tempDir('banyan-pool-');
    pool = new ParserPool({ size: 1 });
  });
  afterEach(async () => {
    await pool.close();
    dir.cleanup();
  });

  it('ends an idle worker, and the next batch starts one that parses the same', async () => {
    const a = file('a.ts', 'alphaValue');
    const first = await pool.process([{ path: a, maxBytes: 1 << 20 }]);
    assert.equal(pool.workers, 1);
    await pool.releaseIdle();
    assert.equal(pool.workers, 0);
    const again = await pool.process([{ path: a, maxBytes: 1 << 20 }]);
    assert.equal(pool.workers, 1);
    assert.deepEqual(names(again), ['alphaValue']);
    assert.deepEqual(names(again), names(first));
  });

  it('keeps a worker that has a batch in flight: the batch completes', async () => {
    const b = file('b.ts', 'betaValue');
    const pending = pool.process([{ path: b, maxBytes: 1 << 20 }]);
    await pool.releaseIdle();
    assert.equal(pool.workers, 1);
    assert.deepEqual(names(await pending), ['betaValue']);
    await pool.releaseIdle();
    assert.equal(pool.workers, 0);
  });
});
