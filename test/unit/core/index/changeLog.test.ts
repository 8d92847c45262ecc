import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeLog } from '@src/core/index/changeLog';

describe('ChangeLog', () => {
  it('names the files changed since a version; a change not tied to a file makes it unknown', () => {
    const log = new ChangeLog();
    const v0 = log.current();
    log.record('/a.ts');
    log.record('/b.ts');
    log.record('/a.ts');
    assert.deepEqual(log.changedSince(v0), new Set(['/a.ts', '/b.ts']));
    const v1 = log.current();
    log.record();
    log.record('/c.ts');
    assert.equal(log.changedSince(v1), undefined);
    assert.deepEqual(log.changedSince(log.current() - 1), new Set(['/c.ts']));
    assert.equal(log.changedSince(log.current() + 1), undefined);
  });

  it('forgets versions beyond what it keeps, and says so instead of answering wrong', () => {
    const log = new ChangeLog();
    const v0 = log.current();
    for (let i = 0; i < 600; i++) log.record(`/f${i}.ts`);
    assert.equal(log.changedSince(v0), undefined);
    const recent = log.changedSince(log.current() - 200);
    assert.equal(recent?.size, 200);
    assert.ok(recent?.has('/f599.ts') && !recent.has('/f399.ts'));
  });
});
