/** Persistence: warm start from the snapshot, and every kind of damaged snapshot is discarded, never fatal. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { SNAPSHOT_FILE } from '@src/core/index/persist/snapshot';
import { collectingLogger, copyWorkspace, tempDir } from '../helpers/tempWorkspace';

describe('snapshot', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  const store = tempDir('banyan-store-');
  const snapshotPath = path.join(store.dir, SNAPSHOT_FILE);
  let reference: ReturnType<CodeIndex['stats']>;
  let pristine: Buffer;
  /** The first build's snapshot: rows streamed during the build, header first. */
  let streamed: Buffer;
  const headerFirst = (b: Buffer) => b.readUInt32LE(12) === 48; // the header right after the 48-byte prefix
  /** Offset, length and checksum of part `i` (0 header, 1 details, 2 sections) in the prefix. */
  const place = (b: Buffer, i: number) => ({ start: b.readUInt32LE(12 + 12 * i), length: b.readUInt32LE(16 + 12 * i), crcAt: 20 + 12 * i });
  const flipInPart = (i: number) => (b: Buffer) => {
    const c = Buffer.from(b);
    const { start, length } = place(c, i);
    c[start + Math.floor(length / 2)]! ^= 0xff;
    return c;
  };

  const open = async () => {
    const log = collectingLogger();
    const index = await CodeIndex.open({ roots: [ws.dir], storageDir: store.dir, workers: 0, logger: log.logger });
    return { index, log: log.lines };
  };
  const summary = (s: ReturnType<CodeIndex['stats']>) => ({ files: s.files, bytes: s.bytes, symbols: s.symbols, chunks: s.chunks, languages: s.languages });

  before(async () => {
    ws = copyWorkspace();
    const { index } = await open();
    await index.refresh();
    reference = index.stats();
    await index.close();
    pristine = readFileSync(snapshotPath);
    streamed = pristine;
  });
  after(() => {
    ws.cleanup();
    store.cleanup();
  });

  it('a warm start restores the index without a scan', async () => {
    const { index, log } = await open();
    assert.ok(log.some((l) => l.includes('snapshot loaded')), log.join('\n'));
    assert.deepEqual(summary(index.stats()), summary(reference));
    assert.equal(index.symbols('UserService').length, 1);
    assert.equal(index.search('registerUser')[0]?.rel, 'src/services/userService.ts');
    await index.close();
  });

  it('the first build streams its rows (header first); a later save writes the index arrays first', async () => {
    assert.ok(headerFirst(streamed), 'first build: header right after the prefix');
    const { index } = await open();
    await index.updateDocument(path.join(ws.dir, 'src/util.ts'), 'export function clampEdited(v: number): number {\n  return v;\n}\n');
    await index.save();
    await index.close();
    const saved = readFileSync(snapshotPath);
    assert.ok(!headerFirst(saved), 'a save of a loaded index: sections first');
    const reopened = await open();
    assert.equal(reopened.index.symbols('clampEdited').length, 1);
    await reopened.index.close();
    writeFileSync(snapshotPath, streamed); // back to the first build's snapshot for the tests below
  });

  it('an edit arriving during the first build is in the snapshot, whichever way it was written', async () => {
    const other = copyWorkspace();
    const store2 = tempDir('banyan-store-');
    try {
      const stale = path.join(store2.dir, `${SNAPSHOT_FILE}.999999999.1.tmp`);
      const mine = path.join(store2.dir, `${SNAPSHOT_FILE}.${process.pid}.1.tmp`);
      writeFileSync(stale, 'left by a killed build');
      writeFileSync(mine, 'a writer of this process');
      // The editor's text wins over the disk (as the server's open documents do).
      const util = path.join(other.dir, 'src/util.ts');
      const edited = 'export function clampDuringBuild(v: number): number {\n  return v;\n}\n';
      const index = await CodeIndex.open({ roots: [other.dir], storageDir: store2.dir, workers: 0, documentText: (p) => (p === util ? edited : undefined) });
      const building = index.refresh();
      await index.updateDocument(util, edited);
      await building;
      await index.close();
      assert.ok(!existsSync(stale), "a dead process's temp file is removed");
      assert.ok(existsSync(mine), "this process's own is not");
      const reopened = await CodeIndex.open({ roots: [other.dir], storageDir: store2.dir, workers: 0 });
      assert.equal(reopened.symbols('clampDuringBuild').length, 1);
      assert.equal(reopened.symbols('clamp').length, 0);
      assert.equal(reopened.stats().files, reference.files);
      await reopened.close();
    } finally {
      other.cleanup();
      store2.cleanup();
    }
  });

  it('picks up files changed, added and deleted while it was closed', async () => {
    writeFileSync(path.join(ws.dir, 'src/util.ts'), 'export function clampRenamed(v: number): number {\n  return v;\n}\n');
    writeFileSync(path.join(ws.dir, 'src/extra.ts'), 'export const EXTRA_FLAG = true;\n');
    const { index } = await open();
    await index.refresh();
    assert.equal(index.symbols('clamp').length, 0);
    assert.equal(index.symbols('clampRenamed').length, 1);
    assert.equal(index.symbols('EXTRA_FLAG').length, 1);
    await index.close();
    // A touched file with the same content is recognised by its hash and kept.
    const util = path.join(ws.dir, 'src/util.ts');
    utimesSync(util, new Date(), new Date(Date.now() + 5000));
    const again = await open();
    await again.index.refresh();
    assert.equal(again.index.symbols('clampRenamed').length, 1);
    await again.index.close();
    pristine = readFileSync(snapshotPath);
  });

  const damages: [string, (b: Buffer) => Buffer][] = [
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['a flipped byte in the header', flipInPart(0)],
    ['a flipped byte in the index arrays', flipInPart(2)],
    ['a part said to be longer than the file', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32LE(c.length, 16 + 12 * 2);
      return c;
    }],
    ['garbage', () => Buffer.from('not a snapshot at all')],
    ['empty', () => Buffer.alloc(0)],
    ['an older format version', (b) => {
      const c = Buffer.from(b);
      c.writeUInt32LE(1, 8);
      return c;
    }],
  ];
  for (const [name, damage] of damages) {
    for (const layout of ['sections first', 'header first'] as const) {
    it(`${name} (${layout}): discarded with a log line, rebuilt`, async () => {
      writeFileSync(snapshotPath, damage(layout === 'header first' ? streamed : pristine));
      const { index, log } = await open();
      assert.ok(log.some((l) => l.includes('discarded')), `log says why: ${log.join('\n')}`);
      assert.equal(index.stats().files, 0);
      await index.refresh();
      assert.equal(index.symbols('clampRenamed').length, 1);
      assert.ok(index.stats().files > 10);
      await index.close();
      // The rebuilt snapshot is whole again.
      const reopened = await open();
      assert.ok(reopened.log.some((l) => l.includes('snapshot loaded')));
      await reopened.index.close();
    });
    }
  }

  it('restored files get their symbols and imports on first use; details that cannot be read are indexed again', async () => {
    writeFileSync(snapshotPath, pristine);
    const { index } = await open();
    const counted = index.stats().symbols; // before anything is decoded
    assert.equal(index.symbols('UserService').length, 1);
    assert.ok(index.importsOf(path.join(ws.dir, 'src/app.ts')).length > 0);
    assert.equal(index.stats().symbols, counted);
    await index.close();
    // The details part replaced by a valid JSON array of the wrong length, checksum made right again;
    // a flipped byte in it (read only on first use, so the load does not see it); the file replaced
    // by another snapshot between the load and the first use.
    const wrongLength = Buffer.from(pristine);
    const { start, length, crcAt } = place(wrongLength, 1);
    wrongLength.fill(0x20, start, start + length).write('[]', start);
    wrongLength.writeUInt32LE(zlib.crc32(wrongLength.subarray(start, start + length)), crcAt);
    const cases: [string, Buffer, Buffer | undefined][] = [
      ['wrong length', wrongLength, undefined],
      ['a flipped byte', flipInPart(1)(pristine), undefined],
      ['replaced after the load', pristine, wrongLength],
    ];
    for (const [name, bytes, replacement] of cases) {
      writeFileSync(snapshotPath, bytes);
      const damaged = await open();
      assert.ok(damaged.log.some((l) => l.includes('snapshot loaded')), name);
      if (replacement) writeFileSync(snapshotPath, replacement);
      assert.equal(damaged.index.symbols('UserService').length, 0, `${name}: nothing served without its details`);
      assert.ok(damaged.log.some((l) => l.includes('details unreadable')), `${name}: ${damaged.log.join('\n')}`);
      await damaged.index.whenIdle();
      assert.equal(damaged.index.symbols('UserService').length, 1, name);
      assert.equal(damaged.index.stats().files, index.stats().files, name);
      await damaged.index.close();
    }
  });

  it('a different workspace folder does not reuse the snapshot', async () => {
    const other = tempDir();
    const log = collectingLogger();
    const index = await CodeIndex.open({ roots: [other.dir], storageDir: store.dir, workers: 0, logger: log.logger });
    assert.ok(log.lines.some((l) => l.includes('workspace folders changed')));
    await index.close();
    other.cleanup();
  });
});
