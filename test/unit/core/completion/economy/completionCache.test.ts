import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionCache, completionCacheKey } from '@src/core/completion/economy/completionCache';

describe('CompletionCache', () => {
  it('returns what was stored for the same prefix and suffix only', () => {
    const cache = new CompletionCache<string>();
    cache.set('const x = ', ';\n', '42', 0);
    assert.equal(cache.get('const x = ', ';\n', 10), '42');
    assert.equal(cache.get('const x =', ';\n', 10), undefined);
    assert.equal(cache.get('const x = ', '\n', 10), undefined);
  });

  it('keys differ when text moves between prefix and suffix', () => {
    assert.notEqual(completionCacheKey('ab', 'c'), completionCacheKey('a', 'bc'));
    assert.notEqual(completionCacheKey('x', ''), completionCacheKey('', 'x'));
  });

  it('expires entries after the TTL', () => {
    const cache = new CompletionCache<string>({ ttlMs: 1000 });
    cache.set('p', 's', 'v', 0);
    assert.equal(cache.get('p', 's', 1000), 'v');
    assert.equal(cache.get('p', 's', 1001), undefined);
    assert.equal(cache.size, 0, 'an expired entry is dropped when met');
  });

  it('evicts the least recently used entry, counting reads as use', () => {
    const cache = new CompletionCache<number>({ capacity: 2 });
    cache.set('a', '', 1, 0);
    cache.set('b', '', 2, 1);
    assert.equal(cache.get('a', '', 2), 1); // a is now the most recent
    cache.set('c', '', 3, 3);
    assert.equal(cache.get('b', '', 4), undefined);
    assert.equal(cache.get('a', '', 4), 1);
    assert.equal(cache.get('c', '', 4), 3);
  });

  it('re-setting a key refreshes its value and its age', () => {
    const cache = new CompletionCache<string>({ ttlMs: 100 });
    cache.set('p', 's', 'old', 0);
    cache.set('p', 's', 'new', 90);
    assert.equal(cache.get('p', 's', 150), 'new');
    assert.equal(cache.size, 1);
  });
});
