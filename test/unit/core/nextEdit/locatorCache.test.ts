/**
 * Index lookups kept across requests: the related files from the kept stems are relatedFiles()'s over
 * the index's file list; token counts are dropped when the index changes; the stems are kept through a
 * change to a file they know and rebuilt for a file they do not know or an unknown change.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lineFacts } from '@src/core/nextEdit/locations/lineFacts';
import { LocatorCache, type VersionedIndex } from '@src/core/nextEdit/locations/locatorCache';
import { relatedFiles } from '@src/core/nextEdit/locations/relatedFiles';

class FakeIndex implements VersionedIndex {
  counts = new Map<string, number>();
  lookups = { files: 0, tokens: 0 };
  private v = 1;
  private changed: Set<string> | undefined = new Set();
  constructor(public files: string[]) {}
  filePaths() {
    this.lookups.files++;
    return [...this.files];
  }
  roots() {
    return ['/r'];
  }
  chunksWithToken(token: string) {
    this.lookups.tokens++;
    return { total: this.counts.get(token) ?? 0 };
  }
  version() {
    return this.v;
  }
  changedSince() {
    return this.changed;
  }
  /** A change to `file`, or to anything (no file: the index cannot say what changed). */
  change(file?: string) {
    this.v++;
    this.changed = file ? new Set([file]) : undefined;
  }
}

const FILES = ['/r/src/cart.ts', '/r/src/price.ts', '/r/test/cart.test.ts', '/r/test/price.spec.ts', '/r/src/cart.go', '/r/docs/cart.md', '/r/src/index.ts'];

