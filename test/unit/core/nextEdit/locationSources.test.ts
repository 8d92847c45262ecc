/** Each location source on a small real workspace (index built inline): what it proposes, and what it skips. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { addedNames } from '@src/core/nextEdit/locations/addedNames';
import { changedSignature } from '@src/core/nextEdit/locations/changedSignature';
import { diagnostics } from '@src/core/nextEdit/locations/diagnostics';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { missingImport } from '@src/core/nextEdit/locations/missingImport';
import { nearbyWindows } from '@src/core/nextEdit/locations/nearby';
import { recentEdits } from '@src/core/nextEdit/locations/recentEdits';
import { relatedFiles, stemOf } from '@src/core/nextEdit/locations/relatedFiles';
import { renamedIdentifiers } from '@src/core/nextEdit/locations/renamedIdentifiers';
import { repeatedEdit } from '@src/core/nextEdit/locations/repeatedEdit';
import { shapeOf } from '@src/core/nextEdit/locations/lineShape';
import { similarLines } from '@src/core/nextEdit/locations/similarLines';
import { context, hunk, type TestWorkspace, workspace } from './workspaceIndex';

const at = (ws: TestWorkspace, cs: readonly Candidate[]) => cs.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}`).sort();

describe('next-edit location sources', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      'src/cart.ts': [
        "import { formatPrice } from './format';", //           0
        "import { Item } from './item';", //                     1
        '', //                                                   2
        'export function cartTotal(items: Item[], tax: number) {', // 3  (was: total(items))
        '  let amount = 0;', //                                  4  (renamed: sum → amount)
        '  for (const i of items) sum += i.price;', //           5
        '  return formatPrice(sum * (1 + tax));', //             6
        '}', //                                                  7
        '', //                                                   8
        'export function describe(items: Item[]) {', //         9
        '  return `${items.length} items for ${total(items)}`;', // 10
        '}', //                                                  11
      ].join('\n'),
      'src/checkout.ts': [
        "import { total } from './cart';", //                    0
        '', //                                                   1
        'export function checkout(items: unknown[]) {', //       2
        '  const due = total(items as never);', //              3
        '  return due;', //                                     4
        '}', //                                                  5
      ].join('\n'),
      'src/item.ts': 'export interface Item {\n  price: number;\n}\n',
      'src/format.ts': 'export function formatPrice(n: number) {\n  return n.toFixed(2);\n}\n',
      'test/app.test.js': [
        "describe('app', function () {", //                      0
        "  it('should should render', function () {", //         1
        '  });', //                                              2
        "  it('should should route', function () {", //          3
        '  });', //                                              4
        '});', //                                                5
      ].join('\n'),
      'test/other.test.js': "it('should should not be here in another language family', () => {});\n",
      'docs/notes.md': 'The total function and sum variable are described here.\n',
      'pkg/server_test.go': [
        'package pkg', //                                        0
        '', //                                                   1
        'func TestStart(t *testing.T) {', //                    2
        '\tt.Parallel()', //                                     3
        '\trun(t)', //                                           4
        '}', //                                                  5
        '', //                                                   6
        'func TestStop(t *testing.T) {', //                     7
        '\trun(t)', //                                           8
        '}', //                                                  9
        '', //                                                  10
        'func TestKeep(t *testing.T) {', //                     11
        '\tt.Parallel()', //                                    12
        '}', //                                                 13
      ].join('\n'),
      'pkg/files.go': 'package pkg\n\nimport (\n\t"fmt"\n)\n\nfunc read() {\n\tos.ReadFile("a")\n\tfmt.Println(os.Args)\n}\n',
    });
  });
  after(() => ws.close());

  it('renamed identifiers: the remaining uses of a removed name, in this file and in files that use it', () => {
    const ctx = context(ws, 'src/cart.ts', { line: 4, character: 16 }, [
      hunk(ws, 'src/cart.ts', 3, ['export function total(items: Item[], tax: number) {'], ['export function cartTotal(items: Item[], tax: number) {'], 0),
      hunk(ws, 'src/cart.ts', 4, ['  let sum = 0;'], ['  let amount = 0;'], 1),
    ]);
    const found = renamedIdentifiers(ctx);
    assert.deepEqual(at(ws, found.filter((c) => c.detail === 'sum')), ['src/cart.ts:5', 'src/cart.ts:6']);
    assert.deepEqual(at(ws, found.filter((c) => c.detail === 'total')), ['src/cart.ts:10', 'src/checkout.ts:0', 'src/checkout.ts:3']);
    // The most recent edit's names rank first, nearer lines of this file before other files.
    const best = [...found].sort((a, b) => b.score - a.score)[0]!;
    assert.equal(best.detail, 'sum');
    assert.ok(!found.some((c) => c.file.endsWith('.md')), 'documentation is not code');
  });

  it('repeated edit: the same words fixed elsewhere, in code files of the same language', () => {
    const ctx = context(ws, 'test/app.test.js', { line: 1, character: 30 }, [
      hunk(ws, 'test/app.test.js', 1, ["  it('should should render', function () {"], ["  it('should render', function () {"]),
    ]);
    // The state after the edit: line 1 is fixed in the document the engine sees.
    const lines = ws.lines('test/app.test.js');
    lines[1] = "  it('should render', function () {";
    const found = repeatedEdit(context(ws, 'test/app.test.js', { line: 1, character: 30 }, ctx.input.history, { lines }));
    assert.deepEqual(at(ws, found), ['test/app.test.js:3', 'test/other.test.js:0']);
  });

  it('similar lines: an insertion repeats after each look-alike of the line it followed', () => {
    const history = [hunk(ws, 'pkg/server_test.go', 3, [], ['\tt.Parallel()'])];
    const found = similarLines(context(ws, 'pkg/server_test.go', { line: 3, character: 13 }, history));
    assert.deepEqual(at(ws, found), ['pkg/server_test.go:8'], 'TestStop gets it; TestKeep has it already; TestStart is where it was made');
  });

  it('line shapes blank names, strings and numbers', () => {
    assert.equal(shapeOf('    def test_server_closes(self):'), 'def _(self):');
    assert.equal(shapeOf('func TestEureka(t *testing.T) {'), 'func _(_ *_) {');
  });

  it('changed signature: the call sites of a definition whose head changed', () => {
    const found = changedSignature(context(ws, 'src/cart.ts', { line: 3, character: 40 }, [
      hunk(ws, 'src/cart.ts', 3, ['export function cartTotal(items: Item[]) {'], ['export function cartTotal(items: Item[], tax: number) {']),
    ]));
    assert.deepEqual(at(ws, found), [], 'no call site of cartTotal yet');
    const describeChanged = changedSignature(context(ws, 'src/cart.ts', { line: 9, character: 20 }, [
      hunk(ws, 'src/cart.ts', 9, ['export function describe(list: Item[]) {'], ['export function describe(items: Item[]) {']),
    ]));
    assert.ok(describeChanged.every((c) => c.detail === 'describe' && c.line !== 9), 'the definition itself is not a call site');
  });

  it('added names: other uses of a name the edit introduced; uses of an edited import', () => {
    const found = addedNames(context(ws, 'src/checkout.ts', { line: 3, character: 10 }, [hunk(ws, 'src/checkout.ts', 3, ['  const due = 0;'], ['  const due = total(items as never);'])]));
    assert.ok(at(ws, found).includes('src/cart.ts:10'));
    const imports = addedNames(context(ws, 'pkg/files.go', { line: 3, character: 0 }, [hunk(ws, 'pkg/files.go', 3, ['\t"os"', '\t"fmt"'], ['\t"fmt"'])]));
    assert.deepEqual(at(ws, imports.filter((c) => c.detail === 'os')), ['pkg/files.go:7', 'pkg/files.go:8']);
  });

  it('missing import: a new name neither defined nor imported sends the user to the imports; a builtin does not', () => {
    const lines = ws.lines('src/checkout.ts');
    lines[4] = '  return due as Item;';
    const found = missingImport(context(ws, 'src/checkout.ts', { line: 4, character: 20 }, [hunk(ws, 'src/checkout.ts', 4, ['  return due;'], [lines[4]])], { lines }));
    assert.deepEqual(found.map((c) => [c.line, c.detail]), [[1, 'Item']], "after './cart': './item' sorts after it");
    lines[4] = '  return new Map(due);';
    assert.deepEqual(missingImport(context(ws, 'src/checkout.ts', { line: 4, character: 20 }, [hunk(ws, 'src/checkout.ts', 4, ['  return due;'], [lines[4]])], { lines })), [], 'Map is a builtin');
    assert.deepEqual(missingImport(context(ws, 'src/cart.ts', { line: 5, character: 0 }, [hunk(ws, 'src/cart.ts', 5, ['x'], ['  for (const i of items) sum += i.price as Item;'])])), [], 'Item is imported');
  });

  it('recent edits: the lines around each earlier edit, newer ones first', () => {
    const found = recentEdits(context(ws, 'src/cart.ts', { line: 10, character: 0 }, [hunk(ws, 'src/cart.ts', 4, ['a'], ['b'], 0), hunk(ws, 'src/checkout.ts', 3, ['c'], ['d'], 1)]));
    assert.equal(found[0]!.file, ws.file('src/checkout.ts'));
    assert.deepEqual(found.map((c) => [c.line, c.endLine]), [[4, 5], [0, 2], [5, 10], [0, 3]]);
  });

  it('diagnostics: errors and warnings, not on lines the user just changed', () => {
    const f = ws.file('src/cart.ts');
    const found = diagnostics(context(ws, 'src/cart.ts', { line: 0, character: 0 }, [hunk(ws, 'src/cart.ts', 4, ['a'], ['b'])], {
      diagnostics: [{ file: f, line: 5, message: "Cannot find name 'sum'", severity: 'error' }, { file: f, line: 4, message: 'unused', severity: 'warning' }],
    }));
    assert.deepEqual(found.map((c) => [c.line, c.score]), [[5, 1]]);
  });

  it('nearby: windows below and above the region, alternating', () => {
    const ctx = context(ws, 'pkg/server_test.go', { line: 5, character: 0 }, []);
    const found = nearbyWindows(ctx, { file: ws.file('pkg/server_test.go'), startLine: 4, endLine: 6 });
    assert.deepEqual(found.map((c) => [c.line, c.endLine]), [[7, 13], [0, 3]]);
  });

  it('related files: a file and its test share a stem', () => {
    assert.equal(stemOf('/r/pkg/server.go', ['/r']), stemOf('/r/pkg/server_test.go', ['/r']));
    assert.equal(stemOf('/r/src/Foo.java', ['/r']), stemOf('/r/test/FooTest.java', ['/r']));
    assert.equal(stemOf('/r/examples/web-service/index.js', ['/r']), stemOf('/r/test/acceptance/web-service.js', ['/r']));
    assert.deepEqual(relatedFiles(['/r/a/matcher.go'], ['/r/a/matcher.go', '/r/a/matcher_test.go', '/r/a/other.go', '/r/a/matcher.md'], ['/r']), ['/r/a/matcher_test.go']);
  });
});
