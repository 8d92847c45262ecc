/** Persistence: warm start from the snapshot, and every kind of damaged snapshot is discarded, never fatal. */
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '../../../../src/core/index/codeIndex';
import { SNAPSHOT_FILE } from '../../../../src/core/index/persist/snapshot';
import { collectingLogger, copyWorkspace, tempDir } from './helpers/tempWorkspace';

describe('snapshot', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  const store = tempDir('banyan-store-');
  const snapshotPath = path.join(store.dir, SNAPSHOT_FILE);
  let reference: ReturnType<CodeIndex['stats']>;
  let pristine: Buffer;

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
    ['a flipped byte in the body', (b) => {
      const c = Buffer.from(b);
      c[Math.floor(c.length * 0.7)]! ^= 0xff;
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
    it(`${name}: discarded with a log line, rebuilt`, async () => {
      writeFileSync(snapshotPath, damage(pristine));
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

  it('a different workspace folder does not reuse the snapshot', async () => {
    const other = tempDir();
    const log = collectingLogger();
    const index = await CodeIndex.open({ roots: [other.dir], storageDir: store.dir, workers: 0, logger: log.logger });
    assert.ok(log.lines.some((l) => l.includes('workspace folders changed')));
    await index.close();
    other.cleanup();
  });
});
