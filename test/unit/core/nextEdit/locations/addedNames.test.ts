/** Added names across files: other uses in files tied to the edit are proposed, namesakes in unrelated files are not. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { addedNames } from '@src/core/nextEdit/locations/addedNames';
import type { Candidate } from '@src/core/nextEdit/locations/locatorContext';
import { context, hunk, type TestWorkspace, workspace } from '../workspaceIndex';

const at = (ws: TestWorkspace, cs: readonly Candidate[], name: string) =>
  cs.filter((c) => c.detail === name).map((c) => `${c.file.slice(ws.root.length + 1)}:${c.line}`).sort();

describe('added names across files', () => {
  let ws: TestWorkspace;
  before(async () => {
    ws = await workspace({
      // Java: the cache starts reading `evictAfterMillis`; its test sets it, an unrelated timer has its own.
      'src/main/java/org/acme/Cache.java': [
        'package org.acme;', '', 'public class Cache {', '  long evictAfterMillis;', '  boolean expired(long age) {', '    return age > evictAfterMillis;', '  }', '}',
      ].join('\n'),
      'src/test/java/org/acme/CacheTest.java': [
        'package org.acme;', '', 'public class CacheTest {', '  void expires() {', '    Cache c = new Cache();', '    c.evictAfterMillis = 10;', '  }', '}',
      ].join('\n'),
      'src/main/java/org/acme/Timer.java': ['package org.acme;', '', 'public class Timer {', '  long evictAfterMillis = 5;', '}'].join('\n'),
      // TypeScript: the store starts emitting `onFlush`; the module importing it uses it, a namesake elsewhere does not count.
      'src/store.ts': ['export const hooks = { onFlush: () => {} };', 'export function flush() {', '  hooks.onFlush();', '}'].join('\n'),
      'src/app.ts': ["import { hooks } from './store';", '', 'hooks.onFlush = () => console.log("flushed");'].join('\n'),
      'src/queue.ts': ['export const events = { onFlush: () => {} };', 'events.onFlush();'].join('\n'),
      // Go: a field read on twenty lines; the edit adds one more read of it and one of a rare field.
      'pkg/conf.go': ['package pkg', '', 'func apply(c *Conf) {', '\tuse(c.Verbose, c.Strict)', ...Array.from({ length: 20 }, (_, i) => `\tlog${i}(c.Verbose)`), '\tcheck(c.Strict)', '}'].join('\n'),
    });
  });
  after(() => ws.close());

  it('Java: the test of the edited class, not a namesake field in an unrelated class', () => {
    const ctx = context(ws, 'src/main/java/org/acme/Cache.java', { line: 5, character: 33 }, [
      hunk(ws, 'src/main/java/org/acme/Cache.java', 5, ['    return false;'], ['    return age > evictAfterMillis;']),
    ]);
    assert.deepEqual(at(ws, addedNames(ctx), 'evictAfterMillis'), ['src/main/java/org/acme/Cache.java:3', 'src/test/java/org/acme/CacheTest.java:5']);
  });

  it('a name read on many lines of the file: each read counts for less, one read on few lines does not', () => {
    const ctx = context(ws, 'pkg/conf.go', { line: 3, character: 10 }, [hunk(ws, 'pkg/conf.go', 3, ['\tuse()'], ['\tuse(c.Verbose, c.Strict)'])]);
    const found = addedNames(ctx).filter((c) => c.file.endsWith('conf.go'));
    const verbose = found.filter((c) => c.detail === 'Verbose');
    const strict = found.filter((c) => c.detail === 'Strict');
    assert.equal(verbose.length, 20);
    assert.deepEqual(strict.map((c) => c.line), [24]);
    assert.ok(verbose.every((c) => c.score < strict[0]!.score / 1.5), 'Verbose, read on 20 lines, counts for half as much per line');
  });

  it('TypeScript: the importer of the edited module, not a namesake in an unrelated one', () => {
    const ctx = context(ws, 'src/store.ts', { line: 2, character: 17 }, [hunk(ws, 'src/store.ts', 2, ['  return;'], ['  hooks.onFlush();'])]);
    assert.deepEqual(at(ws, addedNames(ctx), 'onFlush'), ['src/app.ts:2', 'src/store.ts:0']);
  });
});
