/**
 * The test of just-edited code: the paired test file by each language's naming, and inside it the place
 * after the test block naming the edited function (then the file's end), or the file's end alone.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { editedSymbols, placesIn, testBlocks } from '@src/core/nextEdit/locations/testOfEditedCode';
import type { SymbolInfo } from '@src/core/index/model';
import { testOfEditedCode } from '@src/core/nextEdit/locations/testOfEditedCode';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

const filler = (n: number, text: string) => Array.from({ length: n }, () => text);

const TS_CODE = ['export function parseDate(s: string): Date {', '  return new Date(s);', '}', '', 'export function formatDate(d: Date): string {', '  return d.toISOString();', '}', ''];
const TS_TEST = [
  "import { formatDate, parseDate } from './dates';", //           0
  '', //                                                          1
  "describe('parseDate', () => {", //                             2
  "  it('reads ISO dates', () => {", //                           3
  "    expect(parseDate('2020-01-01').getFullYear()).toBe(2020);", // 4
  '  });', //                                                     5
  '});', //                                                       6
  '', //                                                          7
  "describe('formatDate', () => {", //                            8
  "  it('writes ISO dates', () => {", //                          9
  '    expect(formatDate(new Date(0))).toContain("1970");', //   10
  '  });', //                                                    11
  '});', //                                                      12
  '', //                                                         13
  "describe('other things', () => {", //                         14
  ...filler(18, '  // more'), //                                 15-32
  "  it('works', () => {});", //                                 33
  '', //                                                         34
  '});', //                                                      35
  '',
];

describe('test of edited code: where in the test file', () => {
  it('finds JS/TS test calls and where they close', () => {
    const blocks = testBlocks(TS_TEST, []);
    assert.deepEqual(blocks.map((b) => [b.title, b.startLine, b.endLine]), [
      ['parseDate', 2, 6], ['reads ISO dates', 3, 5], ['formatDate', 8, 12], ['writes ISO dates', 9, 11], ['other things', 14, 35], ['works', 33, 33],
    ]);
    assert.deepEqual(blocks.filter((b) => b.isTest).map((b) => b.title), ['reads ISO dates', 'writes ISO dates', 'works']);
  });

  it('after the block naming the edited function first, then after the last test; that alone without one', () => {
    const blocks = testBlocks(TS_TEST, []);
    const named = placesIn(TS_TEST, blocks, ['formatDate']);
    assert.deepEqual(named.map((p) => [p.line, p.endLine, p.detail]), [[6, 16, 'formatDate'], [27, 36, 'after the last test']]);
    assert.ok(named[0]!.score > named[1]!.score);
    assert.deepEqual(placesIn(TS_TEST, blocks, ['unrelated']).map((p) => [p.line, p.endLine, p.detail]), [[27, 36, 'after the last test']]);
  });

  it('a name every test spells (the class under test) says nothing about which', () => {
    const blocks = ['fooParses', 'fooFormats', 'fooRounds', 'fooCompares'].map((title, i) => ({ startLine: 10 * i, endLine: 10 * i + 8, title, isTest: true, names: true }));
    const lines = filler(45, '    x();');
    assert.deepEqual(placesIn(lines, blocks, ['Foo']).map((p) => p.detail), ['after the last test']);
    assert.deepEqual(placesIn(lines, blocks, ['rounds', 'Foo']).map((p) => [p.line, p.detail]), [[22, 'rounds']], 'the last test is just after it: one place');
  });
});

const sym = (name: string, kind: SymbolInfo['kind'], startLine: number, endLine: number, container?: string): SymbolInfo => ({ name, kind, startLine, endLine, nameLine: startLine, signature: name, ...(container ? { container } : {}) });

describe('test of edited code: which blocks are tests, what the edit was about', () => {
  const JAVA_TEST = [
    'class FooTest {', //                                          0
    '  @Test', //                                                  1
    '  public void parses() {', //                                 2
    '    assertThat(Foo.parse("1")).isEqualTo(1);', //             3
    '  }', //                                                      4
    '', //                                                         5
    ...filler(12, '  // helpers'), //                              6-17
    '  private abstract static class TestProvider {', //           18
    '    TestProvider(Map<String, Foo> foos) {', //                19
    '      this.foos = foos;', //                                  20
    '    }', //                                                    21
    '  }', //                                                      22
    '}', //                                                        23
  ];
  const symbols = [sym('FooTest', 'class', 0, 23), sym('parses', 'method', 2, 4, 'FooTest'), sym('TestProvider', 'class', 18, 22, 'FooTest'), sym('TestProvider', 'method', 19, 21, 'TestProvider')];

  it('a Java constructor named Test… (a fixture class\'s) is not a test: the new test goes after the last @Test method', () => {
    const blocks = testBlocks(JAVA_TEST, symbols);
    assert.deepEqual(blocks.filter((b) => b.isTest).map((b) => b.title), ['parses']);
    assert.deepEqual(placesIn(JAVA_TEST, blocks, []).map((p) => [p.line, p.endLine, p.detail]), [[0, 8, 'after the last test']]);
  });

  it('Go\'s TestX functions stay tests', () => {
    assert.ok(testBlocks(['func TestTrim(t *testing.T) {', '}'], [sym('TestTrim', 'function', 0, 1)])[0]!.isTest);
  });

  it('a hunk on the doc comment just above a declaration is about that declaration, one a blank line away is not', () => {
    const code = [sym('RouteNotFound', 'method', 0, 2), sym('Any', 'method', 6, 8)];
    const h = (newStart: number, n: number) => ({ file: 'echo.go', newStart, oldLines: ['// old'], newLines: filler(n, '// new'), seq: 0 });
    assert.deepEqual(editedSymbols(code, [h(4, 2)]), ['Any'], 'lines 4-5, the comment over `func Any` at 6');
    assert.deepEqual(editedSymbols(code, [h(3, 2)]), [], 'lines 3-4, a blank line before the declaration');
  });
});

describe('test of edited code source', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      'src/dates.ts': TS_CODE.join('\n'),
      'src/dates.test.ts': TS_TEST.join('\n'),
      'pkg/trim.go': 'package pkg\n\nfunc Trim(s string) string {\n\treturn s\n}\n\nfunc Pad(s string) string {\n\treturn s\n}\n',
      'pkg/trim_test.go': ['package pkg', '', 'func TestPad(t *testing.T) {', '\tPad("")', '}', '', 'func TestTrim(t *testing.T) {', '\tTrim("")', '}', '', ...filler(12, '// helpers'), ''].join('\n'),
      'src/shop/models.py': 'class Cart:\n    def total(self):\n        return 0\n',
      'tests/test_models.py': 'from shop.models import Cart\n\n\ndef test_empty():\n    assert Cart().total() == 0\n',
      'src/lonely.ts': 'export const x = 1;\n',
      'src/main/java/org/x/Cart.java': 'package org.x;\n\npublic class Cart {\n    public int total() {\n        return 0;\n    }\n}\n',
      'src/test/java/org/x/CartTests.java': [
        'package org.x;', //                                  0
        '', //                                                1
        'class CartTests {', //                               2
        '    @Test', //                                       3
        '    void emptyIsFree() {', //                        4
        '        assertThat(new Cart().total()).isZero();', // 5
        '    }', //                                           6
        '', //                                                7
        ...filler(12, '    // more'), //                      8-19
        '    @Configuration', //                              20
        '    static class Config {', //                       21
        '        Cart cart() {', //                           22
        '            return new Cart();', //                  23
        '        }', //                                       24
        '    }', //                                           25
        '}', //                                               26
        '',
      ].join('\n'),
    });
  });
  after(() => ws.close());

  const at = (cs: ReturnType<typeof testOfEditedCode>) => cs.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}-${c.endLine}:${c.detail}`);

  it('an edit to a TS function points after its describe block, then to the test file end', () => {
    const history = [hunk(ws, 'src/dates.ts', 5, ['  return d.toString();'], ['  return d.toISOString();'])];
    const found = testOfEditedCode(context(ws, 'src/dates.ts', { line: 5, character: 10 }, history));
    assert.deepEqual(at(found), ['src/dates.test.ts:6-16:formatDate', 'src/dates.test.ts:27-36:after the last test']);
    assert.ok(found.every((c) => c.reason === 'test-of-edit'));
  });

  it('Go: after the TestName function of the edited function (the last test: one place)', () => {
    const history = [hunk(ws, 'pkg/trim.go', 3, ['\treturn ""'], ['\treturn s'])];
    assert.deepEqual(at(testOfEditedCode(context(ws, 'pkg/trim.go', { line: 3, character: 5 }, history))), ['pkg/trim_test.go:2-12:Trim']);
  });

  it('Python: tests/test_<name>.py, its end when no test names the edited method', () => {
    const history = [hunk(ws, 'src/shop/models.py', 2, ['        return 1'], ['        return 0'])];
    assert.deepEqual(at(testOfEditedCode(context(ws, 'src/shop/models.py', { line: 2, character: 10 }, history))), ['tests/test_models.py:0-5:after the last test']);
  });

  it('Java: after the last @Test method, not after the configuration classes that close the file', () => {
    const history = [hunk(ws, 'src/main/java/org/x/Cart.java', 4, ['        return 1;'], ['        return 0;'])];
    assert.deepEqual(at(testOfEditedCode(context(ws, 'src/main/java/org/x/Cart.java', { line: 4, character: 10 }, history))), ['src/test/java/org/x/CartTests.java:0-10:after the last test']);
  });

  it('nothing for an edited test, code without a test, or a place the history already edited', () => {
    const test = [hunk(ws, 'src/dates.test.ts', 10, ['    expect(1);'], ['    expect(formatDate(new Date(0))).toContain("1970");'])];
    assert.deepEqual(testOfEditedCode(context(ws, 'src/dates.test.ts', { line: 10, character: 4 }, test)), []);
    const lonely = [hunk(ws, 'src/lonely.ts', 0, ['export const x = 2;'], ['export const x = 1;'])];
    assert.deepEqual(testOfEditedCode(context(ws, 'src/lonely.ts', { line: 0, character: 4 }, lonely)), []);
    const both = [hunk(ws, 'pkg/trim.go', 3, ['\treturn ""'], ['\treturn s'], 0), hunk(ws, 'pkg/trim_test.go', 2, [], ['func TestPad(t *testing.T) {'], 1)];
    assert.deepEqual(testOfEditedCode(context(ws, 'pkg/trim.go', { line: 3, character: 5 }, both)), []);
  });
});
