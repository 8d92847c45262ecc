/** The recorder: suggestions' fates with the language and the model they were shown with, typing sums, usage, nothing without a log. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { InsightsLog } from '@src/core/insights/insightsLog';
import { InsightsRecorder } from '@src/core/insights/insightsRecorder';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-recorder-'));
after(() => rmSync(root, { recursive: true, force: true }));
const latency = { debounceMs: 12.345, contextMs: 3, firstTokenMs: 90, totalMs: 120 };

describe('InsightsRecorder', () => {
  it('an outcome carries the language and model of its shown suggestion, even after the model setting changed', async () => {
    const rec = new InsightsRecorder(() => 1_700_000_000_000);
    const log = new InsightsLog({ dir: path.join(root, 'a'), maxBytes: 1 << 20 });
    await rec.use(log);
    rec.setCompletionModel('qwen');
    rec.completion({ kind: 'shown', event: { id: 'c1', languageId: 'rust', source: 'model', fromCache: false, latency } });
    rec.setCompletionModel('deepseek');
    rec.completion({ kind: 'partiallyAccepted', id: 'c1', languageId: 'rust' });
    rec.completion({ kind: 'dismissed', id: 'c9', languageId: 'go' });
    const events = (await log.read()).events;
    assert.deepEqual(events.map((e) => [e.k, e.lang, e.model]), [['completion.shown', 'rust', 'qwen'], ['completion.partial', 'rust', 'qwen'], ['completion.dismissed', 'go', 'deepseek']]);
    assert.equal(events[0]!.debounceMs, 12.3);
    await rec.close();
  });

  it('sums typing and the engine\'s request counts into one event per flush', async () => {
    const rec = new InsightsRecorder();
    const log = new InsightsLog({ dir: path.join(root, 'b'), maxBytes: 1 << 20 });
    let counts = { requests: 10, modelRequests: 4 };
    await rec.use(log);
    rec.countRequests(() => counts);
    for (let i = 0; i < 40; i++) rec.typed(1);
    counts = { requests: 16, modelRequests: 5 };
    rec.flushTyping();
    rec.flushTyping(); // nothing new: no event
    rec.usage({ role: 'chat', model: 'gpt', endpoint: 'x', earlyStop: false, usage: { promptTokens: 5, completionTokens: 6, cachedTokens: 1, reported: true } });
    const events = (await log.read()).events;
    assert.deepEqual(events.map((e) => e.k), ['completion.typing', 'model.usage']);
    assert.deepEqual([events[0]!.chars, events[0]!.requests, events[0]!.modelRequests], [40, 6, 1]);
    await rec.close();
  });

  it('without a log every call is a no-op', async () => {
    const rec = new InsightsRecorder();
    rec.typed(5);
    rec.completion({ kind: 'shown', event: { id: 'c1', fromCache: false, latency } });
    rec.record('chat.turn', { status: 'done' });
    assert.equal(rec.current(), undefined);
    await rec.close();
  });
});
