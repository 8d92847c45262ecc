import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionEngine } from '@src/core/completion/pipeline/completionEngine';
import { pipelineSettings } from '@src/core/completion/pipeline/pipelineSettings';
import type { CompletionInput } from '@src/core/completion/pipeline/types';
import { defaultSettings } from '@src/core/config/settings';
import { ModelError } from '@src/core/llm/errors';
import { FakeClock, FakeModel, gate } from './fakes';
import type { CompletionModel } from '@src/core/completion/pipeline/types';

const DOC = 'const user = service.\n';
const at = (text: string, offset: number, explicit = false): CompletionInput => ({
  uri: 'file:///ws/main.ts', file: '/ws/main.ts', relPath: 'main.ts', text, offset, position: { line: 0, character: offset }, languageId: 'typescript', explicit,
});

/** A fake clock whose context time box (150 ms) never fires: the box would otherwise advance fake time. */
class BoxlessClock extends FakeClock {
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms !== pipelineSettings(defaultSettings()).contextTimeBoxMs) return super.sleep(ms, signal);
    return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  }
}

function engine(model: FakeModel, extra: Partial<ConstructorParameters<typeof CompletionEngine>[0]> = {}) {
  return new CompletionEngine({ model: () => model, settings: () => pipelineSettings(defaultSettings()), clock: new FakeClock(), ...extra });
}

