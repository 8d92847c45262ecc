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
});
