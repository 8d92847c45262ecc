/**
 * The region moves to a renamed name's leftover use only when the cursor's region holds nothing a
 * source found (look-alikes only, against a name removed from code) and the leftover is the best place,
 * in the cursor's file; the cursor's place becomes the first jump, and places the moved region covers
 * are no longer listed.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_REGION_BUDGET } from '@src/core/nextEdit/editableRegion';
import { leftoverRegion } from '@src/core/nextEdit/locations/leftoverRegion';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import type { HistoryHunk, NextEditLocation } from '@src/core/nextEdit/types';

const file = '/ws/a.ts';
const lines = Array.from({ length: 200 }, (_, i) => `  line ${i}`);
const region = { file, startLine: 0, endLine: 39 };
const cursor = { line: 12, character: 4 };
const leftover: NextEditLocation = { file, startLine: 97, endLine: 105, score: 10, reason: 'renamed-identifier', detail: 'oldName' };
const other: NextEditLocation = { file: '/ws/b.ts', startLine: 3, endLine: 11, score: 5, reason: 'similar-code' };
const coveredLater: NextEditLocation = { file, startLine: 110, endLine: 118, score: 4, reason: 'renamed-identifier' };
const renamed: HistoryHunk = { file, newStart: 12, oldLines: ['  const a = oldName(1);'], newLines: ['  const a = newName(1);'], seq: 0 };
const input = (candidates: Candidate[], locations: NextEditLocation[] = [leftover, other, coveredLater], history: HistoryHunk[] = [renamed]) => ({ region, cursor, lines, budget: DEFAULT_REGION_BUDGET, candidates, locations, history });
const made: Candidate = { file, line: 12, score: 1, reason: 'recent-edit' };

describe('leftoverRegion', () => {
  it('moves the region to the leftover when nothing was found around the cursor; the cursor is the first jump back', () => {
    const moved = leftoverRegion(input([made, { file, line: 100, score: 1, reason: 'renamed-identifier' }]));
    assert.ok(moved);
    assert.equal(moved.region.file, file);
    assert.equal(moved.region.endLine - moved.region.startLine + 1, 40, 'as long as the cursor region');
    assert.ok(moved.region.startLine <= 97 && 105 <= moved.region.endLine, 'the leftover is inside, near the middle');
    assert.deepEqual(moved.locations.map((l) => [l.startLine, l.endLine, l.reason]), [
      [9, 20, 'recent-edit'],
      [3, 11, 'similar-code'],
    ], 'the cursor place (12 lines), then the rest; the place the moved region covers is dropped');
  });

  it('moves past look-alikes of the edit (found around finished edits too) when the name was removed from code', () => {
    const lookAlike: Candidate = { file, line: 30, score: 0.7, reason: 'similar-code' };
    const moved = leftoverRegion(input([made, lookAlike]));
    assert.ok(moved && moved.region.startLine <= 97 && 105 <= moved.region.endLine);
    const inText = ['  // see https://oldName.example/doc', '   * @param {oldName} x', '    # oldName is slow here', '  log("oldName failed");'].map((l, i): HistoryHunk => ({ file, newStart: 12 + i, oldLines: [l], newLines: ['  // reworded'], seq: i }));
    assert.equal(leftoverRegion(input([made, lookAlike], undefined, inText)), undefined, 'removed from comments and strings only: the look-alike keeps the region');
    assert.ok(leftoverRegion(input([made], undefined, inText)), 'with nothing found in the region the move does not ask');
    assert.ok(leftoverRegion(input([made, lookAlike], undefined, [...inText, renamed])), 'removed from code as well: moves');
  });

  it('stays when a source found anything else in the cursor region, or the best place is not a leftover in this file', () => {
    for (const reason of ['renamed-identifier', 'repeated-edit', 'diagnostic', 'new-symbol-usage', 'changed-signature', 'sibling'] as const) {
      assert.equal(leftoverRegion(input([made, { file, line: 30, score: 0.7, reason }])), undefined, `a ${reason} inside the region`);
    }
    assert.equal(leftoverRegion(input([made], [other, leftover])), undefined, 'the best place is another kind');
    assert.equal(leftoverRegion(input([made], [{ ...leftover, file: '/ws/b.ts' }, other])), undefined, 'a leftover in another file stays a jump');
    assert.equal(leftoverRegion(input([made], [])), undefined, 'no place at all');
  });

  it('a region near the end of the file stays within it', () => {
    const end = { ...leftover, startLine: 195, endLine: 199 };
    const moved = leftoverRegion(input([made], [end]));
    assert.ok(moved);
    assert.ok(moved.region.endLine <= 199 && moved.region.startLine <= 195);
  });
});
