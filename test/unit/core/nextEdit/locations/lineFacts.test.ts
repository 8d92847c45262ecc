/**
 * Per-line facts kept with a lines array: the name map answers what the whole-word scan answered, and
 * facts carried to the next version of a document (an edit inside or outside the lines looked at,
 * lines typed or removed, an undo, the whole text replaced) are those of a fresh computation.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tokenize } from '@src/core/index/search/tokenizer';
import { wordPattern } from '@src/core/nextEdit/identifiers';
import { carriedLineFacts, LineFacts, lineFacts } from '@src/core/nextEdit/locations/lineFacts';
import { shapeOf } from '@src/core/nextEdit/locations/lineShape';
import { LocatorCache } from '@src/core/nextEdit/locations/locatorCache';

/** What findOccurrences scanned for before the map. */
const scan = (lines: readonly string[], name: string) => lines.flatMap((l, i) => (l.includes(name) && wordPattern(name).test(l) ? [i] : []));

/** Facts computed from nothing, to compare carried ones with. */
function assertFresh(facts: LineFacts, names: readonly string[]): void {
  const lines = facts.lines;
  for (const name of names) assert.deepEqual(facts.linesWithName(name), scan(lines, name), `lines with ${name}`);
  lines.forEach((l, i) => {
    assert.deepEqual([...facts.tokensAt(i)], [...new Set(tokenize(l))], `tokens of line ${i}`);
    assert.equal(facts.shapeAt(i), shapeOf(l), `shape of line ${i}`);
  });
}

const NAMES = ['foo', 'fooBar', 'bar', '$el', '_x1', 'self'];
const line = fc.array(fc.constantFrom('foo', 'fooBar', 'bar', '$el', '_x1', 'self', ' ', '.', '(', ')', '1', 'é', '"s"', '=', 'x$'), { maxLength: 8 }).map((p) => p.join(''));

describe('line facts', () => {
  it('lists the lines holding a name as a whole word, as the scan with wordPattern does', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const facts = new LineFacts(lines);
        for (const name of NAMES) assert.deepEqual(facts.linesWithName(name), scan(lines, name));
      }),
      { numRuns: 300 },
    );
  });

  it('answers nothing for a name that is not one identifier (the caller scans)', () => {
    const facts = new LineFacts(['a.b = 1', 'x-y']);
    assert.equal(facts.linesWithName('a.b'), undefined);
    assert.equal(facts.linesWithName('x-y'), undefined);
    assert.deepEqual(facts.linesWithName('a'), [0]);
  });

  it('carries facts through any edit to the next version, equal to fresh ones', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 25 }),
        fc.array(fc.record({ at: fc.nat(), removed: fc.nat({ max: 4 }), added: fc.array(line, { maxLength: 4 }) }), { minLength: 1, maxLength: 5 }),
        (start, edits) => {
          let lines = start;
          let facts = new LineFacts(lines);
          for (const name of NAMES) facts.linesWithName(name); // built, so it is updated rather than rebuilt
          for (const e of edits) {
            const at = lines.length ? e.at % (lines.length + 1) : 0;
            const next = [...lines.slice(0, at), ...e.added, ...lines.slice(at + e.removed)];
            lines.forEach((_, i) => (facts.tokensAt(i), facts.shapeAt(i)));
            facts = facts.carried(next);
            assertFresh(facts, NAMES);
            lines = next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an edit inside, an edit outside, an undo, lines added and removed, the file replaced', () => {
    const v1 = ['function foo(a) {', '  return foo(a - 1);', '}', 'const bar = foo(2);'];
    const versions = [
      ['function foo(a) {', '  return fooNext(a - 1);', '}', 'const bar = foo(2);'], // inside a line that has the name
      ['function foo(a) {', '  return fooNext(a - 1);', '}', 'const baz = foo(2);'], // elsewhere
      v1.slice(), // undo to the first text (a new array with the same lines)
      ['// header', ...v1, 'foo();'], // lines added above and below
      v1.slice(1), // lines removed
      ['x = 1', 'y = foo'], // replaced on disk
    ];
    let facts = new LineFacts(v1);
    assert.deepEqual(facts.linesWithName('foo'), [0, 1, 3]);
    for (const v of versions) {
      facts = facts.carried(v);
      assertFresh(facts, ['foo', 'fooNext', 'bar', 'baz', 'y']);
    }
  });

  it('the old version gives its name map up and builds it again if asked', () => {
    const old = new LineFacts(['foo()', 'bar()']);
    assert.deepEqual(old.linesWithName('foo'), [0]);
    const next = old.carried(['bar()', 'foo()']);
    assert.deepEqual(next.linesWithName('foo'), [1]);
    assert.deepEqual(old.linesWithName('foo'), [0]);
  });

  it('another file is scanned by the caller until it has been asked about often, then answered from its map', () => {
    const facts = new LineFacts(['foo()', 'bar(foo)']);
    const answers = Array.from({ length: 20 }, () => facts.linesWithNameOnceAsked('foo'));
    assert.ok(answers.slice(0, 16).every((a) => a === undefined));
    assert.ok(answers.slice(16).every((a) => a !== undefined && a.join() === '0,1'));
  });

  it('one facts object per lines array; a new array (the file read again) gets its own', () => {
    const a = ['foo'];
    assert.equal(lineFacts(a), lineFacts(a));
    assert.notEqual(lineFacts(['foo']), lineFacts(a));
    const b = ['foo', 'bar'];
    assert.equal(carriedLineFacts(a, b), lineFacts(b));
    assert.deepEqual(lineFacts(b).linesWithName('bar'), [1]);
  });

  it('the cache carries a document\'s facts from its last request, per file', () => {
    const cache = new LocatorCache();
    const v1 = ['let foo = 1;', 'foo++;'];
    assert.deepEqual(cache.documentFacts('/a.ts', v1).linesWithName('foo'), [0, 1]);
    assert.deepEqual(cache.documentFacts('/b.ts', ['foo']).linesWithName('foo'), [0]);
    const v2 = ['let fooX = 1;', 'foo++;'];
    const f2 = cache.documentFacts('/a.ts', v2);
    assert.deepEqual(f2.linesWithName('foo'), [1]);
    assert.deepEqual(f2.linesWithName('fooX'), [0]);
    // Asked again with the same lines: the same facts.
    assert.equal(cache.documentFacts('/a.ts', v2), f2);
    // Undone: a new array equal to the first version.
    assert.deepEqual(cache.documentFacts('/a.ts', [...v1]).linesWithName('foo'), [0, 1]);
  });
});
