/**
 * Go: the package as one scope, method sets across the package's files (promoted methods of embedded
 * types included), a field's type (`s.Log.`), interfaces and their implementations, imported packages
 * by alias or clause. On the Go fixture (module example.com/shop).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importBindings } from '@src/core/completion/context/importBindings';
import { candidatesAfter, type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('completion context in Go', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('go')));
  after(() => ws.close());

  const at = (rel: string, marker: string) => candidatesAfter(ws, rel, marker);
  const rank = (cands: readonly { symbol?: string }[], symbol: string) => cands.findIndex((c) => c.symbol === symbol);

  it('imports bind their alias, else the package clause, to the package folder', () => {
    const file = ws.file('app/main.go');
    const b = importBindings(ws.index, file, ws.text('app/main.go').split('\n'));
    assert.deepEqual(b.get('shop')?.files.map((f) => f.slice(ws.dir.length + 1)).sort(), ['store/base.go', 'store/helpers.go', 'store/methods.go', 'store/repository.go', 'store/store.go', 'store/sync.go']);
    assert.equal(b.get('shop')?.namespace, true);
    assert.deepEqual(b.get('logging')?.files.map((f) => f.slice(ws.dir.length + 1)), ['logging/logger.go']);
  });

  it('`s.` after `s := shop.New(log)`: the method set across the package, promoted methods after the own ones', () => {
    const c = at('app/main.go', 'it, ok := s.');
    const find = rank(c, 'Store.Find');
    const close = rank(c, 'Base.Close');
    assert.ok(find >= 0 && find < 4, `Store.Find at ${find}`);
    assert.ok(rank(c, 'Store.Save') >= 0 && rank(c, 'Store.Sync') >= 0);
    assert.equal(c[find]!.file, ws.file('store/methods.go'));
    assert.ok(close > find, 'Base.Close (embedded) ranks after the struct’s own methods');
    assert.ok(c[find]!.score > (c[rank(c, 'Logger.Flush')]?.score ?? 0));
  });

  it('`s.Log.`: the field’s type, from the struct in another package', () => {
    const c = at('app/main.go', 's.Log.');
    assert.equal(c[0]?.file, ws.file('logging/logger.go'));
    assert.ok(rank(c, 'Logger.Flush') >= 0 && rank(c, 'Logger.Flush') < 3);
  });

  it('`repo.` typed by an interface: its methods, then the implementations', () => {
    const c = at('app/main.go', 'repo.');
    const iface = rank(c, 'Repository');
    assert.ok(iface >= 0 && iface < 2);
    assert.match(c[iface]!.text, /Find\(id string\) \(Item, bool\)/);
    assert.ok(rank(c, 'Store.Save') > iface, 'an implementation of the interface’s methods, below it');
  });

  it('`shop.`: the imported package’s top-level names', () => {
    const c = at('app/main.go', 's := shop.');
    for (const name of ['New', 'Store', 'Item', 'Repository']) assert.ok(rank(c, name) >= 0 && rank(c, name) < 8, name);
    assert.ok(rank(c, 'normalizeID') < 0 || rank(c, 'normalizeID') > rank(c, 'New'));
  });

  it('an unqualified name: the package’s own files first, never an imported package’s names', () => {
    const c = at('store/sync.go', 'key := ');
    assert.ok(rank(c, 'normalizeID') >= 0 && rank(c, 'normalizeID') < 5, `normalizeID at ${rank(c, 'normalizeID')}`);
    assert.equal(rank(c, 'NewLogger'), -1, 'logging.NewLogger needs its qualifier');
  });

  it('a type is expected after `*`: the package’s types rank first', () => {
    const c = at('store/sync.go', 'func (s *Store) Sync(other *');
    assert.ok(['Store', 'Item', 'Base', 'Repository'].includes(c[0]!.symbol!), c[0]!.symbol);
  });
});
