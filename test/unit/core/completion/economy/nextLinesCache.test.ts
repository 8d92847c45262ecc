import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NextLinesCache } from '@src/core/completion/economy/nextLinesCache';

const prefix = 'function sum(xs: number[]) {\n  ';
const suffix = '\n}\n';
const answer = 'let total = 0;\n  for (const x of xs) total += x;\n  return total;';

describe('NextLinesCache', () => {
  it('after line 1 is accepted and Enter auto-indents, line 2 onwards is served', () => {
    const cache = new NextLinesCache();
    cache.store(prefix, suffix, answer, 0);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n  ', suffix, 10), 'for (const x of xs) total += x;\n  return total;');
    assert.equal(cache.lookup(prefix + 'let total = 0;\n  for (const x of xs) total += x;\n  ', suffix, 20), 'return total;');
  });

  it('serves the line with its own indentation when the editor did not indent', () => {
    const cache = new NextLinesCache();
    cache.store(prefix, suffix, answer, 0);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n', suffix, 10), '  for (const x of xs) total += x;\n  return total;');
  });

  it('has nothing when the editor indented deeper, the user typed something else, or the suffix changed', () => {
    const cache = new NextLinesCache();
    cache.store(prefix, suffix, answer, 0);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n    ', suffix, 10), undefined);
    assert.equal(cache.lookup(prefix + 'let total = 1;\n  ', suffix, 10), undefined);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n  ', '\n}\n\nexport {};\n', 10), undefined);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n  f', suffix, 10), undefined, 'mid-line is typed-ahead reuse, not this');
  });

  it('expires with the cache TTL', () => {
    const cache = new NextLinesCache({ ttlMs: 1000 });
    cache.store(prefix, suffix, answer, 0);
    assert.equal(cache.lookup(prefix + 'let total = 0;\n  ', suffix, 1001), undefined);
  });

  it('stores nothing for a single line or trailing blank lines', () => {
    const cache = new NextLinesCache();
    cache.store(prefix, suffix, 'return 0;\n\n', 0);
    assert.equal(cache.lookup(prefix + 'return 0;\n', suffix, 1), undefined);
  });
});
