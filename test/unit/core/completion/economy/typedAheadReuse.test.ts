import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { matchTypedAhead, TypedAheadTracker, type ShownSuggestion } from '@src/core/completion/economy/typedAheadReuse';

const shown: ShownSuggestion = { prefix: 'const user = await ', suffix: '\n}', text: 'userService.findById(id);', replaceAfter: 0 };

describe('matchTypedAhead', () => {
  it('serves the rest of the suggestion when the user types its first characters', () => {
    const result = matchTypedAhead(shown, 'const user = await user', '\n}');
    assert.deepEqual(result, {
      kind: 'reuse',
      typed: 'user',
      rest: { prefix: 'const user = await user', suffix: '\n}', text: 'Service.findById(id);', replaceAfter: 0 },
    });
  });

  it('drops the suggestion on a character that differs', () => {
    assert.deepEqual(matchTypedAhead(shown, 'const user = await usr', '\n}'), { kind: 'diverged' });
  });

  it('is exhausted once the whole suggestion has been typed', () => {
    assert.deepEqual(matchTypedAhead(shown, 'const user = await userService.findById(id);', '\n}'), { kind: 'exhausted' });
  });

  it('says nothing about a cursor that moved back or elsewhere, or a changed suffix', () => {
    assert.equal(matchTypedAhead(shown, 'const user = awai', '\n}').kind, 'unrelated');
    assert.equal(matchTypedAhead(shown, 'const user = await u', '\n}\n').kind, 'unrelated');
  });

  it('typing over an auto-closed `)` that the suggestion replaces keeps it alive', () => {
    const call: ShownSuggestion = { prefix: 'log(', suffix: ')\n', text: 'msg)', replaceAfter: 1 };
    const afterMsg = matchTypedAhead(call, 'log(msg', ')\n');
    assert.equal(afterMsg.kind, 'reuse');
    // The editor types over its own `)`: the suffix loses it; nothing is left to suggest.
    assert.equal(matchTypedAhead(call, 'log(msg)', '\n').kind, 'exhausted');
    const partial: ShownSuggestion = { prefix: 'f(', suffix: ')\n', text: 'a) + 1', replaceAfter: 1 };
    const over = matchTypedAhead(partial, 'f(a)', '\n');
    assert.deepEqual(over, { kind: 'reuse', typed: 'a)', rest: { prefix: 'f(a)', suffix: '\n', text: ' + 1', replaceAfter: 0 } });
  });
});

describe('TypedAheadTracker', () => {
  it('follows the user keystroke by keystroke, then forgets the suggestion when they diverge', () => {
    const tracker = new TypedAheadTracker();
    tracker.show(shown);
    assert.equal(tracker.match('const user = await u', '\n}')?.text, 'serService.findById(id);');
    assert.equal(tracker.match('const user = await us', '\n}')?.text, 'erService.findById(id);');
    assert.equal(tracker.match('const user = await usx', '\n}'), undefined);
    assert.equal(tracker.current, undefined);
    assert.equal(tracker.match('const user = await us', '\n}'), undefined, 'a diverged suggestion does not come back');
  });

  it('keeps the suggestion across an unrelated cursor position (e.g. a request for elsewhere)', () => {
    const tracker = new TypedAheadTracker();
    tracker.show(shown);
    assert.equal(tracker.match('other', ''), undefined);
    assert.equal(tracker.match('const user = await user', '\n}')?.text, 'Service.findById(id);');
  });
});
