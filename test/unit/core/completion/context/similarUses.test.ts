import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { similarUses } from '@src/core/completion/context/similarUses';

describe('what similar code writes next', () => {
  const texts = [
    'export interface ZodMiniString extends _ZodMiniType<core.$ZodStringInternals>, core.$ZodString {}',
    'register<R extends core.$ZodRegistry<Meta>>(registry: R): this;\nconst x = core.clone(y);',
  ];

  it('the identifier after the same tokens, longer matches listed first', () => {
    const uses = similarUses('    register<R extends core.', '', texts);
    assert.deepEqual(uses[0], { name: '$ZodRegistry', rank: 1, matched: 3 });
    assert.ok(uses.some((u) => u.name === '$ZodString' && u.matched === 2));
    assert.ok(uses.some((u) => u.name === 'clone' && u.matched === 2));
  });

  it('a partial identifier filters by prefix', () => {
    assert.deepEqual(similarUses('x = core.cl', 'cl', texts).map((u) => u.name), ['clone']);
  });

  it('a lone opening bracket or comma is no anchor', () => {
    assert.deepEqual(similarUses('foo(', '', ['bar(baz)']), []);
  });
});
