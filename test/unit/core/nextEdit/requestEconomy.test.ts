import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NextEditEconomy } from '@src/core/nextEdit/requestEconomy';

/** A steady typist on a fake clock: `count` keystrokes `gapMs` apart from `start`; returns the end time. */
function type(economy: NextEditEconomy, start: number, count: number, gapMs: number): number {
  let now = start;
  for (let i = 0; i < count; i++) {
    economy.recordKeystroke(now);
    now += gapMs;
  }
  return now;
}

const at = (version: number, line = 3, character = 7, lastEditAt = 1000) => ({ version, line, character, lastEditAt });

describe('NextEditEconomy', () => {
  it('waits the adaptive debounce after typing while predictions are answered', () => {
    const economy = new NextEditEconomy();
    type(economy, 0, 40, 120);
    const base = economy.delayAfterEdit(350);
    assert.ok(base > 120 && base < 200, `base ${base}`);
    economy.recordAnswered('file:///a.ts', at(1), undefined);
    assert.equal(economy.delayAfterEdit(350), base);
  });

  it('waits half a debounce longer per wasted prediction in a row, at most twice as long', () => {
    const economy = new NextEditEconomy();
    type(economy, 0, 40, 120);
    const base = economy.delayAfterEdit(350);
    economy.recordWasted();
    assert.equal(economy.delayAfterEdit(350), Math.round(base * 1.5));
    economy.recordWasted();
    assert.equal(economy.delayAfterEdit(350), Math.round(base * 2));
    economy.recordWasted();
    economy.recordWasted();
    assert.equal(economy.delayAfterEdit(350), Math.round(base * 2));
  });

  it('goes back to the plain debounce once a prediction is answered for the text it was asked about', () => {
    const economy = new NextEditEconomy();
    type(economy, 0, 40, 120);
    const base = economy.delayAfterEdit(350);
    economy.recordWasted();
    economy.recordWasted();
    assert.ok(economy.delayAfterEdit(350) > base);
    economy.recordAnswered('file:///a.ts', at(9), 'ne-1');
    assert.equal(economy.delayAfterEdit(350), base);
    assert.deepEqual(economy.snapshot(), { wastedInARow: 0 });
  });

  it('the backoff follows the learned rhythm: a slower typist waits longer after a wasted prediction', () => {
    const fast = new NextEditEconomy();
    const slow = new NextEditEconomy();
    type(fast, 0, 40, 90);
    type(slow, 0, 40, 160);
    fast.recordWasted();
    slow.recordWasted();
    assert.ok(slow.delayAfterEdit(350) > fast.delayAfterEdit(350));
  });

  it('answers a request asking exactly what was last answered in that document, and only that', () => {
    const economy = new NextEditEconomy();
    const uri = 'file:///a.ts';
    economy.recordAnswered(uri, at(4), 'ne-3');
    assert.deepEqual(economy.repeatOf(uri, at(4)), { id: 'ne-3' });
    assert.equal(economy.repeatOf(uri, at(5)), undefined, 'another version');
    assert.equal(economy.repeatOf(uri, at(4, 4)), undefined, 'another line');
    assert.equal(economy.repeatOf(uri, at(4, 3, 8)), undefined, 'another column');
    assert.equal(economy.repeatOf(uri, at(4, 3, 7, 2000)), undefined, 'an edit elsewhere since');
    assert.equal(economy.repeatOf('file:///b.ts', at(4)), undefined, 'another document');
  });

  it('remembers "no suggestion" answers too, and forgets a document on request', () => {
    const economy = new NextEditEconomy();
    const uri = 'file:///a.ts';
    economy.recordAnswered(uri, at(2), undefined);
    assert.deepEqual(economy.repeatOf(uri, at(2)), { id: undefined });
    economy.forget(uri);
    assert.equal(economy.repeatOf(uri, at(2)), undefined);
  });

  it('a newer answer replaces the older one for its document', () => {
    const economy = new NextEditEconomy();
    const uri = 'file:///a.ts';
    economy.recordAnswered(uri, at(2), 'ne-1');
    economy.recordAnswered(uri, at(3), undefined);
    assert.equal(economy.repeatOf(uri, at(2)), undefined);
    assert.deepEqual(economy.repeatOf(uri, at(3)), { id: undefined });
  });
});
