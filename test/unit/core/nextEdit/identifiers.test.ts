/** Which names of an edit are worth following: code names, not keywords, short names or the prose of comments and test titles. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isMeaningful, meaningfulIdentifiers } from '@src/core/nextEdit/identifiers';
import { editSignals } from '@src/core/nextEdit/locations/editSignals';

describe('meaningful identifiers', () => {
  it('keeps code names and drops keywords, short names and the words of prose', () => {
    assert.deepEqual(meaningfulIdentifiers(['    // The retry budget should be reset when the client reconnects']), ['retry', 'budget', 'reset', 'client', 'reconnects']);
    assert.deepEqual(meaningfulIdentifiers(['  """Return the headers that were sent, if any."""']), ['Return', 'headers', 'sent']);
    assert.deepEqual(meaningfulIdentifiers(["  it('should keep the session cookie', function (done) {"]), ['keep', 'session', 'cookie', 'done']);
    assert.deepEqual(meaningfulIdentifiers(['\t// Which labels are kept: those whose name matches.']), ['labels', 'kept', 'name', 'matches']);
  });

  it('words that are also common names stay (then, done, all, some, once, now)', () => {
    for (const name of ['then', 'done', 'all', 'some', 'once', 'now', 'value', 'each']) assert.ok(isMeaningful(name), name);
    for (const word of ['the', 'The', 'should', 'which', 'their']) assert.ok(!isMeaningful(word), word);
  });

  it('a comment edit that drops "the" removes no name to follow; a renamed variable still does', () => {
    const prose = editSignals({ file: 'a.go', seq: 1, newStart: 3, oldLines: ['\t// flush the buffer before the close'], newLines: ['\t// flush buffer before close'] }, 0);
    assert.deepEqual(prose.removed, []);
    const rename = editSignals({ file: 'A.java', seq: 1, newStart: 3, oldLines: ['    int count = items.size();'], newLines: ['    int total = items.size();'] }, 0);
    assert.deepEqual(rename.removed, ['count']);
    assert.deepEqual(rename.added, ['total']);
  });
});