describe('CompletionEngine', () => {
  it('runs the stages: context in the prompt, streamed answer cut and filtered, into a suggestion', async () => {
    const model = new FakeModel(() => ['findUser', '(id);', '\nconsole.log(user);']);
    const e = engine(model, { context: () => async () => ({ snippets: [{ file: 'service.ts', startLine: 0, endLine: 0, text: 'findUser(id: string): User', source: 'definition', score: 1 }] }) });
    const outcome = await e.complete(at(DOC, 21), new AbortController().signal);
    assert.equal(outcome.kind, 'suggestion');
    assert.ok(outcome.kind === 'suggestion');
    assert.equal(outcome.suggestion.text, 'findUser(id);');
    assert.equal(outcome.source, 'model');
    assert.deepEqual(model.calls[0]!.request.snippets, [{ path: 'service.ts', content: 'findUser(id: string): User' }]);
    assert.equal(model.calls[0]!.request.prefix, 'const user = service.');
    assert.ok(outcome.timings.debounce > 0, 'automatic requests wait out the debounce');
  });

  it('banyan.completion.multiline = endOfLine asks for a block where only closers follow; the default keeps it to the line', async () => {
    const answer = () => ['findUser', '(id);', '\nconsole.log(user);'];
    const lineModel = new FakeModel(answer);
    const byDefault = await engine(lineModel).complete(at(DOC, 21), new AbortController().signal);
    assert.ok(byDefault.kind === 'suggestion');
    assert.equal(byDefault.multiline, false);
    assert.equal(lineModel.calls[0]!.request.maxTokens, 64, 'a one-line answer is capped');
    const blockModel = new FakeModel(answer);
    const endOfLine = new CompletionEngine({ model: () => blockModel, settings: () => pipelineSettings({ ...defaultSettings(), 'completion.multiline': 'endOfLine' }), clock: new FakeClock() });
    const wide = await endOfLine.complete(at(DOC, 21), new AbortController().signal);
    assert.ok(wide.kind === 'suggestion');
    assert.equal(wide.multiline, true);
    assert.equal(blockModel.calls[0]!.request.maxTokens, undefined, 'a block gets the role\'s own limit');
  });

  it('context is assembled in the last milliseconds of the debounce: the request leaves when the window ends, and only context time past it is overhead', async () => {
    const clock = new BoxlessClock();
    let contextAt = -1;
    const model = new FakeModel(() => ['findUser(id);']);
    const e = new CompletionEngine({
      model: () => model,
      settings: () => pipelineSettings(defaultSettings()),
      clock,
      context: () => async () => {
        contextAt = clock.now();
        clock.time += 6; // six milliseconds of index work
        return { snippets: [] };
      },
    });
    const start = clock.now();
    const outcome = await e.complete(at(DOC, 21), new AbortController().signal);
    assert.ok(outcome.kind === 'suggestion');
    const planned = outcome.timings.debounce;
    assert.ok(planned > 40, 'an automatic request waits');
    assert.equal(contextAt - start, planned - 40, 'context starts the initial 40 ms lead before the window ends');
    assert.equal(outcome.timings.context, 6);
    const engineStats = e.snapshot().engine;
    assert.equal(engineStats.overheadMs.max, 0, 'the context ran inside the window: no latency added');
    assert.equal(engineStats.contextMs.max, 6);

    // Context work longer than the lead delays the request by the difference, counted as overhead.
    clock.time += 10_000;
    const slow = new CompletionEngine({
      model: () => model,
      settings: () => pipelineSettings(defaultSettings()),
      clock,
      context: () => async () => {
        clock.time += 50;
        return { snippets: [] };
      },
    });
    await slow.complete(at(DOC, 21), new AbortController().signal);
    assert.equal(slow.snapshot().engine.overheadMs.max, 10);
    assert.equal(slow.snapshot().engine.overheadWithoutContextMs.max, 0);
  });

  it('the slowest requests are kept with where their overhead went: the context past the window, its sources, and GC only within the request\'s own time', async () => {
    const clock = new BoxlessClock();
    let contextMs = 5;
    const e = engine(new FakeModel(() => ['findUser(id);']), {
      clock,
      context: () => async () => {
        clock.time += contextMs;
        return { snippets: [], timings: { cursor: 1, definitions: contextMs - 3, similar: 2, total: contextMs - 1 } };
      },
    });
    for (const [i, ms] of [5, 52, 44].entries()) {
      contextMs = ms;
      clock.time += 10_000;
      const text = `const user${i} = service.\n`; // a new place each time: no cached answer
      await e.complete(at(text, text.length - 1), new AbortController().signal);
    }
    const slowest = e.snapshot((from, to) => to - from).engine.slowest;
    assert.deepEqual(slowest.map((r) => r.overheadMs), [12, 4, 0], 'slowest first; the 40 ms lead hides the context up to 40 ms');
    const [worst] = slowest;
    assert.equal(worst!.outcome, 'suggestion (model)');
    assert.equal(worst!.phases.contextPastWindow, 12);
    assert.equal(worst!.phases.context, 52);
    assert.equal(worst!.phases['context.definitions'], 49);
    assert.equal(worst!.phases.contextYielded, 1, 'the assembly\'s wall time its steps do not account for');
    assert.equal(worst!.phases.unaccounted, 0);
    assert.equal(worst!.gcMs, 12, 'GC is looked for in the request\'s own time only: not in the debounce window, not in the model wait');
    assert.equal(e.snapshot().engine.slowest[0]!.gcMs, undefined, 'no GC figure where the host does not watch it');
  });

  it('an assembly whose request is cancelled before its prompt goes out counts as discarded; the answered-only overhead leaves cancelled requests out', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    const model = new FakeModel(() => ['findUser(id);']);
    const e = engine(model, {
      clock,
      context: () => async () => {
        // The next key arrives while the context is assembled, and the server notices it 25 ms late.
        clock.time += 25;
        controller.abort();
        return { snippets: [] };
      },
    });
    const cancelled = await e.complete(at(DOC, 21), controller.signal);
    assert.equal(cancelled.kind, 'cancelled');
    const after = e.snapshot().engine;
    assert.equal(after.contextDiscarded, 1);
    assert.equal(after.overheadMs.count, 1);
    assert.equal(after.overheadAnsweredMs.count, 0);
    assert.equal(model.calls.length, 0);

    const answered = engine(new FakeModel(() => ['findUser(id);']), { context: () => async () => ({ snippets: [] }) });
    assert.equal((await answered.complete(at(DOC, 21), new AbortController().signal)).kind, 'suggestion');
    const stats = answered.snapshot().engine;
    assert.equal(stats.contextDiscarded, 0, 'an assembly whose prompt went out was used');
    assert.equal(stats.overheadAnsweredMs.count, 1);
  });

  it('typing the start of the suggestion serves the rest with no new model request; the same context again comes from the cache', async () => {
    const model = new FakeModel(() => ['findUser(id);']);
    const e = engine(model);
    await e.complete(at(DOC, 21), new AbortController().signal);
    const typed = 'const user = service.find\n';
    const next = await e.complete(at(typed, 25), new AbortController().signal);
    assert.ok(next.kind === 'suggestion');
    assert.equal(next.source, 'typedAhead');
    assert.equal(next.suggestion.text, 'User(id);');
    const back = await e.complete({ ...at(DOC, 21), uri: 'file:///other.ts' }, new AbortController().signal);
    assert.ok(back.kind === 'suggestion');
    assert.equal(back.source, 'cache');
    assert.equal(model.calls.length, 1);
    const snap = e.snapshot();
    assert.equal(snap.engine.modelRequests, 1);
    assert.equal(snap.engine.served.typedAhead, 1);
    assert.ok(snap.cacheServedShare > 0.6);
  });

  it('a run adopted before it streamed what was typed since, that then writes something else, gives way to a new request for this place', async () => {
    const slowPrompt = gate();
    const prefixes: string[] = [];
    const model: CompletionModel = {
      async *complete(req) {
        prefixes.push(req.prefix);
        if (req.prefix.endsWith('return')) {
          await slowPrompt.promise;
          yield { type: 'text', text: 'Wfunction();' };
        } else yield { type: 'text', text: 'total;' };
      },
    };
    const e = engine(new FakeModel(() => []), { model: () => model });
    const first = e.complete(at('  return\n', 8), new AbortController().signal);
    while (prefixes.length === 0) await new Promise((r) => setImmediate(r));
    // The user typed a space while the model was still reading its prompt: the run is adopted.
    const second = e.complete(at('  return \n', 9, true), new AbortController().signal);
    await new Promise((r) => setImmediate(r));
    slowPrompt.release();
    assert.equal((await first).kind, 'suggestion');
    const outcome = await second;
    assert.ok(outcome.kind === 'suggestion', JSON.stringify(outcome));
    assert.equal(outcome.suggestion.text, 'total;');
    assert.equal(outcome.source, 'model');
    assert.deepEqual(prefixes, ['  return', '  return ']);
  });

  it('accept, partial accept and dismissal are counted once per suggestion', async () => {
    const e = engine(new FakeModel((req) => [req.prefix.endsWith('.') ? 'findUser(id);' : 'other();']));
    const first = await e.complete(at(DOC, 21), new AbortController().signal);
    assert.ok(first.kind === 'suggestion');
    e.recordAccepted(first.suggestion.id, 'partial');
    e.recordAccepted(first.suggestion.id, 'full');
    const second = await e.complete(at('let x = \n', 8), new AbortController().signal);
    assert.ok(second.kind === 'suggestion');
    await e.complete(at('let x = y\n', 9), new AbortController().signal); // typed something else: dismissed
    const m = e.snapshot();
    assert.deepEqual([m.shown, m.partiallyAccepted, m.accepted, m.dismissed], [3, 1, 0, 1]);
  });

  it('a cancelled request is reported as cancelled and never reaches the model', async () => {
    const model = new FakeModel(() => ['x']);
    const c = new AbortController();
    c.abort();
    const outcome = await engine(model).complete(at(DOC, 21), c.signal);
    assert.equal(outcome.kind, 'cancelled');
    assert.equal(model.calls.length, 0);
  });

  it('a failing model gives no suggestion, says why once to the caller, and keeps working', async () => {
    const errors: unknown[] = [];
    const e = engine(new FakeModel(() => [], { fail: new ModelError('refused', 'nothing is listening') }), { onModelError: (err) => errors.push(err) });
    const outcome = await e.complete(at(DOC, 21, true), new AbortController().signal);
    assert.equal(outcome.kind, 'none');
    assert.ok(outcome.kind === 'none' && outcome.reason === 'model failed (refused)');
    assert.equal(errors.length, 1);
    assert.equal(e.snapshot().engine.none['model failed (refused)'], 1);
  });

  it('skips (and snoozes) before doing any work; explicit requests ignore the snooze', async () => {
    const model = new FakeModel(() => ['findUser(id);']);
    const e = engine(model);
    e.snooze(5);
    const snoozed = await e.complete(at(DOC, 21), new AbortController().signal);
    assert.ok(snoozed.kind === 'none' && snoozed.reason === 'snoozed');
    assert.equal((await e.complete(at(DOC, 21, true), new AbortController().signal)).kind, 'suggestion');
    e.snooze(0);
    assert.equal(e.snoozeLeftMs(), 0);
  });

  it('the windows are parsed while the request waits out its debounce, not before it; a parse that fails there fails the request as before', async () => {
    // Sleeps that take a real turn of the event loop, as timers do.
    class WaitingClock extends FakeClock {
      sleeping = 0;
      override sleep(ms: number, signal?: AbortSignal): Promise<void> {
        this.sleeping++;
        return new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => {
          this.sleeping--;
          return super.sleep(ms, signal);
        });
      }
    }
    const clock = new WaitingClock();
    const parsedWhile: number[] = [];
    const model = new FakeModel(() => ['findUser(id);']);
    const e = engine(model, { clock, syntax: () => (parsedWhile.push(clock.sleeping), undefined) });
    const outcome = await e.complete(at(DOC, 21), new AbortController().signal);
    assert.ok(outcome.kind === 'suggestion' && outcome.timings.debounce > 0);
    assert.deepEqual(parsedWhile, [1], 'parsed once, during the debounce sleep');

    const broken = engine(model, { clock: new WaitingClock(), syntax: () => { throw new Error('grammar trouble'); } });
    await assert.rejects(broken.complete(at(DOC, 21), new AbortController().signal), /grammar trouble/);
  });
});
