/**
 * The symbol-name table is patched file by file as the index changes; whatever the history of edits,
 * it must equal a table built from scratch over the same index.
 */
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { symbolNames, type SymbolNames } from '@src/core/completion/context/symbolNames';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

/** Everything observable about a table, in a comparable form. */
function describeTable(names: SymbolNames): unknown {
  const key = (n: { file: string; sym: { name: string; startLine: number } }) => `${n.file}:${n.sym.startLine}:${n.sym.name}`;
  const byWord = [...names.byWord].map(([w, list]) => [w, [...list].map(key).sort(), names.idf(w)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const byFile = [...names.byFile].map(([f, list]) => [f, list.map(key)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const byDir = [...names.byDir].map(([d, files]) => [d, [...files].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const prefixes = ['', 'U', 'get', 'cre', 'x'].map((p) => [p, [...names.withPrefix(p)].map(key).sort()]);
  return { byWord, byFile, byDir, prefixes };
}

describe('symbolNames (patched as the index changes)', () => {
  let ws: FixtureWorkspace;
  before(async () => {
    ws = await openFixture('ts');
  });
  after(async () => ws.close());

  it('withPrefix finds exactly the names starting with the prefix, in name order', () => {
    const names = symbolNames(ws.index);
    const all = [...names.byFile.values()].flat();
    for (const prefix of ['U', 'get', 'User', 'zzz']) {
      const found = [...names.withPrefix(prefix)].map((n) => n.sym.name);
      assert.deepEqual([...found].sort(), all.filter((n) => n.sym.name.startsWith(prefix)).map((n) => n.sym.name).sort());
      assert.deepEqual(found, [...found].sort());
    }
  });

  it('after edits, additions and deletions it equals a table built from scratch', async () => {
    const first = symbolNames(ws.index);
    const files = ws.index.filePaths().filter((f) => f.endsWith('.ts')).sort();
    assert.ok(files.length >= 2, 'the fixture has several TypeScript files');
    // Rename a definition, add new ones, and empty another file, then re-read the table.
    const edited = files[0]!;
    const editedText = `${ws.text(edited.slice(ws.dir.length + 1))}\nexport function freshlyTypedHelper(userId: string) { return userId; }\nexport class GetterCache {}\n`;
    await ws.index.updateDocument(edited, editedText);
    await ws.index.updateDocument(files[1]!, '// emptied\n');
    const patched = symbolNames(ws.index);
    assert.equal(patched, first, 'the same table, patched');
    assert.ok([...patched.withPrefix('freshly')].some((n) => n.sym.name === 'freshlyTypedHelper'));
    assert.equal(patched.byFile.get(files[1]!)?.length, 0);

    const fresh = await CodeIndex.open({ roots: [ws.dir], workers: 0 });
    try {
      // A second index over the same files as the first one sees them: the edited texts.
      await fresh.refresh();
      await fresh.updateDocument(edited, editedText);
      await fresh.updateDocument(files[1]!, '// emptied\n');
      assert.deepEqual(describeTable(patched), describeTable(symbolNames(fresh)));
    } finally {
      await fresh.close({ save: false });
    }
  });

  it('files created and deleted on disk: patched from the changed files alone, it equals a table built from scratch', async () => {
    // The editor texts of the test above go: the index follows the disk again.
    for (const f of ws.index.filePaths()) await ws.index.updateFromDisk(f);
    const table = symbolNames(ws.index);
    const files = ws.index.filePaths().filter((f) => f.endsWith('.ts')).sort();
    const gone = files[files.length - 1]!;
    const created = path.join(ws.dir, 'src', 'createdOnDisk.ts');
    writeFileSync(created, 'export function createdOnDiskHelper() {}\n');
    rmSync(gone);
    ws.index.applyFileEvents({ created: [created], deleted: [gone] }, 0);
    await ws.index.settled();
    const patched = symbolNames(ws.index);
    assert.equal(patched, table, 'the same table, patched');
    assert.ok([...patched.withPrefix('createdOnDisk')].length === 1);
    assert.equal(patched.byFile.get(gone), undefined);
    const fresh = await CodeIndex.open({ roots: [ws.dir], workers: 0 });
    try {
      await fresh.refresh();
      assert.deepEqual(describeTable(patched), describeTable(symbolNames(fresh)));
    } finally {
      await fresh.close({ save: false });
    }
  });
});
