import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goDeclaredType, goEmbeddedTypes, goFieldType, goResultType } from '@src/core/completion/context/goTypes';

describe('Go types read from text', () => {
  it('the type a name is declared with, the last declaration winning', () => {
    assert.deepEqual(goDeclaredType('s', 'func (s *Server) Run() {'), { kind: 'type', name: 'Server' });
    assert.deepEqual(goDeclaredType('lb', 'LabelsFn func(lb *labels.Builder)'), { kind: 'type', name: 'Builder', pkg: 'labels' });
    assert.deepEqual(goDeclaredType('x', 'var x []Item'), { kind: 'type', name: 'Item' });
    assert.deepEqual(goDeclaredType('a', 'func f(a, b Pair) {'), { kind: 'type', name: 'Pair' });
    assert.deepEqual(goDeclaredType('cfg', 'cfg := &config.Options{Name: "x"}'), { kind: 'type', name: 'Options', pkg: 'config' });
    assert.deepEqual(goDeclaredType('r', 'r, ok := v.(*Rule)'), { kind: 'type', name: 'Rule' });
    assert.deepEqual(goDeclaredType('db', 'db, err := tsdb.Open(dir)'), { kind: 'call', name: 'Open', pkg: 'tsdb' });
    assert.deepEqual(goDeclaredType('o', 'for o := ItemType(start); o < end; o++ {'), { kind: 'call', name: 'ItemType' });
    assert.deepEqual(goDeclaredType('m', 'm := new(sync.Mutex)'), { kind: 'type', name: 'Mutex', pkg: 'sync' });
    assert.deepEqual(goDeclaredType('x', 'func f(x int) {\n\tx := &Point{}'), { kind: 'type', name: 'Point' });
    assert.equal(goDeclaredType('n', 'func f(n int, s string) {'), undefined, 'built-in types are no receivers');
    assert.equal(goDeclaredType('x', 'return x + 1'), undefined);
  });

  it('a function’s first result type', () => {
    assert.deepEqual(goResultType('func New(log *logging.Logger) *Store {'), { name: 'Store' });
    assert.deepEqual(goResultType('func Open(dir string, opts *Options) (db *DB, err error) {'), { name: 'DB' });
    assert.deepEqual(goResultType('func (h *Head) Appender(ctx context.Context) storage.Appender {'), { name: 'Appender', pkg: 'storage' });
    assert.deepEqual(goResultType('func Map[K comparable, V any](m map[K]V) []Pair[K, V] {'), { name: 'Pair' });
    assert.equal(goResultType('func (s *Store) Close() error {'), undefined);
    assert.equal(goResultType('func run() {'), undefined);
  });

  it('a struct’s field types and the types it embeds', () => {
    const lines = ['type Store struct {', '\tBase', '\t*sync.Mutex', '\tLog, Audit *logging.Logger `json:"log"`', '\titems map[string]*Item // by id', '\tn int', '}'];
    assert.deepEqual(goEmbeddedTypes(lines, 0, 6), [{ name: 'Base' }, { name: 'Mutex', pkg: 'sync' }]);
    assert.deepEqual(goFieldType(lines, 0, 6, 'Log'), { name: 'Logger', pkg: 'logging' });
    assert.deepEqual(goFieldType(lines, 0, 6, 'Audit'), { name: 'Logger', pkg: 'logging' });
    assert.deepEqual(goFieldType(lines, 0, 6, 'items'), { name: 'Item' });
    assert.deepEqual(goFieldType(lines, 0, 6, 'Base'), { name: 'Base' }, 'an embedded type is a field named after it');
    assert.equal(goFieldType(lines, 0, 6, 'n'), undefined);
  });
});
