import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AdaptiveDebounce } from '../../../../../src/core/completion/economy/adaptiveDebounce';
import { debounceStage } from '../../../../../src/core/completion/pipeline/debounceStage';
import { CancelledError } from '../../../../../src/core/completion/pipeline/types';
import { FakeClock } from './fakes';

describe('debounceStage', () => {
  it('waits the learned delay, capped by the setting', async () => {
    const clock = new FakeClock();
    const waited = await debounceStage(new AdaptiveDebounce({ initialMs: 150 }), clock, { explicit: false, atLineStart: false }, 100, new AbortController().signal);
    assert.deepEqual(clock.sleeps, [100]);
    assert.equal(waited, 100);
  });

  it('does not wait for explicit requests or at a line start', async () => {
    const clock = new FakeClock();
    const d = new AdaptiveDebounce();
    assert.equal(await debounceStage(d, clock, { explicit: true, atLineStart: false }, 350, new AbortController().signal), 0);
    assert.equal(await debounceStage(d, clock, { explicit: false, atLineStart: true }, 350, new AbortController().signal), 0);
    assert.deepEqual(clock.sleeps, []);
  });

  it('a cancelled request ends during the wait', async () => {
    const c = new AbortController();
    c.abort();
    await assert.rejects(debounceStage(new AdaptiveDebounce(), new FakeClock(), { explicit: false, atLineStart: false }, 350, c.signal), CancelledError);
  });
});
