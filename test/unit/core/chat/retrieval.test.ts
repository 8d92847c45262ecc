/** Retrieval on the chat fixture repository: a question naming a symbol gets its definition in the top 3. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddingCache } from '@src/core/chat/embeddingCache';
import { mergeModelTerms } from '@src/core/chat/modelQueryTerms';
import { queryTerms } from '@src/core/chat/queryTerms';
import { retrieveContext } from '@src/core/chat/retrieveContext';
import { CodeIndex } from '@src/core/index/codeIndex';
import { tempDir } from '../index/helpers/tempWorkspace';

const REPO = path.resolve(__dirname, '../../../fixtures/chat/repo');
const counter = { name: 'test', exact: false, count: (t: string) => Math.ceil(t.length / 4) };

describe('chat retrieval on a fixture repository', () => {
  let index: CodeIndex;
  before(async () => {
    index = await CodeIndex.open({ roots: [REPO], workers: 0 });
    await index.refresh();
  });
  after(() => index.close());

  const cases: [question: string, file: string, symbol: string][] = [
    ['How does computeInvoiceTotal handle tax?', 'src/billing/invoiceTotals.ts', 'computeInvoiceTotal'],
    ['What does apply_discount do with negative percentages?', 'shop/pricing.py', 'apply_discount'],
    ['Where does LruCache evict entries?', 'store/cache.go', 'LruCache'],
    ['Explain the RateLimiter window logic', 'src/util/rateLimiter.ts', 'RateLimiter'],
    ['computeInvoiceTotal 是怎么计算税的？', 'src/billing/invoiceTotals.ts', 'computeInvoiceTotal'],
    ['解释一下 RateLimiter 的实现', 'src/util/rateLimiter.ts', 'RateLimiter'],
  ];
  for (const [question, file, symbol] of cases) {
    it(`"${question}" → the definition of ${symbol} in the top 3`, async () => {
      const hits = await retrieveContext(index, queryTerms(question), { budgetTokens: 4000, counter, question });
      const rank = hits.findIndex((h) => h.rel === file && h.text.includes(symbol) && /(function|class|def|type) /.test(h.text));
      assert.ok(rank >= 0 && rank < 3, `rank ${rank}: ${hits.map((h) => `${h.rel}:${h.startLine + 1}`).join(', ')}`);
    });
  }

  it('a Chinese question without identifiers finds the code once the model\'s terms are merged', async () => {
    const base = queryTerms('缓存满了以后是怎么淘汰条目的？');
    assert.deepEqual(await retrieveContext(index, base, { budgetTokens: 4000, counter }), []);
    const terms = mergeModelTerms(base, '{"identifiers": ["LruCache", "evict"], "keywords": ["cache", "evict", "capacity"]}');
    const hits = await retrieveContext(index, terms, { budgetTokens: 4000, counter });
    assert.equal(hits[0]?.rel, 'store/cache.go');
  });

  it('overlapping chunks are de-duplicated and the token budget is kept', async () => {
    const hits = await retrieveContext(index, queryTerms('computeInvoiceTotal invoice total'), { budgetTokens: 150, counter });
    const used = hits.reduce((n, h) => n + counter.count(h.text) + 20, 0);
    assert.ok(hits.length >= 1 && used <= 150, `used ${used}`);
    for (const a of hits) for (const b of hits) if (a !== b && a.path === b.path) assert.ok(a.endLine < b.startLine || b.endLine < a.startLine || a.startLine !== b.startLine);
  });

  it('embeddings (when configured) rank the candidates and are cached beside the index', async () => {
    const t = tempDir('banyan-chat-emb-');
    try {
      const cache = new EmbeddingCache(path.join(t.dir, 'chat-embeddings.bin'), 'hash-embed');
      let embedded = 0;
      // A bag-of-words vector over a few words: enough to tell "evict" text from the rest.
      const vocab = ['evict', 'cache', 'capacity', 'tax', 'discount', 'limit'];
      const embed = async (texts: readonly string[]) => {
        embedded += texts.length;
        return texts.map((x) => vocab.map((w) => (x.toLowerCase().match(new RegExp(w, 'g')) ?? []).length));
      };
      const terms = queryTerms('cache evict capacity');
      const first = await retrieveContext(index, terms, { budgetTokens: 4000, counter, embed, embeddingCache: cache, question: 'cache evict capacity' });
      assert.equal(first[0]?.rel, 'store/cache.go');
      assert.ok(first[0]!.sources.includes('embedding'));
      const before = embedded;
      assert.ok(!existsSync(path.join(t.dir, 'chat-embeddings.bin')), 'written in the background, not during the turn');
      await cache.flush();
      const again = new EmbeddingCache(path.join(t.dir, 'chat-embeddings.bin'), 'hash-embed');
      await retrieveContext(index, terms, { budgetTokens: 4000, counter, embed, embeddingCache: again, question: 'cache evict capacity' });
      assert.equal(embedded - before, 1, 'only the question is embedded again: chunk vectors come from the stored cache');
    } finally {
      t.cleanup();
    }
  });
});
