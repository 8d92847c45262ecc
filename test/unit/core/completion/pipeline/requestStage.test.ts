import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createPostprocessContext } from '@src/core/completion/postprocess/createPostprocessContext';
import { ModelRuns } from '@src/core/completion/pipeline/requestStage';
import { CancelledError } from '@src/core/completion/pipeline/types';
import { FakeClock, FakeModel, gate } from './fakes';

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

  it('a model failure comes back as the result\'s error, with what streamed before', async () => {
    const runs = new ModelRuns(new FakeClock());
    const run = runs.start(new FakeModel(() => [], { fail: new Error('refused') }), { prefix: '', suffix: '' }, '', '', cut('', ''));
    const result = await runs.resultFor(run, new AbortController().signal);
    assert.equal((result.error as Error).message, 'refused');
    assert.equal(result.text, '');
  });
});
