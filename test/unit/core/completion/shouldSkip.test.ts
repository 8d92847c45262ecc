import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_SKIP_SETTINGS, shouldSkip, type SkipInput } from '@src/core/completion/shouldSkip';

const at = (over: Partial<SkipInput> = {}): SkipInput => ({
  languageId: 'typescript',
  documentLength: 2_000,
  lineSuffix: '',
  explicit: false,
  now: 1_000,
  ...over,
});

describe('shouldSkip', () => {
  it('asks at the end of a line and before closers only', () => {
    assert.equal(shouldSkip(at()), undefined);
    assert.equal(shouldSkip(at({ lineSuffix: ')' })), undefined);
    assert.equal(shouldSkip(at({ lineSuffix: '"]);' })), undefined);
    assert.equal(shouldSkip(at({ lineSuffix: ' }, ' })), undefined);
  });

  it('skips with code right of the cursor (editing inside a line)', () => {
    assert.equal(shouldSkip(at({ lineSuffix: 'value + 1;' })), 'textAfterCursor');
    assert.equal(shouldSkip(at({ lineSuffix: 'ab)' })), 'textAfterCursor');
    assert.equal(shouldSkip(at({ lineSuffix: 'x)' })), undefined, 'one stray character is tolerated by default');
    assert.equal(shouldSkip(at({ lineSuffix: 'x)' }), { ...DEFAULT_SKIP_SETTINGS, maxTextAfterCursor: 0 }), 'textAfterCursor');
  });

  it('skips huge files by the configured threshold', () => {
    const settings = { ...DEFAULT_SKIP_SETTINGS, maxDocumentChars: 10_000 };
    assert.equal(shouldSkip(at({ documentLength: 10_000 }), settings), undefined);
    assert.equal(shouldSkip(at({ documentLength: 10_001 }), settings), 'fileTooLarge');
  });

  it('skips when disabled globally or for the language', () => {
    assert.equal(shouldSkip(at(), { ...DEFAULT_SKIP_SETTINGS, enabled: false }), 'disabled');
    assert.equal(shouldSkip(at({ languageId: 'markdown' }), { ...DEFAULT_SKIP_SETTINGS, disabledLanguages: ['markdown'] }), 'languageDisabled');
  });

  it('skips while snoozed, and not once the snooze has passed', () => {
    assert.equal(shouldSkip(at({ snoozedUntil: 5_000, now: 4_999 })), 'snoozed');
    assert.equal(shouldSkip(at({ snoozedUntil: 5_000, now: 5_000 })), undefined);
  });

  it('an explicit request overrides the snooze and text after the cursor, not the settings', () => {
    assert.equal(shouldSkip(at({ explicit: true, snoozedUntil: 9_999, lineSuffix: 'value + 1;' })), undefined);
    assert.equal(shouldSkip(at({ explicit: true }), { ...DEFAULT_SKIP_SETTINGS, enabled: false }), 'disabled');
    assert.equal(shouldSkip(at({ explicit: true, documentLength: 5_000_000 })), 'fileTooLarge');
  });
});
