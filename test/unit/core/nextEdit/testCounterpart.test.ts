/** Tests and their subjects by each language's naming, and the test → code source built on them. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testCounterpart } from '@src/core/nextEdit/locations/testCounterpart';
import { counterpartFiles, isTestFile } from '@src/core/nextEdit/locations/testFiles';
import { context, hunk, type TestWorkspace, workspace } from './workspaceIndex';

describe('test files by naming convention', () => {
  it('knows a test per language', () => {
    for (const f of ['/r/src/foo.test.ts', '/r/src/foo.spec.js', '/r/test/app.router.js', '/r/pkg/server_test.go', '/r/tests/test_models.py', '/r/pkg/models_test.py',
      '/r/src/test/java/org/x/FooTest.java', '/r/src/test/java/org/x/FooTests.java', '/r/core/FooIT.java', '/r/tests/cli.rs', '/r/Foo.Tests/BarTests.cs']) {
      assert.ok(isTestFile(f), f);
    }
    for (const f of ['/r/src/foo.ts', '/r/lib/router/index.js', '/r/pkg/server.go', '/r/src/requests/models.py', '/r/src/main/java/org/x/Foo.java', '/r/src/testing_utils.rs', '/r/src/Contest.java']) {
      assert.ok(!isTestFile(f), f);
    }
  });

  it('pairs a test with its subject, nearest folders first', () => {
    const all = [
      '/r/src/main/java/org/apache/commons/lang3/time/StopWatch.java',
      '/r/src/main/java/org/apache/commons/lang3/other/StopWatch.java',
      '/r/src/test/java/org/apache/commons/lang3/time/StopWatchTest.java',
      '/r/src/test/java/org/apache/commons/lang3/time/FastDateParserTest.java',
    ];
    assert.deepEqual(counterpartFiles(all[2]!, all, ['/r'], 1), [all[0]]);
    assert.deepEqual(counterpartFiles(all[0]!, all, ['/r']), [all[2]]);
    assert.deepEqual(counterpartFiles('/r/scrape/manager_test.go', ['/r/scrape/manager.go', '/r/rules/manager.go', '/r/scrape/manager_test.go'], ['/r']), ['/r/scrape/manager.go', '/r/rules/manager.go']);
    assert.deepEqual(counterpartFiles('/r/tests/test_adapters.py', ['/r/src/requests/adapters.py', '/r/tests/test_adapters.py', '/r/docs/adapters.md'], ['/r']), ['/r/src/requests/adapters.py']);
    assert.deepEqual(counterpartFiles('/r/src/util/VersionUtils.ts', ['/r/test/unit/util/version-utils.test.ts', '/r/src/util/VersionUtils.ts'], ['/r']), ['/r/test/unit/util/version-utils.test.ts']);
    // A code file's package-level test: src/requests/models.py → tests/test_requests.py.
    assert.deepEqual(counterpartFiles('/r/src/requests/models.py', ['/r/tests/test_requests.py', '/r/tests/test_lowlevel.py'], ['/r']), ['/r/tests/test_requests.py']);
    // A test in a folder named after its subject (koa's __tests__/response/back.test.js covers lib/response.js)…
    assert.deepEqual(counterpartFiles('/r/__tests__/response/back.test.js', ['/r/lib/response.js', '/r/lib/request.js', '/r/lib/back-compat.js'], ['/r']), ['/r/lib/response.js']);
    // …but a layout folder names nothing, and a subject by the test's own name wins over the folder's namesake.
    assert.deepEqual(counterpartFiles('/r/src/tests/back.test.js', ['/r/lib/tests.js'], ['/r']), []);
    assert.deepEqual(counterpartFiles('/r/middleware/recover_test.go', ['/r/middleware/middleware.go', '/r/middleware/recover.go'], ['/r']), ['/r/middleware/recover.go']);
  });
});

describe('test counterpart source', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      'src/main/java/org/x/StopWatch.java': [
        'package org.x;', //                                        0
        '', //                                                      1
        'public class StopWatch {', //                              2
        '    public static StopWatch createStarted() {', //         3
        '        return new StopWatch();', //                       4
        '    }', //                                                 5
        '    public void split() {', //                             6
        '    }', //                                                 7
        '    public String formatSplitTime() {', //                 8
        '        return DurationFormatUtils.formatDurationHMS(getSplitTime());', // 9
        '    }', //                                                10
        '    public long getSplitTime() {', //                     11
        '        return 0;', //                                    12
        '    }', //                                                13
        '}', //                                                    14
      ].join('\n'),
      'src/test/java/org/x/StopWatchTest.java': [
        'package org.x;', //                                        0
        '', //                                                      1
        'class StopWatchTest {', //                                 2
        '    @Test', //                                             3
        '    void testFormatSplitTimeExceedingIntMillis() {', //    4
        '        final StopWatch watch = StopWatch.createStarted();', // 5
        '        watch.split();', //                                6
        '        assertEquals("0:00:00.000", watch.formatSplitTime());', // 7
        '    }', //                                                 8
        '}', //                                                     9
      ].join('\n'),
      'relabel/relabel.go': 'package relabel\n\nfunc Process(cfg *Config) bool {\n\treturn true\n}\n\nfunc relabel(cfg *Config) bool {\n\treturn Process(cfg)\n}\n',
      'relabel/relabel_test.go': 'package relabel\n\nfunc TestRelabel(t *testing.T) {\n\trequire.True(t, relabel(nil))\n}\n',
      'lib/response.js': 'module.exports = {\n  redirect (url) {\n  },\n  back (alt) {\n    this.redirect(alt)\n  },\n}\n',
      '__tests__/response/back.test.js': "describe('ctx.back()', () => {\n  it('redirects', () => {\n  })\n})\n",
      'src/internals/queryKey.ts': [
        'export function queryKey(path: string[], input: unknown, type: string) {', // 0
        '  // Construct a key that is easy to destructure', //                         1
        '  // and flexible for partial selecting.', //                                 2
        '', //                                                                         3
        "  const splitPath = path.flatMap((part) => part.split('.'));", //             4
        '', //                                                                         5
        "  if (!input && (!type || type === 'any'))", //                               6
        '    return splitPath.length ? [splitPath] : [];', //                          7
        '  return [', //                                                               8
        '    splitPath,', //                                                           9
        '    { input, type },', //                                                    10
        '  ];', //                                                                    11
        '}', //                                                                       12
      ].join('\n'),
      'src/internals/queryKey.test.ts': "test('queryKey', () => {\n  expect(queryKey([], undefined, 'any')).toEqual([]);\n});\n",
    });
  });
  after(() => ws.close());

  const at = (cs: ReturnType<typeof testCounterpart>) => cs.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}:${c.detail}`);

  it('a new test sends the user to the function its name spells out, then to the rarest one it calls', () => {
    const history = [hunk(ws, 'src/test/java/org/x/StopWatchTest.java', 3, [], ws.lines('src/test/java/org/x/StopWatchTest.java').slice(3, 9))];
    const found = testCounterpart(context(ws, 'src/test/java/org/x/StopWatchTest.java', { line: 8, character: 5 }, history));
    assert.deepEqual(at(found), ['src/main/java/org/x/StopWatch.java:8:formatSplitTime', 'src/main/java/org/x/StopWatch.java:6:split']);
    assert.ok(found[0]!.score > found[1]!.score);
  });

  it('a call the test stopped making counts as much as a new one (Go)', () => {
    const history = [hunk(ws, 'relabel/relabel_test.go', 3, ['\trequire.True(t, Process(nil))'], ['\trequire.True(t, relabel(nil))'])];
    const found = testCounterpart(context(ws, 'relabel/relabel_test.go', { line: 3, character: 20 }, history));
    assert.deepEqual(at(found).sort(), ['relabel/relabel.go:2:Process', 'relabel/relabel.go:6:relabel']);
  });

  it('a test in a folder named after its subject sends the user to the member it started calling (koa)', () => {
    const history = [hunk(ws, '__tests__/response/back.test.js', 3, [], ['  it(\'redirects to the same origin\', () => {', '    ctx.back()', '  })'])];
    const found = testCounterpart(context(ws, '__tests__/response/back.test.js', { line: 5, character: 4 }, history));
    assert.deepEqual(at(found), ['lib/response.js:3:back']);
  });

  it('a test of a long function also sends the user to the end of its body, where a new case goes before the last return', () => {
    const history = [hunk(ws, 'src/internals/queryKey.test.ts', 2, [], ["  expect(queryKey(['a'], { cursor: 1 }, 'infinite')).toEqual([['a']]);"])];
    const found = testCounterpart(context(ws, 'src/internals/queryKey.test.ts', { line: 2, character: 10 }, history));
    assert.deepEqual(found.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}-${c.endLine ?? c.line}:${c.detail}`), ['src/internals/queryKey.ts:0-0:queryKey', 'src/internals/queryKey.ts:6-12:end of queryKey']);
    assert.equal(found[1]!.score, found[0]!.score);
  });

  it('an edit to code proposes nothing (its test edit is not predictable by name), nor does a test without a subject', () => {
    const code = [hunk(ws, 'src/main/java/org/x/StopWatch.java', 12, ['        return 1;'], ['        return 0;'])];
    assert.deepEqual(testCounterpart(context(ws, 'src/main/java/org/x/StopWatch.java', { line: 12, character: 10 }, code)), []);
    const lonely = [hunk(ws, 'relabel/relabel_test.go', 3, ['\trequire.True(t, unknownHelper(nil))'], ['\trequire.True(t, otherHelper(nil))'])];
    assert.deepEqual(testCounterpart(context(ws, 'relabel/relabel_test.go', { line: 3, character: 20 }, lonely)), []);
  });
});

describe('test counterpart source, a name defined everywhere', () => {
  let ws: TestWorkspace;
  before(async () => {
    // 41 classes define append(): more than the source trusts, so which 40 the index lists first (an
    // order a warm start changes) must not decide the answer.
    const files: Record<string, string> = {};
    for (let i = 0; i < 41; i++) files[`src/main/java/org/x/Builder${i}.java`] = `package org.x;\n\npublic class Builder${i} {\n    public Builder${i} append(String s) {\n        return this;\n    }\n}\n`;
    files['src/main/java/org/x/Appendix.java'] = 'package org.x;\n\npublic class Appendix {\n    public static Appendix append(String s) {\n        return null;\n    }\n    public static String render(String s) {\n        return s;\n    }\n}\n';
    files['src/test/java/org/x/AppendixTest.java'] = 'package org.x;\n\nclass AppendixTest {\n    @Test\n    void testRender() {\n        assertEquals("a", Appendix.render(Appendix.append("a")));\n    }\n}\n';
    ws = await workspace(files);
  });
  after(() => ws.close());

  it('leads only through the names that are rare enough', () => {
    const history = [hunk(ws, 'src/test/java/org/x/AppendixTest.java', 3, [], ws.lines('src/test/java/org/x/AppendixTest.java').slice(3, 7))];
    const found = testCounterpart(context(ws, 'src/test/java/org/x/AppendixTest.java', { line: 6, character: 5 }, history));
    assert.deepEqual(found.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}:${c.detail}`), ['src/main/java/org/x/Appendix.java:6:render']);
  });
});
