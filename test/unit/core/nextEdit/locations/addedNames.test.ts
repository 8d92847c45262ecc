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
    });
  });
  after(() => ws.close());

  it('Java: the test of the edited class, not a namesake field in an unrelated class', () => {
    const ctx = context(ws, 'src/main/java/org/acme/Cache.java', { line: 5, character: 33 }, [
      hunk(ws, 'src/main/java/org/acme/Cache.java', 5, ['    return false;'], ['    return age > evictAfterMillis;']),
    ]);
    assert.deepEqual(at(ws, addedNames(ctx), 'evictAfterMillis'), ['src/main/java/org/acme/Cache.java:3', 'src/test/java/org/acme/CacheTest.java:5']);
  });

  it('TypeScript: the importer of the edited module, not a namesake in an unrelated one', () => {
    const ctx = context(ws, 'src/store.ts', { line: 2, character: 17 }, [hunk(ws, 'src/store.ts', 2, ['  return;'], ['  hooks.onFlush();'])]);
    assert.deepEqual(at(ws, addedNames(ctx), 'onFlush'), ['src/app.ts:2', 'src/store.ts:0']);
  });
});
