import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeModelTerms } from '@src/core/chat/modelQueryTerms';
import { needsModelTerms, queryTerms } from '@src/core/chat/queryTerms';

describe('chat query terms', () => {
  it('keeps identifiers whole and splits them into keywords (camelCase, snake_case)', () => {
    const q = queryTerms('How does computeInvoiceTotal handle tax in apply_discount?');
    assert.deepEqual([...q.identifiers].sort(), ['apply_discount', 'computeInvoiceTotal']);
    for (const k of ['computeinvoicetotal', 'compute', 'invoice', 'total', 'tax', 'apply_discount', 'apply', 'discount']) assert.ok(q.keywords.includes(k), k);
    assert.equal(q.cjk, false);
    assert.equal(needsModelTerms(q), false);
  });

  it('drops question stop words and keeps meaningful plain words', () => {
    const q = queryTerms('Where is the function that evicts entries from the cache?');
    assert.deepEqual(q.identifiers, []);
    assert.deepEqual(q.keywords, ['evicts', 'entries', 'cache']);
  });

  it('takes dotted paths, calls and backquoted names as identifiers', () => {
    const q = queryTerms('What calls `limiter` and UserService.findUser()? Also parse()');
    assert.ok(q.identifiers.includes('UserService'));
    assert.ok(q.identifiers.includes('findUser'));
    assert.ok(q.identifiers.includes('limiter'));
    assert.ok(q.identifiers.includes('parse'));
  });

  it('a file name is not an identifier path: its extension is dropped', () => {
    assert.deepEqual(queryTerms('what does userService.ts hold?').identifiers, ['userService']);
  });

  it('Chinese: extracts the Latin identifiers inside text without spaces', () => {
    const q = queryTerms('computeInvoiceTotal是怎么计算税的？RateLimiter呢');
    assert.equal(q.cjk, true);
    assert.deepEqual([...q.identifiers].sort(), ['RateLimiter', 'computeInvoiceTotal']);
    assert.ok(q.keywords.includes('invoice'));
    assert.equal(needsModelTerms(q), false);
  });

  it('Chinese without identifiers asks the model for terms; English never does', () => {
    const zh = queryTerms('缓存满了以后是怎么淘汰条目的？');
    assert.equal(zh.cjk, true);
    assert.deepEqual(zh.identifiers, []);
    assert.equal(needsModelTerms(zh), true);
    assert.equal(needsModelTerms(queryTerms('what is this?')), false);
  });

  it('merges the model\'s JSON terms through JSON repair, ignoring what is not a term', () => {
    const base = queryTerms('缓存是怎么淘汰的');
    const merged = mergeModelTerms(base, '```json\n{"identifiers": ["LruCache", "evict", "not a name!", 3], "keywords": ["Cache", "eviction",],}\n```');
    assert.deepEqual(merged.identifiers, ['LruCache', 'evict']);
    assert.deepEqual(merged.keywords, ['cache', 'eviction']);
    assert.deepEqual(mergeModelTerms(base, 'I think you should look at the cache'), base);
  });
});
