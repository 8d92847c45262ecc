import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createPostprocessContext } from '@src/core/completion/postprocess/createPostprocessContext';
import { ModelRuns, ORPHAN_GRACE_MS } from '@src/core/completion/pipeline/requestStage';
import { CancelledError, type PipelineClock } from '@src/core/completion/pipeline/types';
import { FakeClock, FakeModel, gate } from './fakes';

/** A clock whose sleeps end only when `advance` passes their deadline. */
class ManualClock implements PipelineClock {
  time = 0;
  private readonly timers: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      this.timers.push({ at: this.time + ms, resolve });
      signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    });
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const t of this.timers.filter((t) => t.at <= this.time)) t.resolve();
    await new Promise((r) => setImmediate(r));
  }
}

const cut = (prefix: string, suffix: string, multiline = false) => createPostprocessContext({ prefix, suffix, languageId: 'typescript', multiline });

describe('ModelRuns (streamed request stage)', () => {
  it('stops reading at the end of a single line and closes the stream', async () => {
    const model = new FakeModel(() => ['foo(', 'a);', '\nbar();', '\nbaz();']);
    const runs = new ModelRuns(new FakeClock());
    const run = runs.start(model, { prefix: 'x = ', suffix: '' }, 'x = ', '', cut('x = ', ''));
    const result = await runs.resultFor(run, new AbortController().signal);
    assert.equal(result.text, 'foo(a);');
    assert.equal(model.calls[0]!.closed, true);
    assert.equal(runs.started, 1);
  });

  it('a new prefix that extends a streaming run adopts it; one that does not aborts it', async () => {
    const hold = gate();
    const model = new FakeModel(() => ['findUser(id);'], { hold: hold.promise });
    const runs = new ModelRuns(new FakeClock());
    const run = runs.start(model, { prefix: 's.', suffix: '' }, 's.', '', cut('s.', '', true));
    await new Promise((r) => setImmediate(r)); // let the first piece stream in
    const adopted = runs.adopt('s.find', '');
    assert.equal(adopted?.run.id, run.id);
    assert.equal(adopted?.typed, 'find');
    assert.equal(runs.adopt('s.get', ''), undefined);
    const result = await run.result;
    assert.ok(result.error instanceof CancelledError);
    assert.equal(model.calls[0]!.signal?.aborted, true);
    hold.release();
  });

  it('a run nobody waits for any more is aborted after the grace period', async () => {
    const hold = gate();
    const model = new FakeModel(() => ['a'], { hold: hold.promise });
    const runs = new ModelRuns(new FakeClock(), 150);
    const run = runs.start(model, { prefix: '', suffix: '' }, '', '', cut('', '', true));
    const request = new AbortController();
    const waiting = runs.resultFor(run, request.signal);
    request.abort();
    await assert.rejects(waiting, CancelledError);
    const result = await run.result;
    assert.ok(result.error instanceof CancelledError);
    assert.equal(model.calls[0]!.signal?.aborted, true);
    hold.release();
  });

  it('an explicit re-ask for the same place, cancelled first and sent a busy half-second later, adopts the run instead of starting over', async () => {
    const hold = gate();
    const model = new FakeModel(() => ['total;'], { hold: hold.promise });
    const clock = new ManualClock();
    const runs = new ModelRuns(clock);
    const run = runs.start(model, { prefix: 'return ', suffix: '' }, 'return ', '', cut('return ', ''));
    const first = new AbortController();
    const waiting = runs.resultFor(run, first.signal);
    first.abort(); // the editor cancels the request before sending the re-ask
    await assert.rejects(waiting, CancelledError);
    await clock.advance(500);
    const adopted = runs.adopt('return ', '');
    assert.equal(adopted?.run.id, run.id, 'the re-ask adopts the run');
    const second = runs.resultFor(adopted!.run, new AbortController().signal);
    await clock.advance(ORPHAN_GRACE_MS);
    hold.release();
    assert.equal((await second).text, 'total;');
    assert.equal(runs.started, 1);
    assert.equal(model.calls[0]!.signal?.aborted, false);
  });

  it('an orphan is still aborted once its grace period passes with no request', async () => {
    const hold = gate();
    const model = new FakeModel(() => ['a'], { hold: hold.promise });
    const clock = new ManualClock();
    const runs = new ModelRuns(clock);
    const run = runs.start(model, { prefix: '', suffix: '' }, '', '', cut('', '', true));
    const request = new AbortController();
    const waiting = runs.resultFor(run, request.signal);
    request.abort();
    await assert.rejects(waiting, CancelledError);
    await clock.advance(ORPHAN_GRACE_MS - 1);
    assert.equal(model.calls[0]!.signal?.aborted, false);
    await clock.advance(1);
    assert.equal(model.calls[0]!.signal?.aborted, true);
    assert.ok((await run.result).error instanceof CancelledError);
    hold.release();
  });

  it('a model failure comes back as the result\'s error, with what streamed before', async () => {
    const runs = new ModelRuns(new FakeClock());
    const run = runs.start(new FakeModel(() => [], { fail: new Error('refused') }), { prefix: '', suffix: '' }, '', '', cut('', ''));
    const result = await runs.resultFor(run, new AbortController().signal);
    assert.equal((result.error as Error).message, 'refused');
    assert.equal(result.text, '');
  });
});
