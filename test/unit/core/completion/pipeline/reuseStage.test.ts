import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionCache } from '@src/core/completion/economy/completionCache';
import { NextLinesCache } from '@src/core/completion/economy/nextLinesCache';
import { type CachedSuggestion, reuseStage } from '@src/core/completion/pipeline/reuseStage';

describe('reuseStage', () => {
  const sources = () => ({ nextLines: new NextLinesCache(), cache: new CompletionCache<CachedSuggestion>() });
  const shown = { prefix: 'const user = service.', suffix: '\n', text: 'findUser(id);', replaceAfter: 0 };

  it('typed-ahead: the rest of the suggestion on screen while the user types it', () => {
    const r = reuseStage(sources(), shown, 'const user = service.find', '\n', 0);
    assert.deepEqual(r.hit, { source: 'typedAhead', text: 'User(id);', replaceAfter: 0 });
    assert.equal(r.stillShown?.text, 'User(id);');
    assert.equal(r.shownFate, undefined);
  });

  it('typing something else dismisses the suggestion; typing all of it completes it', () => {
    assert.equal(reuseStage(sources(), shown, 'const user = service.get', '\n', 0).shownFate, 'dismissed');
    assert.equal(reuseStage(sources(), shown, 'const user = service.findUser(id);', '\n', 0).shownFate, 'completed');
  });

  it('falls back to the next lines of an accepted block, then to the cache by exact context', () => {
    const s = sources();
    s.nextLines.store('if (x) {\n', '\n}', '  a();\n  b();', 0);
    assert.deepEqual(reuseStage(s, undefined, 'if (x) {\n  a();\n  ', '\n}', 1).hit, { source: 'nextLines', text: 'b();', replaceAfter: 0 });
    s.cache.set('p', 's', { text: 'cached', replaceAfter: 1 }, 0);
    assert.deepEqual(reuseStage(s, undefined, 'p', 's', 1).hit, { source: 'cache', text: 'cached', replaceAfter: 1 });
    assert.equal(reuseStage(s, undefined, 'p', 's2', 1).hit, undefined);
  });
});
