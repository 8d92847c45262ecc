/**
 * The symbols check similarLines runs before building a line's shape: it never turns away a line whose
 * shape is the query's (checked on generated lines and on this repository's own source lines), and it
 * turns away the lines whose symbols differ.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maySymbolize, shapeOf, symbolsOf } from '@src/core/nextEdit/locations/lineShape';

const piece = fc.constantFrom('foo', 'def', 'self', '_x', '$el', '1.5', '0x1f', ' ', '\t', '.', ' . ', '(', ')', '{', '}', ',', ';', '=', '=>', '"s"', "'t'", '`u`', '"', '\\', 'é', '\u00a0', '...', '[', ']', '<', '>', ':', '#', '@', '\x7f');
const line = fc.array(piece, { maxLength: 10 }).map((p) => p.join(''));

/** Lines of this repository's own TypeScript (a few thousand real code lines). */
function ownLines(): string[] {
  const dir = path.join(__dirname, '../../../../../src/core/nextEdit');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.ts')) out.push(...fs.readFileSync(path.join(d, e.name), 'utf8').split('\n'));
    }
  };
  walk(dir);
  return out;
}

describe('line shape symbols', () => {
  it('never rules out a line whose shape is the given one (generated lines)', () => {
    fc.assert(
      fc.property(line, line, (a, b) => {
        if (shapeOf(a) === shapeOf(b)) assert.ok(maySymbolize(a, symbolsOf(shapeOf(b))), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        assert.ok(maySymbolize(a, symbolsOf(shapeOf(a))), JSON.stringify(a));
      }),
      { numRuns: 3000 },
    );
  });

  it('never rules out a real line whose shape is the given one, and rules out most of the others', () => {
    const lines = ownLines();
    assert.ok(lines.length > 1000);
    const byShape = new Map<string, string[]>();
    for (const l of lines) (byShape.get(shapeOf(l)) ?? byShape.set(shapeOf(l), []).get(shapeOf(l))!).push(l);
    let ruledOut = 0;
    let differing = 0;
    const shapes = [...byShape.keys()].filter((s) => s.length > 8).slice(0, 60);
    for (const shape of shapes) {
      const symbols = symbolsOf(shape);
      for (const l of lines) {
        const may = maySymbolize(l, symbols);
        if (shapeOf(l) === shape) assert.ok(may, `${JSON.stringify(l)} has the shape ${JSON.stringify(shape)}`);
        else {
          differing++;
          if (!may) ruledOut++;
        }
      }
    }
    assert.ok(ruledOut / differing > 0.5, `ruled out ${ruledOut} of ${differing}`);
  });

  it('tells lines apart by their symbols in order, and cannot tell a line with a quote', () => {
    const call = symbolsOf(shapeOf('foo(bar, 1);'));
    assert.equal(call, '(,);');
    assert.ok(maySymbolize('  other(x.y, z);', call));
    assert.ok(!maySymbolize('other = x;', call));
    assert.ok(!maySymbolize('other(x, z)', call));
    assert.ok(maySymbolize('other("a = b")', call), 'a quote: its string may hide symbols');
  });
});
