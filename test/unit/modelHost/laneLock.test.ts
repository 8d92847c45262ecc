import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LaneLock } from '@src/modelHost/laneLock';

describe('LaneLock', () => {
  it('one holder at a time, waiters in order, a cancelled waiter leaves the queue at once', async () => {
    const lock = new LaneLock();
    const order: string[] = [];
    const release1 = await lock.acquire(new AbortController().signal);
    const cancelled = new AbortController();
    const second = lock.acquire(cancelled.signal).then(() => order.push('second'), () => order.push('second cancelled'));
    const third = lock.acquire(new AbortController().signal).then((r) => {
      order.push('third');
      r();
    });
    cancelled.abort(new Error('cancelled'));
    await second;
    assert.deepEqual(order, ['second cancelled']);
    release1();
    await third;
    assert.deepEqual(order, ['second cancelled', 'third']);
    assert.equal(lock.idle, true);
    await assert.rejects(lock.acquire(AbortSignal.abort(new Error('already'))), /already/);
  });
});
