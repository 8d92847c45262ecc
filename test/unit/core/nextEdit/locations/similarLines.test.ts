/**
 * Similar lines' scores: a line equal to a changed one (whatever its indent) counts fully, a line of the
 * same shape with other names gets the shape's share, a line holding most of the changed line's rare
 * tokens its share of their weight, and a line sharing a common token or two nothing.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { similarLines } from '@src/core/nextEdit/locations/similarLines';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

const TEST = [
  "describe('orders', () => {", // 0
  "  it('totals', () => {", // 1
  '    expect(orderTotal(cart, taxRate)).toBe(12);', // 2: the line changed (was …toBe(10))
  '  });', // 3
  "  it('rounds', () => {", // 4
  '        expect(orderTotal(cart, taxRate)).toBe(10);', // 5: the old line, indented otherwise
  '  });', // 6
  "  it('ships', () => {", // 7
  '    expect(shippingCost(parcel, zoneCode)).toBe(4);', // 8: same shape, other names
  '    expect(orderTotal(cart, zoneCode)).toBe(10);', // 9: most of the rare tokens
  '    expect(cart).toBe(cart);', // 10: common tokens only
  '  });',
  '});',
];

describe('similar lines', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({ 'test/orders.test.js': TEST.join('\n'), 'src/orders.js': 'export function orderTotal(cart, taxRate) { return cart.sum * taxRate; }\n' });
  });
  after(() => ws.close());

  it('scores equal text fully, the same shape by its share, shared rare tokens by their weight', () => {
    const history = [hunk(ws, 'test/orders.test.js', 2, ['    expect(orderTotal(cart, taxRate)).toBe(10);'], [TEST[2]!])];
    const found = similarLines(context(ws, 'test/orders.test.js', { line: 2, character: 40 }, history));
    const byLine = new Map(found.map((c) => [c.line, c.score]));
    const distance = (line: number) => 1 / (1 + Math.abs(line - 2) / 200);
    assert.equal(byLine.get(5), distance(5), 'the old text, indented otherwise: share 1');
    assert.equal(byLine.get(8), 0.6 * distance(8), 'the same shape with other names: the shape share');
    const share9 = byLine.get(9)! / distance(9);
    assert.ok(share9 >= 0.6 && share9 < 1, `most of the rare tokens: ${share9}`);
    assert.ok(!byLine.has(10), 'common tokens only');
    assert.ok(!byLine.has(2), 'the changed line itself is made');
  });

  it('answers each edit by its own lines when edits come and go (query lines kept by their text across requests)', () => {
    const ask = (oldLine: string) => {
      const history = [hunk(ws, 'test/orders.test.js', 2, [oldLine], [TEST[2]!])];
      return similarLines(context(ws, 'test/orders.test.js', { line: 2, character: 40 }, history)).map((c) => `${c.line}:${c.score.toFixed(6)}`).sort();
    };
    const total = ask('    expect(orderTotal(cart, taxRate)).toBe(10);');
    const shipping = ask('    expect(shippingCost(parcel, zoneCode)).toBe(4);');
    assert.notDeepEqual(shipping, total);
    assert.ok(shipping.includes(`8:${(1 / (1 + 6 / 200)).toFixed(6)}`), `the shipping line is the second edit's old text: share 1 (${shipping})`);
    // The first edit again (an undo of the second): the first answer.
    assert.deepEqual(ask('    expect(orderTotal(cart, taxRate)).toBe(10);'), total);
    assert.deepEqual(ask('    expect(shippingCost(parcel, zoneCode)).toBe(4);'), shipping);
  });
});
