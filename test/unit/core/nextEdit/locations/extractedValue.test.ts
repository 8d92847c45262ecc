/**
 * A value just given a name: the lines that still spell the value out (its whole text, or its dotted
 * chain) are proposed, not lines already using the name, not the declaration itself, not a bare alias.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { extractedValue } from '@src/core/nextEdit/locations/extractedValue';
import { LocatorContext } from '@src/core/nextEdit/locations/locatorContext';
import type { HistoryHunk } from '@src/core/nextEdit/types';

const file = '/ws/Configurer.java';

function found(lines: string[], h: HistoryHunk, cursorLine = h.newStart): [number, number][] {
  const ctx = new LocatorContext({ file, lines, cursor: { line: cursorLine, character: 0 }, history: [h] });
  return extractedValue(ctx).map((c) => [c.line, Math.round(c.score * 100) / 100]);
}

describe('extractedValue', () => {
  it('Java: a new constant → the lines still holding its value or its dotted chain, not those using the constant', () => {
    const lines = [
      'class Configurer {', // 0
      '  private static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;',
      '  int order() {',
      '    return Ordered.HIGHEST_PRECEDENCE;', // 3: the chain
      '  }',
      '  int next() { return Ordered.HIGHEST_PRECEDENCE + 10; }', // 5: the whole value
      '  int low() { return Ordered.LOWEST_PRECEDENCE; }',
      '  int done() { return DEFAULT_ORDER; }',
      '}',
    ];
    const h: HistoryHunk = { file, newStart: 1, oldLines: [], newLines: [lines[1]!], seq: 1 };
    const got = found(lines, h);
    assert.deepEqual(got.map(([l]) => l), [5, 3], 'the whole value first, then the chain; not LOWEST_PRECEDENCE, not DEFAULT_ORDER, not line 1');
    assert.ok(got[0]![1] > got[1]![1]);
  });

  it('Go: a variable for a call chain → its other calls', () => {
    const lines = ['func f(event Event) {', '\taddress := event.Server().Address()', '\tif event.Server().Address() != nil {', '\t\tport(event.Server().Address().Port())', '\t}', '}'];
    const h: HistoryHunk = { file, newStart: 1, oldLines: [], newLines: [lines[1]!], seq: 1 };
    assert.deepEqual(found(lines, h).map(([l]) => l).sort(), [2, 3]);
    const ctx = new LocatorContext({ file, lines, cursor: { line: 1, character: 0 }, history: [h] });
    assert.ok(extractedValue(ctx).every((c) => c.hint === false), 'a guess the region does not lean toward (it pulled the region off the target)');
  });

  it('a bare alias, a value that already had its name, or another file: nothing', () => {
    const lines = ['const retries = maxRetries;', 'use(maxRetries);', 'const limit = config.limits.max;', 'use(config.limits.max);'];
    assert.deepEqual(found(lines, { file, newStart: 0, oldLines: [], newLines: [lines[0]!], seq: 1 }), [], 'x = y');
    assert.deepEqual(found(lines, { file, newStart: 2, oldLines: ['const limit = config.limits.min;'], newLines: [lines[2]!], seq: 1 }), [], 'limit was declared before');
    assert.deepEqual(found(lines, { file: '/ws/other.ts', newStart: 2, oldLines: [], newLines: [lines[2]!], seq: 1 }), [], 'another file');
    assert.deepEqual(found(lines, { file, newStart: 2, oldLines: [], newLines: [lines[2]!], seq: 1 }).map(([l]) => l), [3], 'the same, new: proposed');
  });
});
