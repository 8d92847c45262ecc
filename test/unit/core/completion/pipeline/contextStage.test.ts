import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { contextStage, ContextTimeBoxClosed, type ContextSource } from '@src/core/completion/pipeline/contextStage';
import { CancelledError, systemClock } from '@src/core/completion/pipeline/types';
import { FakeClock } from './fakes';

const request = { file: '/ws/a.ts', text: 'x', position: { line: 0, character: 1 }, languageId: 'typescript', budgetTokens: 1024 };
const snippet = { file: 'b.ts', startLine: 0, endLine: 0, text: 'b', source: 'definition', score: 1 };

describe('contextStage', () => {
  it('passes the request and budget to the source and returns its snippets', async () => {
    let seen: unknown;
    const source: ContextSource = async (r) => {
      seen = r;
      return { snippets: [snippet] };
    };
    const result = await contextStage(source, request, new FakeClock(), 100, new AbortController().signal);
    assert.deepEqual(result, { snippets: [snippet] });
    assert.deepEqual(seen, { ...request, timeBoxMs: 100 });
  });

  it('goes on without context when the source is missing, too slow, or fails', async () => {
    const never: ContextSource = () => new Promise(() => undefined);
    assert.equal((await contextStage(undefined, request, new FakeClock(), 100, new AbortController().signal)).missing, 'no index');
    assert.equal((await contextStage(never, { ...request, file: undefined }, new FakeClock(), 100, new AbortController().signal)).missing, 'not a file');
    assert.equal((await contextStage(never, { ...request, budgetTokens: 0 }, new FakeClock(), 100, new AbortController().signal)).missing, 'budget 0');
    assert.equal((await contextStage(never, request, new FakeClock(), 100, new AbortController().signal)).missing, 'took over 100 ms');
    const failing: ContextSource = async () => {
      throw new Error('index closed');
    };
    assert.deepEqual(await contextStage(failing, request, new FakeClock(), 100, new AbortController().signal), { snippets: [], missing: 'failed: index closed' });
  });

  it('a source that yields between steps is cut at the time box on the real clock, and told to stop', async () => {
    let steps = 0;
    let stoppedBy: unknown;
    const slow: ContextSource = async (_r, signal) => {
      try {
        for (; steps < 50; steps++) {
          const until = performance.now() + 5;
          while (performance.now() < until); // 5 ms of synchronous work per step
          await new Promise<void>((resolve) => setImmediate(resolve));
          signal.throwIfAborted();
        }
        return { snippets: [snippet] };
      } catch (err) {
        stoppedBy = err;
        throw err;
      }
    };
    const result = await contextStage(slow, request, systemClock, 30, new AbortController().signal);
    assert.equal(result.missing, 'took over 30 ms');
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Not a timing assertion: the box fires at the first turn after 30 ms, and the source stops there.
    assert.ok(stoppedBy !== undefined && steps < 50, `the source saw the abort and stopped (after ${steps} steps)`);
  });

  it('when the box closes, a source blocked until told to stop answers with what it has: the prompt gets it', async () => {
    let reason: unknown;
    // An index that blocks until released: the source answers only when the box's signal tells it to stop.
    const blocked: ContextSource = (_r, signal) =>
      new Promise((resolve) => signal.addEventListener('abort', () => {
        reason = signal.reason;
        resolve({ snippets: [snippet] });
      }));
    const clock = new FakeClock();
    const result = await contextStage(blocked, request, clock, 100, new AbortController().signal);
    assert.deepEqual(result, { snippets: [snippet], cut: 'took over 100 ms' });
    assert.ok(reason instanceof ContextTimeBoxClosed, 'told why: the box closed, not a cancellation');
    assert.deepEqual(clock.sleeps, [100]);
    // Nothing found by then, or no answer within a turn: the prompt goes without.
    const empty: ContextSource = (_r, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({ snippets: [] })));
    assert.deepEqual(await contextStage(empty, request, new FakeClock(), 100, new AbortController().signal), { snippets: [], missing: 'took over 100 ms' });
  });

  it('a cancelled request stops here and tells the source', async () => {
    const c = new AbortController();
    let sourceSignal: AbortSignal | undefined;
    const source: ContextSource = (_r, signal) => {
      sourceSignal = signal;
      c.abort();
      return Promise.resolve({ snippets: [snippet] });
    };
    await assert.rejects(contextStage(source, request, new FakeClock(), 100, c.signal), CancelledError);
    assert.equal(sourceSignal?.aborted, true);
  });
});
