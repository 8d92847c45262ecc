import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { wordPattern } from '@src/core/nextEdit/identifiers';

describe('wordPattern', () => {
  it('matches a name as a whole word only, `$` and word characters bounding it', () => {
    const re = wordPattern('foo');
    assert.ok(re.test('a.foo(1)') && re.test('foo') && re.test('x = foo;'));
    assert.ok(!re.test('foobar') && !re.test('$foo') && !re.test('foo$') && !re.test('_foo') && !re.test('foo1'));
    assert.ok(wordPattern('$el').test('this.$el = x') && !wordPattern('$el').test('$elem'));
    assert.ok(wordPattern('a.b').test('x a.b y') && !wordPattern('a.b').test('axb'), 'metacharacters escaped');
  });

  it('is kept per name and shared: the same answers asked again, in any order, past the kept count', () => {
    const first = wordPattern('kept');
    assert.equal(wordPattern('kept'), first);
    // Shared regexes keep no state between calls (no g flag: test() does not move lastIndex).
    assert.ok(first.test('a kept b') && first.test('a kept b') && !first.test('akeptb'));
    for (let i = 0; i < 600; i++) assert.ok(wordPattern(`name${i}`).test(`x name${i} y`) && !wordPattern(`name${i}`).test(`x name${i}z y`));
    assert.ok(wordPattern('kept').test('(kept)') && !wordPattern('kept').test('kept_'));
  });
});
