/**
 * A name's uses through the kept name maps (the cursor's document carried across versions, other files'
 * once asked about often) are the uses the scan finds, request after request, while the document is
 * typed in and while another file is replaced on disk and taken in again by the index.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LocatorCache } from '@src/core/nextEdit/locations/locatorCache';
import { LocatorContext } from '@src/core/nextEdit/locations/locatorContext';
import { findOccurrences, findText } from '@src/core/nextEdit/locations/occurrences';
import { workspace } from '../workspaceIndex';

const CART = ['import { price } from "./price";', 'export function total(items) {', '  return items.map(price).reduce(add, 0);', '}', 'const add = (a, b) => a + b;'];
const PRICE = ['export function price(item) {', '  return item.price * rate(item);', '}', 'function rate(item) { return item.taxed ? 1.2 : 1; }', 'export const priceOf = price;'];

describe('occurrences through kept name maps', () => {
  it('finds what the scan finds, keystroke after keystroke, and after a file changes on disk', async () => {
    const ws = await workspace({ 'src/cart.js': CART.join('\n'), 'src/price.js': PRICE.join('\n') });
    try {
      const cache = new LocatorCache();
      const cart = ws.file('src/cart.js');
      const kept = new Map<string, readonly string[]>();
      // As the server reads other files: one array per file until the index takes it in again.
      const openDocument = (f: string) => cache.linesOf(f, (x) => ws.index.linesOf(x));
      const ask = (lines: readonly string[], name: string) => {
        const withCache = new LocatorContext({ file: cart, lines, cursor: { line: 1, character: 0 }, history: [], index: ws.index, cache, openDocument });
        const plain = new LocatorContext({ file: cart, lines: [...lines], cursor: { line: 1, character: 0 }, history: [], index: ws.index });
        assert.deepEqual(findOccurrences(withCache, name), findOccurrences(plain, name), `${name} in ${lines.join(' / ')}`);
        assert.deepEqual(findText(withCache, `${name}(`, name.toLowerCase()), findText(plain, `${name}(`, name.toLowerCase()));
      };
      let lines = [...CART];
      // Typing a new name over `price` in the cart, letter by letter: each keystroke a new array.
      for (const next of ['pric', 'pri', 'pr', 'p', 'co', 'cos', 'cost']) {
        lines = lines.map((l, i) => (i === 2 ? `  return items.map(${next}).reduce(add, 0);` : l));
        for (const name of ['price', 'rate', 'add', 'cost', 'items', 'priceOf']) ask(lines, name);
        kept.set(next, lines);
      }
      // A line typed above (the lines below move) and undone.
      ask(['// note: price', ...lines], 'price');
      ask([...CART], 'price');
      // price.js replaced on disk and taken in again: the new lines, not the kept map.
      writeFileSync(ws.file('src/price.js'), ['export function price(item) {', '  return 1;', '}', '', '', 'const rate = 2;', 'export const priceOf = price;'].join('\n'));
      await ws.index.updateFromDisk(ws.file('src/price.js'));
      for (const name of ['price', 'rate', 'priceOf']) ask([...CART], name);
    } finally {
      await ws.close();
    }
  });

  it('linkedOnly reads no file the edits are not tied to, and finds what the filtered lookup finds', async () => {
    const ws = await workspace({ 'src/cart.js': CART.join('\n'), 'src/price.js': PRICE.join('\n'), 'src/other.js': 'export const price = 3;\nexport const twice = price * 2;\n' });
    try {
      const cart = ws.file('src/cart.js');
      const read: string[] = [];
      const openDocument = (f: string) => (read.push(f), ws.index.linesOf(f));
      const history = [{ file: cart, newStart: 2, oldLines: ['  return items.map(cost).reduce(add, 0);'], newLines: [CART[2]!], seq: 0 }];
      const request = () => new LocatorContext({ file: cart, lines: CART, cursor: { line: 2, character: 0 }, history, index: ws.index, openDocument });
      const ctx = request();
      const all = findOccurrences(ctx, 'price');
      assert.ok(all.some((o) => o.file === ws.file('src/other.js')), 'the unlinked file holds the name');
      read.length = 0;
      const linked = findOccurrences(request(), 'price', { linkedOnly: true });
      assert.deepEqual(linked, all.filter((o) => o.file === cart || ctx.isLinked(o.file)));
      assert.ok(linked.some((o) => o.file === ws.file('src/price.js')), 'the imported file is looked in');
      assert.ok(!read.includes(ws.file('src/other.js')), 'the unlinked file is not read');
    } finally {
      await ws.close();
    }
  });
});
