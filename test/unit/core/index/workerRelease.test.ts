/**
 * A refresh that parsed many files ends its idle parse workers before its final maintenance and snapshot
 * write (where a first build's memory peaks); the updates after it start a worker again.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { tempDir, write } from './helpers/tempWorkspace';

const FILES = 1000;

describe('parse workers after a large refresh', () => {
  let ws: ReturnType<typeof tempDir>;
  let store: ReturnType<typeof tempDir>;
  let index: CodeIndex;

  beforeEach(async () => {
    ws = tempDir();
    store = tempDir('banyan-store-');
    for (let i = 0; i < FILES; i++) write(ws.dir, `src/m${Math.floor(i / 100)}/file${i}.ts`, `export function helper${i}(value: number): number {\n  return value + ${i};\n}\n`);
    index = await CodeIndex.open({ roots: [ws.dir], storageDir: store.dir, workers: 1 });
    await index.refresh();
  });
  afterEach(async () => {
    await index.close();
    ws.cleanup();
    store.cleanup();
  });

  it('indexes every file, and editor updates and file events after it still parse', async () => {
    assert.equal(index.stats().files, FILES);
    assert.equal(index.symbols('helper999')[0]?.rel, 'src/m9/file999.ts');

    const edited = path.join(ws.dir, 'src/m0/file0.ts');
    await index.updateDocument(edited, 'export function renamedAfterBuild(value: number): number {\n  return value;\n}\n');
    assert.equal(index.symbols('helper0').length, 0);
    assert.equal(index.symbols('renamedAfterBuild')[0]?.rel, 'src/m0/file0.ts');

    const created = write(ws.dir, 'src/late/created.ts', 'export class CreatedAfterBuild {}\n');
    index.applyFileEvents({ created: [created] }, 0);
    await index.settled();
    assert.equal(index.symbols('CreatedAfterBuild')[0]?.rel, 'src/late/created.ts');
    assert.equal(index.search('renamed after build')[0]?.rel, 'src/m0/file0.ts');
  });
});
