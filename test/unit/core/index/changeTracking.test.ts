/** What caches built on the index rely on: version(), changedSince() and linesOf()'s freshness. */
import assert from 'node:assert/strict';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { copyWorkspace } from './helpers/tempWorkspace';

describe('index change tracking', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let index: CodeIndex;
  const file = (rel: string) => path.join(ws.dir, rel);

  beforeEach(async () => {
    ws = copyWorkspace();
    index = await CodeIndex.open({ roots: [ws.dir], workers: 0 });
    await index.refresh();
  });
  afterEach(async () => {
    await index.close({ save: false });
    ws.cleanup();
  });

  it('changedSince names the files edited since a version, and only those', async () => {
    const v0 = index.version();
    assert.deepEqual(index.changedSince(v0), new Set());
    await index.updateDocument(file('src/util.ts'), 'export function firstEdit() {}\n');
    const v1 = index.version();
    assert.ok(v1 > v0);
    assert.deepEqual(index.changedSince(v0), new Set([file('src/util.ts')]));
    await index.updateDocument(file('src/util.ts'), 'export function secondEdit() {}\n');
    assert.deepEqual(index.changedSince(v0), new Set([file('src/util.ts')]));
    assert.deepEqual(index.changedSince(v1), new Set([file('src/util.ts')]));
  });

  it('changedSince is undefined when it cannot tell: a version from before a rebuild, or from the future', async () => {
    const v0 = index.version();
    await index.rebuild();
    assert.equal(index.changedSince(v0), undefined);
    assert.equal(index.changedSince(index.version() + 1), undefined);
  });

  it('an edit that does not change the text changes nothing', async () => {
    const p = file('src/util.ts');
    const v0 = index.version();
    await index.updateDocument(p, index.linesOf(p)!.join('\n'));
    assert.equal(index.version(), v0);
  });

  it('linesOf follows the disk: a cached file rewritten outside the editor is read again once the watcher reports it', async () => {
    const p = file('src/util.ts');
    const before = index.linesOf(p);
    assert.equal(index.linesOf(p), before, 'the second read comes from the cache');
    writeFileSync(p, 'export const rewritten = 1;\nexport const andLonger = 2;\n');
    index.applyFileEvents({ changed: [p] }, 0);
    await index.settled();
    assert.deepEqual(index.linesOf(p), ['export const rewritten = 1;', 'export const andLonger = 2;', '']);
  });

  it('linesOf is not fooled by a same-size rewrite whose modification time was put back', async () => {
    const p = file('src/util.ts');
    const stamp = new Date('2024-01-02T03:04:05Z'); // whole seconds: restored exactly
    utimesSync(p, stamp, stamp);
    const before = index.linesOf(p)!;
    const same = before.join('\n').replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x'));
    assert.equal(Buffer.byteLength(same), statSync(p).size);
    writeFileSync(p, same);
    utimesSync(p, stamp, stamp); // as `touch -r` or `rsync -t` would
    index.applyFileEvents({ changed: [p] }, 0);
    await index.settled();
    assert.deepEqual(index.linesOf(p), same.split('\n'));
  });

  it('linesOf checks the disk at once for a file the index does not hold (no event would tell it)', () => {
    const p = file('notes-written-after-the-scan.txt');
    writeFileSync(p, 'first\n');
    assert.equal(index.file(p), undefined);
    assert.deepEqual(index.linesOf(p), ['first', '']);
    writeFileSync(p, 'second, longer\n');
    assert.deepEqual(index.linesOf(p), ['second, longer', '']);
  });

  it('linesOf drops its copy of a file the index takes in again', async () => {
    const p = file('src/util.ts');
    const cached = index.linesOf(p)!;
    assert.equal(index.linesOf(p), cached);
    await index.updateDocument(p, 'export const edited = 1;\n');
    const again = index.linesOf(p)!;
    assert.notEqual(again, cached, 'read again, not served from the cache');
    assert.deepEqual(again, cached, 'the disk did not change');
  });
});
