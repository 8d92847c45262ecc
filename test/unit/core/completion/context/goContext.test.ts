/**
 * Go: the package as one scope, method sets across the package's files (promoted methods of embedded
 * types included), a field's type (`s.Log.`), interfaces and their implementations, imported packages
 * by alias or clause. On the Go fixture (module example.com/shop).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCursorContext } from '@src/core/completion/context/cursorContext';
import { definitionCandidates } from '@src/core/completion/context/definitionSource';
import { importBindings } from '@src/core/completion/context/importBindings';
import { CodeIndex } from '@src/core/index/codeIndex';
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

describe('completion context in Go, a name many packages define', () => {
  // 45 packages define New and Logger before the one the file imports: a lookup that kept the first 40
  // definitions and then filtered by package lost the imported package's (and which 40 come first is an
  // order a warm start changes).
  let dir: string;
  let index: CodeIndex;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'banyan-go-many-'));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    write('go.mod', 'module example.com/many\n\ngo 1.22\n');
    for (let i = 0; i < 45; i++) write(`aa${String(i).padStart(2, '0')}/log.go`, `package aa${i}\n\ntype Store struct{}\n\nfunc New() *Store {\n\treturn &Store{}\n}\n\nfunc (s *Store) Flush() {}\n`);
    write('zz/store/store.go', 'package store\n\ntype Store struct{}\n\nfunc New() *Store {\n\treturn &Store{}\n}\n\nfunc (s *Store) Find(id string) bool {\n\treturn false\n}\n');
    write('zz/app/main.go', 'package main\n\nimport "example.com/many/zz/store"\n\nfunc main() {\n\ts := store.New()\n\tok := s.Find("a")\n\t_ = ok\n}\n');
    index = await CodeIndex.open({ roots: [dir], workers: 0 });
    await index.refresh();
  });
  after(async () => {
    await index.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a one-line `import "x/store"` binds the package clause, not the keyword', () => {
    const file = path.join(dir, 'zz/app/main.go');
    const b = importBindings(index, file, readFileSync(file, 'utf8').split('\n'));
    assert.deepEqual([...b.keys()], ['store']);
    assert.deepEqual(b.get('store')?.files.map((f) => path.relative(dir, f)), ['zz/store/store.go']);
  });

  it('`s.` after `s := store.New()`: the imported package’s Store, not the first 40 New', () => {
    const file = path.join(dir, 'zz/app/main.go');
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('ok := s.'));
    const character = lines[line]!.indexOf('ok := s.') + 'ok := s.'.length;
    lines[line] = lines[line]!.slice(0, character);
    const cursor = readCursorContext(lines.join('\n'), line, character, index.file(file)?.imports ?? []);
    const c = definitionCandidates({ index, file, cursor, bindings: importBindings(index, file, cursor.lines) });
    const find = c.findIndex((x) => x.symbol === 'Store.Find');
    assert.ok(find >= 0 && find < 3, `Store.Find at ${find}: ${c.slice(0, 5).map((x) => `${x.symbol}@${path.relative(dir, x.file)}`).join(', ')}`);
    assert.ok(!c.some((x) => x.symbol === 'Store.Flush'), 'no other package’s Store');
  });
});
