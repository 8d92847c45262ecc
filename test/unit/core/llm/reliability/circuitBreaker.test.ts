import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CircuitBreaker } from '@src/core/llm/reliability/circuitBreaker';

function clock() {
  let t = 0;
  return { now: () => t, sleep: async () => undefined, advance: (ms: number) => void (t += ms) };
}

describe('circuit breaker', () => {
  it('opens after N consecutive failures; a success in between resets the count', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 }, c);
    b.recordFailure('a');
    b.recordFailure('b');
    b.recordSuccess();
    b.recordFailure('c');
    b.recordFailure('d');
    assert.equal(b.current(), 'closed');
    b.recordFailure('e');
    assert.equal(b.current(), 'open');
    assert.equal(b.tryAcquire(), false);
    assert.equal(b.reason(), 'e');
  });

  it('half-open after the cooldown lets exactly one probe through; success closes', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000 }, c);
    b.recordFailure('down');
    c.advance(999);
    assert.equal(b.tryAcquire(), false);
    c.advance(1);
    assert.equal(b.current(), 'halfOpen');
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false, 'one probe at a time');
    b.recordSuccess();
    assert.equal(b.current(), 'closed');
  });

  it('a failed probe reopens with a doubled cooldown', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000 }, c);
    const states: string[] = [];
    b.onChange((s) => states.push(s));
    b.recordFailure('x');
    c.advance(1000);
    assert.equal(b.tryAcquire(), true);
    b.recordFailure('still down');
    assert.equal(b.msUntilProbe(), 2000);
    c.advance(2000);
    assert.equal(b.tryAcquire(), true);
    b.recordSuccess();
    assert.deepEqual(states, ['open', 'open', 'closed']);
  });
});
