import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionMetrics, summarize } from '@src/core/completion/completionMetrics';

const latency = (totalMs: number, firstTokenMs?: number) => ({ debounceMs: 50, contextMs: 5, totalMs, ...(firstTokenMs === undefined ? {} : { firstTokenMs }) });

describe('CompletionMetrics', () => {
  it('counts outcomes once per shown suggestion', () => {
    const metrics = new CompletionMetrics();
    metrics.recordShown({ id: 'a', fromCache: false, latency: latency(300, 200) });
    metrics.recordShown({ id: 'b', fromCache: true, latency: latency(60) });
    metrics.recordShown({ id: 'c', fromCache: false, latency: latency(400, 250) });
    metrics.recordShown({ id: 'd', fromCache: false, latency: latency(350, 220) });
    metrics.recordPartiallyAccepted('a');
    metrics.recordPartiallyAccepted('a');
    metrics.recordAccepted('b');
    metrics.recordDismissed('c');
    metrics.recordDismissed('c');
    metrics.recordAccepted('unknown');
    const s = metrics.snapshot();
    assert.deepEqual([s.shown, s.accepted, s.partiallyAccepted, s.dismissed], [4, 1, 1, 1]);
    assert.equal(s.acceptRate, 0.5);
    assert.equal(s.cacheServedShare, 0.25);
    assert.equal(s.latency.firstToken.count, 3, 'cache-served suggestions have no first token');
    assert.equal(s.latency.total.count, 4);
    assert.equal(s.latency.total.p50, 300);
    assert.equal(s.latency.total.p95, 400);
  });

  it('snapshots are plain JSON', () => {
    const metrics = new CompletionMetrics();
    metrics.recordShown({ id: 'a', fromCache: false, latency: latency(120, 80) });
    const s = metrics.snapshot();
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });

  it('keeps a bounded window of latency samples', () => {
    const metrics = new CompletionMetrics(10);
    for (let i = 0; i < 50; i++) metrics.recordShown({ id: String(i), fromCache: false, latency: latency(i < 40 ? 1000 : 100, 10) });
    const s = metrics.snapshot();
    assert.equal(s.latency.total.count, 10);
    assert.equal(s.latency.total.p95, 100, 'old slow samples have aged out');
    assert.equal(s.shown, 50, 'counts are not windowed');
  });

  it('an empty snapshot has zeros, not NaN', () => {
    const s = new CompletionMetrics().snapshot();
    assert.equal(s.acceptRate, 0);
    assert.deepEqual(s.latency.total, { count: 0, p50: 0, p95: 0, mean: 0 });
  });
});

describe('summarize', () => {
  it('uses nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual(summarize(values), { count: 100, p50: 50, p95: 95, mean: 50.5 });
    assert.deepEqual(summarize([7]), { count: 1, p50: 7, p95: 7, mean: 7 });
  });
});

describe('CompletionMetrics.onEvent', () => {
  it('tells a listener each shown suggestion and each first outcome, with the language', () => {
    const metrics = new CompletionMetrics();
    const seen: string[] = [];
    const off = metrics.onEvent((e) => seen.push(e.kind === 'shown' ? `shown ${e.event.id} ${e.event.languageId} ${e.event.source}` : `${e.kind} ${e.id} ${e.languageId}`));
    metrics.recordShown({ id: 'a', languageId: 'go', source: 'model', fromCache: false, latency: latency(100, 80) });
    metrics.recordShown({ id: 'b', languageId: 'python', source: 'cache', fromCache: true, latency: latency(2) });
    metrics.recordPartiallyAccepted('a');
    metrics.recordAccepted('a'); // a second outcome of the same suggestion does not count
    metrics.recordDismissed('b');
    metrics.recordDismissed('unknown');
    off();
    metrics.recordShown({ id: 'c', fromCache: false, latency: latency(1) });
    assert.deepEqual(seen, ['shown a go model', 'shown b python cache', 'partiallyAccepted a go', 'dismissed b python']);
  });
});
