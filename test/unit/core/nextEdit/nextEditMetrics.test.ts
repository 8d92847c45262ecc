import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NextEditMetrics } from '@src/core/nextEdit/nextEditMetrics';

describe('NextEditMetrics', () => {
  it('counts where requests ended, per trigger', () => {
    const m = new NextEditMetrics();
    for (const s of ['asked', 'predicted', 'answered', 'asked', 'superseded', 'asked', 'predicted', 'aborted'] as const) m.recordStage('edit', s);
    m.recordStage('cursor', 'asked');
    m.recordStage('cursor', 'repeat');
    assert.deepEqual(m.snapshot().stages, {
      edit: { asked: 3, predicted: 2, answered: 1, superseded: 1, aborted: 1 },
      cursor: { asked: 1, repeat: 1 },
    });
  });

  it('a snapshot is a copy: later counts do not change it', () => {
    const m = new NextEditMetrics();
    m.recordStage('edit', 'asked');
    const before = m.snapshot();
    m.recordStage('edit', 'asked');
    assert.equal(before.stages.edit?.asked, 1);
    assert.equal(m.snapshot().stages.edit?.asked, 2);
  });

  it('keeps the three predictions with the most overhead, slowest first, with their phases', () => {
    const m = new NextEditMetrics();
    for (const [i, overhead] of [4, 9, 1, 12, 7, 3].entries()) {
      m.recordPrediction({ locateMs: overhead - 1, modelMs: 300, totalMs: 300 + overhead, requests: 1, phases: { rank: i } });
    }
    assert.deepEqual(m.snapshot().slowest.map((p) => [p.overheadMs, p.locateMs, p.phases.rank]), [[12, 11, 3], [9, 8, 1], [7, 6, 4]]);
    assert.equal(m.snapshot().slowest[0]!.gcMs, undefined, 'no collection figure without spans and a host that watches collections');
  });

  it('tells the garbage collection within a slow prediction\'s own work, not within its model wait', () => {
    const m = new NextEditMetrics();
    // Work 100-110, model 110-410, work 410-415.
    m.recordPrediction({ locateMs: 8, modelMs: 300, totalMs: 315, requests: 1, spans: [[100, 110], [410, 415]] });
    const pauses = [[105, 107], [200, 250], [414, 420]] as const;
    const gcWithin = (from: number, to: number) => pauses.reduce((ms, [a, b]) => ms + Math.max(0, Math.min(to, b) - Math.max(from, a)), 0);
    assert.equal(m.snapshot(gcWithin).slowest[0]!.gcMs, 3);
  });
});
