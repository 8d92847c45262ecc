import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ModelError } from '@src/core/llm/errors';
import { decideRetry, parseRetryAfter } from '@src/core/llm/reliability/retryPolicy';

const opts = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 4000, random: () => 1 };

describe('retry policy', () => {
  it('exponential ceiling with full jitter, capped', () => {
    const e = new ModelError('server', 'x');
    assert.deepEqual([1, 2, 3].map((a) => decideRetry(e, a, opts)), [{ retry: true, delayMs: 500 }, { retry: true, delayMs: 1000 }, { retry: true, delayMs: 2000 }]);
    assert.deepEqual(decideRetry(e, 2, { ...opts, random: () => 0.25 }), { retry: true, delayMs: 250 });
    assert.deepEqual(decideRetry(e, 5, { ...opts, maxRetries: 9 }), { retry: true, delayMs: 4000 });
  });
  it('gives up after maxRetries; completions (0) never retry', () => {
    assert.equal(decideRetry(new ModelError('timeout', 'x'), 4, opts).retry, false);
    assert.equal(decideRetry(new ModelError('timeout', 'x'), 1, { maxRetries: 0 }).retry, false);
  });
  it('honours Retry-After, refuses to wait for an absurd one', () => {
    assert.deepEqual(decideRetry(new ModelError('rateLimited', 'x', { retryAfterMs: 3000 }), 1, opts), { retry: true, delayMs: 3000 });
    assert.equal(decideRetry(new ModelError('rateLimited', 'x', { retryAfterMs: 3_600_000 }), 1, opts).retry, false);
  });
  it('never retries auth, bad requests, missing routes or models, aborts', () => {
    for (const kind of ['auth', 'badRequest', 'notFound', 'modelNotFound', 'aborted', 'contextWindow', 'badResponse'] as const) {
      assert.equal(decideRetry(new ModelError(kind, 'x'), 1, opts).retry, false, kind);
    }
  });
  it('parses Retry-After seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});