describe('locator cache', () => {
  it('finds the same related files, in the same order, as a pass over every indexed path', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    cache.sync(index);
    for (const files of [['/r/src/cart.ts'], ['/r/test/price.spec.ts'], ['/r/src/cart.ts', '/r/src/price.ts'], ['/r/src/index.ts'], ['/r/src/cart.go']]) {
      assert.deepEqual(cache.relatedFiles(files), relatedFiles(files, FILES, ['/r']), files.join());
    }
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts'], 1), relatedFiles(['/r/src/cart.ts'], FILES, ['/r'], 1));
    assert.equal(index.lookups.files, 1, 'the file list is read once');
  });

  it('lists a folder\'s files from the kept file list, in the index\'s order', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    cache.sync(index);
    assert.deepEqual(cache.filesInFolder('/r/src/price.ts'), ['/r/src/cart.ts', '/r/src/price.ts', '/r/src/cart.go', '/r/src/index.ts']);
    assert.deepEqual(cache.filesInFolder('/r/test/cart.test.ts'), ['/r/test/cart.test.ts', '/r/test/price.spec.ts']);
    assert.deepEqual(cache.filesInFolder('/r/nowhere/x.ts'), []);
    assert.equal(index.lookups.files, 1, 'the file list is read once');
  });

  it('keeps the stems through changes to known files, rebuilds them for a new file or an unknown change', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    cache.sync(index);
    cache.relatedFiles(['/r/src/cart.ts']);
    index.change('/r/src/cart.ts'); // typing in a known file
    cache.sync(index);
    cache.relatedFiles(['/r/src/cart.ts']);
    assert.equal(index.lookups.files, 1);
    index.files.push('/r/test/cart_more.test.ts');
    index.change('/r/test/cart_more.test.ts'); // a new file
    cache.sync(index);
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts']), relatedFiles(['/r/src/cart.ts'], index.files, ['/r']));
    assert.equal(index.lookups.files, 2);
    index.files = index.files.filter((f) => f !== '/r/test/cart.test.ts');
    index.change(); // a rescan: anything may have changed
    cache.sync(index);
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts']), relatedFiles(['/r/src/cart.ts'], index.files, ['/r']));
    assert.equal(index.lookups.files, 3);
  });

  it('keeps related files\' answers while the stems last, and answers anew for a new file, an unknown change or another index', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    cache.sync(index);
    const first = cache.relatedFiles(['/r/src/cart.ts']);
    assert.equal(cache.relatedFiles(['/r/src/cart.ts']), first, 'the same answer, not found again');
    assert.notEqual(cache.relatedFiles(['/r/src/cart.ts'], 1), first, 'another limit is another question');
    index.change('/r/src/cart.ts'); // typing in a known file
    cache.sync(index);
    assert.equal(cache.relatedFiles(['/r/src/cart.ts']), first);
    index.files.push('/r/test/cart.spec.ts');
    index.change('/r/test/cart.spec.ts'); // a new file that belongs with cart.ts
    cache.sync(index);
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts']), relatedFiles(['/r/src/cart.ts'], index.files, ['/r']));
    assert.ok(cache.relatedFiles(['/r/src/cart.ts']).includes('/r/test/cart.spec.ts'));
    index.files = index.files.filter((f) => f !== '/r/test/cart.spec.ts');
    index.change(); // a rescan: anything may have changed
    cache.sync(index);
    assert.ok(!cache.relatedFiles(['/r/src/cart.ts']).includes('/r/test/cart.spec.ts'));
    cache.sync(new FakeIndex(['/s/cart.ts', '/s/cart.test.ts']));
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts']), relatedFiles(['/r/src/cart.ts'], ['/s/cart.ts', '/s/cart.test.ts'], ['/r']));
  });

  it('drops token counts when the index changes, and starts over for another index', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    index.counts.set('total', 3);
    cache.sync(index);
    assert.equal(cache.chunkCount('total'), 3);
    assert.equal(cache.chunkCount('total'), 3);
    assert.equal(index.lookups.tokens, 1);
    cache.sync(index); // same version: kept
    assert.equal(cache.chunkCount('total'), 3);
    assert.equal(index.lookups.tokens, 1);
    index.counts.set('total', 4);
    index.change('/r/src/cart.ts');
    cache.sync(index);
    assert.equal(cache.chunkCount('total'), 4);
    const other = new FakeIndex(['/s/a.ts']);
    other.counts.set('total', 9);
    cache.sync(other);
    assert.equal(cache.chunkCount('total'), 9);
    assert.deepEqual(cache.relatedFiles(['/r/src/cart.ts']), []);
  });

  it('keeps files\' lines until the index takes that file in again, or cannot say what changed', () => {
    const index = new FakeIndex(FILES);
    const cache = new LocatorCache();
    const reads: string[] = [];
    const disk = new Map([['/r/src/cart.ts', ['a']], ['/r/src/price.ts', ['b']]]);
    const read = (f: string) => {
      reads.push(f);
      return disk.get(f);
    };
    cache.sync(index);
    assert.deepEqual(cache.linesOf('/r/src/cart.ts', read), ['a']);
    assert.deepEqual(cache.linesOf('/r/src/price.ts', read), ['b']);
    assert.equal(cache.linesOf('/r/src/gone.ts', read), undefined);
    cache.sync(index);
    cache.linesOf('/r/src/cart.ts', read);
    cache.linesOf('/r/src/gone.ts', read);
    assert.deepEqual(reads, ['/r/src/cart.ts', '/r/src/price.ts', '/r/src/gone.ts'], 'read once while the index stays put');
    disk.set('/r/src/cart.ts', ['a2']);
    index.change('/r/src/cart.ts');
    cache.sync(index);
    assert.deepEqual(cache.linesOf('/r/src/cart.ts', read), ['a2'], 'the changed file is read again');
    assert.deepEqual(cache.linesOf('/r/src/price.ts', read), ['b']);
    assert.equal(reads.length, 4, 'the others are kept');
    index.change();
    cache.sync(index);
    cache.linesOf('/r/src/price.ts', read);
    assert.equal(reads.length, 5, 'an unknown change drops them all');
    cache.sync(new FakeIndex(FILES));
    cache.linesOf('/r/src/price.ts', read);
    assert.equal(reads.length, 6, 'another index: read anew');
  });

  it('a warmed document\'s first request carries its name map (the same lines as a fresh map), through edits and an undo', () => {
    const cache = new LocatorCache();
    const opened = ['const total = 1;', 'function add(a) {', '  return a + total;', '}', 'add(total);'];
    cache.warmDocument('/ws/a.js', opened);
    // Typed since the open: `total` renamed on its declaration line, a line added below.
    const typed = ['const sum = 1;', 'function add(a) {', '  return a + total;', '}', 'add(total);', 'add(sum);'];
    const facts = cache.documentFacts('/ws/a.js', typed);
    for (const name of ['total', 'sum', 'add', 'a', 'missing']) {
      assert.deepEqual(facts.linesWithNameOnceAsked(name), lineFacts([...typed]).linesWithName(name), name);
    }
    // Undone: back to the opened text in a new array.
    const undone = cache.documentFacts('/ws/a.js', [...opened]);
    assert.deepEqual(undone.linesWithNameOnceAsked('total'), [0, 2, 4]);
    assert.deepEqual(undone.linesWithNameOnceAsked('sum'), []);
    // Another document is not carried from this one's map: built when asked often enough.
    const other = cache.documentFacts('/ws/b.js', ['let total = 2;']);
    assert.equal(other.linesWithNameOnceAsked('total'), undefined);
  });
});
