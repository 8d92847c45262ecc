import { strict as assert } from 'node:assert';
import { describe, it, mock } from 'node:test';
import { debounceWait } from '@src/server/debounceWait';

describe('debounceWait', () => {
  it('runs the work ahead leadMs before the end of the wait, then resolves true', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const events: string[] = [];
      const waited = debounceWait(100, new AbortController().signal, { leadMs: 20, run: () => events.push('ahead') }).then((ok) => events.push(`done ${ok}`));
      mock.timers.tick(79);
      await Promise.resolve();
      assert.deepEqual(events, []);
      mock.timers.tick(1);
      assert.deepEqual(events, ['ahead']);
      mock.timers.tick(19);
      await Promise.resolve();
      assert.deepEqual(events, ['ahead']);
      mock.timers.tick(1);
      await waited;
      assert.deepEqual(events, ['ahead', 'done true']);
    } finally {
      mock.timers.reset();
    }
  });

  it('a wait shorter than the lead runs the work at once, still before it resolves', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const events: string[] = [];
      const waited = debounceWait(5, new AbortController().signal, { leadMs: 20, run: () => events.push('ahead') }).then((ok) => events.push(`done ${ok}`));
      mock.timers.tick(0);
      assert.deepEqual(events, ['ahead']);
      mock.timers.tick(5);
      await waited;
      assert.deepEqual(events, ['ahead', 'done true']);
    } finally {
      mock.timers.reset();
    }
  });

  it('an abort before the work is due resolves false and the work never runs', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let ran = 0;
      const controller = new AbortController();
      const waited = debounceWait(100, controller.signal, { leadMs: 20, run: () => ran++ });
      mock.timers.tick(50);
      controller.abort();
      assert.equal(await waited, false);
      mock.timers.tick(200);
      assert.equal(ran, 0);
    } finally {
      mock.timers.reset();
    }
  });

  it('an already aborted signal resolves false at once; no work ahead is fine', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(await debounceWait(100, controller.signal, { leadMs: 20, run: () => assert.fail('ran') }), false);
    assert.equal(await debounceWait(1, new AbortController().signal), true);
  });
});
