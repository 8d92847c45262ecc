import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AdaptiveDebounce } from '@src/core/completion/economy/adaptiveDebounce';
import { ContextLead, debounceDelay, debounceStage } from '@src/core/completion/pipeline/debounceStage';
import { CancelledError } from '@src/core/completion/pipeline/types';
import { FakeClock } from './fakes';

const live = () => new AbortController().signal;

describe('debounceDelay', () => {
  it('is the learned delay, capped by the setting', () => {
    assert.equal(debounceDelay(new AdaptiveDebounce({ initialMs: 150 }), { explicit: false, atLineStart: false }, 100), 100);
  });

  it('follows the setting as it is now, raised as well as lowered, whatever the debounce was built with', () => {
    const d = new AdaptiveDebounce({ maxMs: 350 });
    for (let t = 0; t <= 4000; t += 800) d.recordKeystroke(t); // a slow typist: gaps of 800 ms
    const typing = { explicit: false, atLineStart: false };
    const learned = d.delayFor({ ...typing, maxMs: 10_000 }); // mean gap + its spread: about 1 s
    assert.ok(learned > 800 && learned < 1200, `learned ${learned} ms`);
    assert.equal(debounceDelay(d, typing, 350), 350);
    assert.equal(debounceDelay(d, typing, 1200), learned, 'raised: no longer cut at the 350 ms it was built with');
    assert.equal(debounceDelay(d, typing, 100), 100);
  });

  it('is 0 for explicit requests and at a line start', () => {
    const d = new AdaptiveDebounce();
    assert.equal(debounceDelay(d, { explicit: true, atLineStart: false }, 350), 0);
    assert.equal(debounceDelay(d, { explicit: false, atLineStart: true }, 350), 0);
  });
});

describe('debounceStage', () => {
  it('runs the work `lead` ms before the window ends, then waits out the rest', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    let ranAt = -1;
    const value = await debounceStage(clock, 120, 15, live(), async () => {
      ranAt = clock.now() - start;
      clock.time += 5; // the work takes 5 ms
      return 'context';
    });
    assert.equal(value, 'context');
    assert.equal(ranAt, 105);
    assert.deepEqual(clock.sleeps, [105, 10]);
    assert.equal(clock.now() - start, 120, 'the request leaves when the window ends, not 5 ms later');
  });

  it('work that outlasts the lead delays the request by the difference only', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    await debounceStage(clock, 120, 15, live(), async () => {
      clock.time += 40;
    });
    assert.deepEqual(clock.sleeps, [105]);
    assert.equal(clock.now() - start, 145);
  });

  it('with no debounce the work runs at once', async () => {
    const clock = new FakeClock();
    assert.equal(await debounceStage(clock, 0, 15, live(), async () => 1), 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('a cancelled request ends during the wait, before any work', async () => {
    const c = new AbortController();
    c.abort();
    let ran = false;
    await assert.rejects(debounceStage(new FakeClock(), 200, 15, c.signal, async () => void (ran = true)), CancelledError);
    assert.equal(ran, false);
  });
});

describe('ContextLead', () => {
  it('starts at its bound: the first assemblies after a start are the slowest', () => {
    assert.equal(new ContextLead().ms(), 40);
  });

  it('starts at its initial value and follows a high percentile of recent durations, within bounds', () => {
    const lead = new ContextLead(10, 40, 32);
    assert.equal(lead.ms(), 10);
    for (const ms of [2, 3, 3, 4, 5, 3, 2, 3, 4, 9]) lead.record(ms);
    assert.equal(lead.ms(), 11, 'p95 of the ten (9) + 2');
    for (const ms of [2, 3, 3, 4, 5, 3, 2, 3, 4, 3]) lead.record(ms);
    assert.equal(lead.ms(), 7, 'p95 of the twenty (5) + 2: one slow run in twenty is not followed');
    for (let i = 0; i < 32; i++) lead.record(100);
    assert.equal(lead.ms(), 40);
  });
});
