/**
 * What the editable region leans toward: the sources' candidates near the cursor in its file, except the
 * edits already made and a weak source's guesses (hint: false), which are listed but do not move it.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { regionHints } from '@src/core/nextEdit/locateNextEdit';

describe('regionHints', () => {
  it('near candidates of the file, not the edits made, not a weak guess', () => {
    const hints = regionHints(
      [
        { file: 'a', line: 10, score: 1, reason: 'similar-code' },
        { file: 'a', line: 12, score: 1, reason: 'recent-edit' },
        { file: 'a', line: 14, score: 1, reason: 'new-symbol-usage', hint: false },
        { file: 'b', line: 16, score: 1, reason: 'similar-code' },
        { file: 'a', line: 90, score: 1, reason: 'similar-code' },
      ],
      'a',
      20,
    );
    assert.deepEqual(hints, [10]);
  });

});
