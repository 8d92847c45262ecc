import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AdaptiveDebounce } from '@src/core/completion/economy/adaptiveDebounce';

/** Types `count` keystrokes `gapMs` apart on a fake clock starting at `start`; returns the end time. */
function type(debounce: AdaptiveDebounce, start: number, count: number, gapMs: (i: number) => number): number {
  let now = start;
  for (let i = 0; i < count; i++) {
    debounce.recordKeystroke(now);
    now += gapMs(i);
  }
  return now;
}

describe('AdaptiveDebounce', () => {
  it('starts at the initial delay until it has seen the user type', () => {
    const debounce = new AdaptiveDebounce({ initialMs: 150 });
    assert.equal(debounce.delayFor(), 150);
    debounce.recordKeystroke(0);
    debounce.recordKeystroke(90);
    assert.equal(debounce.delayFor(), 150);
  });

  it('waits just longer than a steady typist\'s gap, so no request fires mid-word', () => {
    const debounce = new AdaptiveDebounce();
    type(debounce, 0, 60, () => 120);
    const delay = debounce.delayFor();
    assert.ok(delay > 120 && delay < 160, `delay ${delay}`);
  });

  it('learns a fast typist a shorter wait than a slow one', () => {
    const fast = new AdaptiveDebounce();
    const slow = new AdaptiveDebounce();
    type(fast, 0, 60, () => 70);
    type(slow, 0, 60, () => 200);
    assert.ok(fast.delayFor() < slow.delayFor(), `${fast.delayFor()} vs ${slow.delayFor()}`);
  });

  it('an irregular rhythm earns a longer wait than a regular one of the same mean', () => {
    const steady = new AdaptiveDebounce();
    const jittery = new AdaptiveDebounce();
    type(steady, 0, 60, () => 100);
    type(jittery, 0, 60, (i) => (i % 2 === 0 ? 40 : 160));
    assert.ok(jittery.delayFor() > steady.delayFor() + 40, `${jittery.delayFor()} vs ${steady.delayFor()}`);
  });

  it('pauses (reading, thinking) are not learned as typing rhythm', () => {
    const debounce = new AdaptiveDebounce({ pauseGapMs: 1500 });
    const end = type(debounce, 0, 30, () => 100);
    const before = debounce.delayFor();
    debounce.recordKeystroke(end + 60_000);
    debounce.recordKeystroke(end + 60_100);
    assert.equal(debounce.delayFor(), before);
  });

  it('shrinks the wait when the model is slow, so wait + latency stays within the budget', () => {
    const debounce = new AdaptiveDebounce({ totalBudgetMs: 700 });
    type(debounce, 0, 60, () => 180);
    const relaxed = debounce.delayFor();
    for (let i = 0; i < 20; i++) debounce.recordModelLatency(600);
    const delay = debounce.delayFor();
    assert.ok(delay < relaxed, `${delay} vs ${relaxed}`);
    assert.ok(delay <= 100 + 1, `delay ${delay}`);
  });

  it('fires at once for explicit requests and at line starts', () => {
    const debounce = new AdaptiveDebounce();
    type(debounce, 0, 20, () => 150);
    assert.equal(debounce.delayFor({ explicit: true }), 0);
    assert.equal(debounce.delayFor({ atLineStart: true }), 0);
  });

  it('always stays within its bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 10 }),
        (gaps, latencies) => {
          const debounce = new AdaptiveDebounce({ minMs: 25, maxMs: 350 });
          let now = 0;
          for (const gap of gaps) debounce.recordKeystroke((now += gap));
          for (const latency of latencies) debounce.recordModelLatency(latency);
          const delay = debounce.delayFor();
          assert.ok(delay >= 25 && delay <= 350, `delay ${delay}`);
        },
      ),
    );
  });
});
