/**
 * The same block elsewhere: a several-line change proposes the runs of lines that match the replaced
 * lines one for one (the same text, or the same shape sharing names), not lines that only share a
 * shape, not a block already changed, and leaves one-line changes to repeatedEdit.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LocatorContext } from '@src/core/nextEdit/locations/locatorContext';
import { repeatedBlock } from '@src/core/nextEdit/locations/repeatedBlock';
import type { HistoryHunk } from '@src/core/nextEdit/types';

const file = '/ws/shells.py';

function found(lines: string[], hunks: HistoryHunk[], cursorLine: number): [number, number | undefined][] {
  const ctx = new LocatorContext({ file, lines, cursor: { line: cursorLine, character: 0 }, history: hunks });
  return repeatedBlock(ctx).map((c) => [c.line, c.endLine]);
}

describe('repeatedBlock', () => {
  const shells = [
    'class Bash(Shell):', // 0
    '    name: t.ClassVar[str] = "bash"',
    '    source_template: t.ClassVar[str] = _SOURCE_BASH',
    '',
    'class Zsh(Shell):', // 4
    '    name = "zsh"',
    '    source_template = _SOURCE_ZSH',
    '',
    'class Point:', // 8
    '    x = 1',
    '    y = 2',
    '',
    'class Fish(Shell):', // 12
    '    name = "fish"',
    '',
    '    source_template = _SOURCE_FISH',
  ];
  const annotated: HistoryHunk = { file, newStart: 1, oldLines: ['    name = "bash"', '    source_template = _SOURCE_BASH'], newLines: [shells[1]!, shells[2]!], seq: 1 };

  it('proposes the parallel blocks of the same shape sharing names, across a blank line, not two unrelated assignments', () => {
    assert.deepEqual(found(shells, [annotated], 2).sort((a, b) => a[0] - b[0]), [[5, 6], [13, 15]]);
  });

  it('leaves one-line changes, and changes in other files, to the other sources', () => {
    assert.deepEqual(found(shells, [{ ...annotated, oldLines: ['    name = "bash"'], newLines: [shells[1]!] }], 1), []);
    assert.deepEqual(found(shells, [{ ...annotated, file: '/ws/other.py' }], 1), []);
  });

  it('a block wrapped in a guard: the other unwrapped blocks, not one already behind the same guard', () => {
    const lines = [
      'OsExiter = func(rc int) {', // 0
      '\tif !called {',
      '\t\texitCode = rc',
      '\t\tcalled = true',
      '\t}',
      '}',
      'OsExiter = func(rc int) {', // 6
      '\texitCode = rc',
      '\tcalled = true',
      '}',
      'OsExiter = func(rc int) {', // 10
      '\tif !called {',
      '\t\texitCode = rc',
      '\t\tcalled = true',
      '\t}',
      '}',
    ];
    const wrapped: HistoryHunk = { file, newStart: 1, oldLines: ['\texitCode = rc', '\tcalled = true'], newLines: lines.slice(1, 5), seq: 1 };
    assert.deepEqual(found(lines, [wrapped], 3), [[7, 8]]);
  });

  it('nearer blocks first, and each block once', () => {
    const lines = ['a()', 'if f.value == nil {', '\tf.PreParse()', '}', ...Array.from({ length: 300 }, () => ''), 'if f.value == nil {', '\tf.PreParse()', '}'];
    const h: HistoryHunk = { file, newStart: 0, oldLines: ['if f.value == nil {', '\tf.PreParse()', '}'], newLines: ['a()'], seq: 1 };
    const ctx = new LocatorContext({ file, lines, cursor: { line: 0, character: 0 }, history: [h] });
    const cs = repeatedBlock(ctx);
    assert.deepEqual(cs.map((c) => [c.line, c.endLine]), [[1, 3], [304, 306]]);
    assert.ok(cs[0]!.score > cs[1]!.score, 'the nearer block scores higher');
  });
});
