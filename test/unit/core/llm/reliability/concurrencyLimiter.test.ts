import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConcurrencyLimiter } from '@src/core/llm/reliability/concurrencyLimiter';

describe('concurrency limiter', () => {
  it('queues beyond the limit, in order', async () => {
    const l = new ConcurrencyLimiter(1);
    const order: number[] = [];
    const r1 = await l.acquire();
    const p2 = l.acquire().then((r) => (order.push(2), r));
    const p3 = l.acquire().then((r) => (order.push(3), r));
    assert.equal(l.waiting(), 2);
    r1();
    (await p2)();
    (await p3)();
    assert.deepEqual(order, [2, 3]);
    assert.equal(l.inFlight(), 0);
  });

  it('a cancelled waiter leaves the queue and never takes a slot', async () => {
    const l = new ConcurrencyLimiter(1);
    const r1 = await l.acquire();
    const c = new AbortController();
    const p = l.acquire(c.signal);
    c.abort(new Error('gone'));
    await assert.rejects(p, /gone/);
    assert.equal(l.waiting(), 0);
    r1();
    assert.equal(l.inFlight(), 0);
  });

  it('releasing twice frees one slot only', async () => {
    const l = new ConcurrencyLimiter(2);
    const r = await l.acquire();
    await l.acquire();
    r();
    r();
    assert.equal(l.inFlight(), 1);
  });
});
