import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { pipelineSettings } from '@src/core/completion/pipeline/pipelineSettings';
import { skipStage } from '@src/core/completion/pipeline/skipStage';
import type { CompletionInput } from '@src/core/completion/pipeline/types';
import { defaultSettings, resolveSettings } from '@src/core/config/settings';

const input = (text: string, offset: number, extra: Partial<CompletionInput> = {}): CompletionInput => ({
  uri: 'file:///a.ts', text, offset, position: { line: 0, character: offset }, languageId: 'typescript', explicit: false, ...extra,
});

describe('skipStage', () => {
  const settings = pipelineSettings(defaultSettings());

  it('reads only the cursor line right of the cursor', () => {
    assert.equal(skipStage(input('foo(|)\nmore code here', 4), settings, undefined, 0), undefined);
    assert.equal(skipStage(input('foo(bar, baz)', 4), settings, undefined, 0), 'textAfterCursor');
  });

  it('honours the settings: off, a language off, document size', () => {
    const off = pipelineSettings(resolveSettings({ completion: { enabled: false } }).settings);
    assert.equal(skipStage(input('x', 1), off, undefined, 0), 'disabled');
    const md = pipelineSettings(resolveSettings({ completion: { disabledLanguages: ['markdown'] } }).settings);
    assert.equal(skipStage(input('x', 1, { languageId: 'markdown' }), md, undefined, 0), 'languageDisabled');
    assert.equal(skipStage(input('x'.repeat(20 * 1024), 1, {}), pipelineSettings(resolveSettings({ completion: { maxDocumentKB: 16 } }).settings), undefined, 0), 'fileTooLarge');
  });

  it('a snooze stops automatic requests until it ends, never explicit ones', () => {
    assert.equal(skipStage(input('x', 1), settings, 500, 100), 'snoozed');
    assert.equal(skipStage(input('x', 1), settings, 500, 600), undefined);
    assert.equal(skipStage(input('x', 1, { explicit: true }), settings, 500, 100), undefined);
  });
});
