/** The same place in a twin file: files of one folder named alike, where a change to one is repeated in the other. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { twinFiles, twinsOf } from '@src/core/nextEdit/locations/twinFiles';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

describe('twin files by name', () => {
  it('pairs files whose names share most of their start and end, tests with tests', () => {
    const dir = (names: string[]) => names.map((n) => `/r/gson/${n}`);
    assert.deepEqual(twinsOf('/r/gson/JsonSerializer.java', dir(['JsonSerializer.java', 'JsonDeserializer.java', 'JsonArray.java', 'JsonSerializer.kt'])), ['/r/gson/JsonDeserializer.java']);
    // The most alike first (Run ~ Show shares 16 of 20 letters, Run ~ Revert 17 of 22), a file alike only in its start not at all.
    const commands = (names: string[]) => names.map((n) => `/r/src/commands/${n}`);
    assert.deepEqual(twinsOf('/r/src/commands/MigrationRunCommand.ts', commands(['MigrationRevertCommand.ts', 'MigrationShowCommand.ts', 'MigrationExecutor.ts'])), commands(['MigrationShowCommand.ts', 'MigrationRevertCommand.ts']));
    // Test marks are no likeness (test_asgi.py is not test_auth.py's twin), and a test is not its code's twin.
    assert.deepEqual(twinsOf('/r/tests/test_asgi.py', ['/r/tests/test_auth.py', '/r/tests/test_api.py', '/r/tests/test_wsgi.py']), ['/r/tests/test_wsgi.py']);
    assert.deepEqual(twinsOf('/r/flag_int.go', ['/r/flag_int_test.go', '/r/flag_uint.go', '/r/flag_mutex.go']), ['/r/flag_uint.go']);
  });
});

describe('twin files source', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      'gson/JsonSerializer.java': ['package gson;', '', '/**', ' *   public JsonElement serialize(Id id, Type t) {', ' */', 'public interface JsonSerializer<T> {', '}'].join('\n'),
      'gson/JsonDeserializer.java': ['package gson;', '', '/**', ' *   public Id fromJson(JsonElement json, Type t) {', ' */', 'public interface JsonDeserializer<T> {', '}'].join('\n'),
      'gson/JsonIOException.java': ['package gson;', '', 'public final class JsonIOException extends JsonParseException {', '', '  public JsonIOException(String msg) {', '    super(msg);', '  }', '}'].join('\n'),
      'gson/JsonSyntaxException.java': ['package gson;', '', 'public final class JsonSyntaxException extends JsonParseException {', '', '  private static final long serialVersionUID = 1L;', '', '  public JsonSyntaxException(String msg) {', '    super(msg);', '  }', '}'].join('\n'),
      'gson/JsonArray.java': ['package gson;', '', 'public final class JsonArray {', '}'].join('\n'),
      'src/cli-ts-node-esm.ts': ['#!/usr/bin/env node', 'import { spawnSync } from "child_process"', 'spawnSync("node", ["--loader", "ts-node/esm"])'].join('\n'),
      'src/cli-ts-node-commonjs.ts': ['#!/usr/bin/env node', 'import { spawnSync } from "child_process"', 'spawnSync("node", ["-r", "ts-node/register"])'].join('\n'),
    });
  });
  after(() => ws.close());

  const at = (cs: ReturnType<typeof twinFiles>) => cs.map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}:${c.score}`);

  it('the twin line holding the edit\'s old text', () => {
    // The line the edit replaced is still in the twin, a line above the edit's.
    const moved = [hunk(ws, 'src/cli-ts-node-esm.ts', 2, ['import { spawnSync } from "child_process"'], ['spawnSync("node", ["--loader", "ts-node/esm"])'])];
    assert.deepEqual(at(twinFiles(context(ws, 'src/cli-ts-node-esm.ts', { line: 2, character: 5 }, moved))), ['src/cli-ts-node-commonjs.ts:1:1']);
  });

  it('else the line the edit is at, with less confidence (a javadoc example renamed, a field added)', () => {
    const renamed = [hunk(ws, 'gson/JsonSerializer.java', 3, [' *   public JsonElement toJson(Id id, Type t) {'], [' *   public JsonElement serialize(Id id, Type t) {'])];
    assert.deepEqual(at(twinFiles(context(ws, 'gson/JsonSerializer.java', { line: 3, character: 30 }, renamed))), ['gson/JsonDeserializer.java:3:0.6']);
    const added = [hunk(ws, 'gson/JsonSyntaxException.java', 4, [], ['  private static final long serialVersionUID = 1L;', ''])];
    assert.deepEqual(at(twinFiles(context(ws, 'gson/JsonSyntaxException.java', { line: 5, character: 0 }, added))), ['gson/JsonIOException.java:4:0.6']);
  });

  it('nothing for a file without a twin', () => {
    const history = [hunk(ws, 'gson/JsonArray.java', 2, ['public class JsonArray {'], ['public final class JsonArray {'])];
    assert.deepEqual(twinFiles(context(ws, 'gson/JsonArray.java', { line: 2, character: 10 }, history)), []);
  });
});
