/** Incremental updates: editor text, file events, bursts, and updates that overtake each other. */
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { copyWorkspace, write } from './helpers/tempWorkspace';

describe('incremental updates', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let index: CodeIndex;
  const editor = new Map<string, string>();
  const file = (rel: string) => path.join(ws.dir, rel);

  beforeEach(async () => {
    ws = copyWorkspace();
    editor.clear();
    index = await CodeIndex.open({ roots: [ws.dir], workers: 1, documentText: (p) => editor.get(p) });
    await index.refresh();
  });
  afterEach(async () => {
    await index.close();
    ws.cleanup();
  });

  it('editor text replaces the file: new symbols searchable at once, old ones gone', async () => {
    const p = file('src/util.ts');
    const text = 'export function lerpValues(a: number, b: number, t: number): number {\n  return a + (b - a) * t;\n}\n';
    editor.set(p, text);
    await index.updateDocument(p, text);
    assert.equal(index.symbols('clamp').length, 0);
    assert.equal(index.symbols('lerpValues')[0]?.rel, 'src/util.ts');
    const hit = index.search('lerp values')[0];
    assert.equal(hit?.rel, 'src/util.ts');
    assert.match(hit?.text ?? '', /lerpValues/, 'hit text comes from the editor, not the disk');
  });

  it('a later edit wins over an earlier one still in flight', async () => {
    const p = file('src/util.ts');
    const first = index.updateDocument(p, 'export function firstVersion() {}\n');
    const second = index.updateDocument(p, 'export function secondVersion() {}\n');
    await Promise.all([first, second]);
    assert.equal(index.symbols('firstVersion').length, 0);
    assert.equal(index.symbols('secondVersion').length, 1);
  });

  it('file events: create, change, delete, rename, folder delete', async () => {
    const created = write(ws.dir, 'src/newModule.ts', 'export class FreshlyCreated {}\n');
    index.applyFileEvents({ created: [created] }, 0);
    await index.settled();
    assert.equal(index.symbols('FreshlyCreated').length, 1);

    writeFileSync(created, 'export class ChangedOnDisk {}\n');
    index.applyFileEvents({ changed: [created] }, 0);
    await index.settled();
    assert.deepEqual([index.symbols('FreshlyCreated').length, index.symbols('ChangedOnDisk').length], [0, 1]);

    const renamed = file('src/renamedModule.ts');
    renameSync(created, renamed);
    index.applyFileEvents({ deleted: [created], created: [renamed] }, 0);
    await index.settled();
    assert.equal(index.symbols('ChangedOnDisk')[0]?.rel, 'src/renamedModule.ts');

    rmSync(file('py'), { recursive: true });
    index.applyFileEvents({ deleted: [file('py')] }, 0);
    await index.settled();
    assert.equal(index.filePaths().some((p) => p.includes(`${path.sep}py${path.sep}`)), false);
    assert.equal(index.symbols('place_order').length, 0);
  });

  it('ignored paths in events stay out', async () => {
    const ignored = write(ws.dir, 'ignored/another.ts', 'export const NOT_HERE = 1;\n');
    const dep = write(ws.dir, 'node_modules/dep/more.js', 'function depMore() {}\n');
    index.applyFileEvents({ created: [ignored, dep] }, 0);
    await index.settled();
    assert.equal(index.symbols('NOT_HERE').length, 0);
    assert.equal(index.symbols('depMore').length, 0);
  });

  it('a burst (branch switch) spread over several event messages lands as one consistent state', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 30; i++) paths.push(write(ws.dir, `src/gen/mod${i}.ts`, `export function generated${i}() { return ${i}; }\n`));
    rmSync(file('src/lib/format.ts'));
    index.applyFileEvents({ created: paths.slice(0, 10) }, 50);
    index.applyFileEvents({ created: paths.slice(10), deleted: [file('src/lib/format.ts')] }, 50);
    await index.settled();
    for (let i = 0; i < 30; i++) assert.equal(index.symbols(`generated${i}`).length, 1);
    assert.equal(index.symbols('formatName').length, 0);
    // The import graph follows: app.ts no longer resolves @lib/format.
    assert.equal(index.importsOf(file('src/app.ts')).some((p) => p.endsWith('format.ts')), false);
  });

  it('closing an editor tab re-reads the disk version', async () => {
    const p = file('src/util.ts');
    editor.set(p, 'export function onlyInEditor() {}\n');
    await index.updateDocument(p, editor.get(p)!);
    assert.equal(index.symbols('onlyInEditor').length, 1);
    editor.delete(p);
    await index.updateFromDisk(p);
    assert.equal(index.symbols('onlyInEditor').length, 0);
    assert.equal(index.symbols('clamp').length, 1);
  });
});
