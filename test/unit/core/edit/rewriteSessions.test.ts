import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RewriteCancelledError, RewriteSessions, rangesOverlap, type Range } from '@src/core/edit';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function reasonOf(signal: AbortSignal): string | undefined {
  return signal.reason instanceof RewriteCancelledError ? signal.reason.reason : undefined;
}

describe('RewriteSessions', () => {
  it('a second rewrite of an overlapping range cancels the first', () => {
    const sessions = new RewriteSessions();
    const first = sessions.start('a.ts', r(2, 0, 5, 0), 1);
    const second = sessions.start('a.ts', r(4, 0, 6, 0), 1);
    assert.equal(first.signal.aborted, true);
    assert.equal(reasonOf(first.signal), 'superseded');
    assert.equal(second.signal.aborted, false);
    assert.deepEqual(sessions.active('a.ts').map((s) => s.id), [second.id]);
  });

  it('rewrites of disjoint ranges, or of other documents, run side by side', () => {
    const sessions = new RewriteSessions();
    const a = sessions.start('a.ts', r(0, 0, 2, 0), 1);
    const b = sessions.start('a.ts', r(2, 0, 4, 0), 1);
    const c = sessions.start('b.ts', r(0, 0, 2, 0), 7);
    assert.deepEqual([a, b, c].map((s) => s.signal.aborted), [false, false, false]);
    assert.equal(sessions.active().length, 3);
  });

  it('a document change cancels that document\'s rewrites with a message naming the versions', () => {
    const sessions = new RewriteSessions();
    const a = sessions.start('a.ts', r(0, 0, 1, 0), 3);
    const other = sessions.start('b.ts', r(0, 0, 1, 0), 3);
    sessions.documentChanged('a.ts', 4);
    assert.equal(reasonOf(a.signal), 'document-changed');
    assert.match((a.signal.reason as Error).message, /version 3 → 4/);
    assert.equal(other.signal.aborted, false);
    assert.deepEqual(sessions.active('a.ts'), []);
  });

  it('a change notification for the version a rewrite started from cancels nothing', () => {
    const sessions = new RewriteSessions();
    const a = sessions.start('a.ts', r(0, 0, 1, 0), 3);
    sessions.documentChanged('a.ts', 3);
    assert.equal(a.signal.aborted, false);
  });

  it('finish removes a session without aborting it; cancel and dispose abort with their reasons', () => {
    const sessions = new RewriteSessions();
    const done = sessions.start('a.ts', r(0, 0, 1, 0), 1);
    sessions.finish(done);
    assert.equal(done.signal.aborted, false);
    assert.deepEqual(sessions.active(), []);
    const stopped = sessions.start('a.ts', r(0, 0, 1, 0), 1);
    sessions.cancel(stopped);
    assert.equal(reasonOf(stopped.signal), 'cancelled');
    const x = sessions.start('a.ts', r(0, 0, 1, 0), 1);
    const y = sessions.start('b.ts', r(0, 0, 1, 0), 1);
    sessions.dispose('a.ts');
    assert.equal(reasonOf(x.signal), 'disposed');
    assert.equal(y.signal.aborted, false);
    sessions.dispose();
    assert.equal(reasonOf(y.signal), 'disposed');
  });

  it('a finished session does not cancel a later one, and a later start does not touch it', () => {
    const sessions = new RewriteSessions();
    const a = sessions.start('a.ts', r(0, 0, 3, 0), 1);
    sessions.finish(a);
    sessions.start('a.ts', r(1, 0, 2, 0), 2);
    assert.equal(a.signal.aborted, false);
  });
});

describe('rangesOverlap', () => {
  it('treats shared text as overlap and touching ranges as disjoint', () => {
    assert.equal(rangesOverlap(r(1, 0, 3, 0), r(2, 5, 4, 0)), true);
    assert.equal(rangesOverlap(r(1, 0, 3, 0), r(3, 0, 4, 0)), false);
  });

  it('treats a cursor inside or at the edge of a range as overlap', () => {
    assert.equal(rangesOverlap(r(2, 0, 2, 0), r(1, 0, 3, 0)), true);
    assert.equal(rangesOverlap(r(3, 0, 3, 0), r(1, 0, 3, 0)), true);
    assert.equal(rangesOverlap(r(5, 0, 5, 0), r(1, 0, 3, 0)), false);
    assert.equal(rangesOverlap(r(5, 0, 5, 0), r(5, 0, 5, 0)), true);
  });
});
