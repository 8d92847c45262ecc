/** Checkpoints on disk: a new store (a restarted server) restores them byte for byte; the store stays bounded. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CheckpointStore } from '@src/core/agent/checkpointStore';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-cpstore-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function fresh() {
  const dir = path.join(root, `t${n++}`);
  const ws = path.join(dir, 'ws');
  mkdirSync(ws, { recursive: true });
  return { ws, store: path.join(dir, 'store') };
}
const quiet = () => undefined;

describe('checkpoint store', () => {
  it('a checkpoint saved before the changes is restored by a new store (a restarted server)', async () => {
    const { ws, store } = fresh();
    const bin = Buffer.from([0, 255, 13, 10, 26]);
    writeFileSync(path.join(ws, 'a.bin'), bin);
    writeFileSync(path.join(ws, 'b.txt'), 'b\r\n');
    const cp = new CheckpointStore(store, quiet).create('conv:turn-1');
    await cp.touch(path.join(ws, 'a.bin'));
    await cp.touch(path.join(ws, 'new', 'c.txt'));
    await cp.touch(path.join(ws, 'b.txt'));
    // What the agent did after each touch:
    writeFileSync(path.join(ws, 'a.bin'), 'changed');
    mkdirSync(path.join(ws, 'new'));
    writeFileSync(path.join(ws, 'new', 'c.txt'), 'created');
    rmSync(path.join(ws, 'b.txt'));

    const restarted = new CheckpointStore(store, quiet);
    const loaded = await restarted.get('conv:turn-1');
    assert.ok(loaded, 'found on disk');
    assert.deepEqual(loaded.files().sort(), [path.join(ws, 'a.bin'), path.join(ws, 'b.txt'), path.join(ws, 'new', 'c.txt')].sort());
    await loaded.restore();
    assert.ok(readFileSync(path.join(ws, 'a.bin')).equals(bin));
    assert.equal(readFileSync(path.join(ws, 'b.txt'), 'utf8'), 'b\r\n');
    assert.equal(existsSync(path.join(ws, 'new')), false, 'the created file and its folder are gone');
    assert.equal(await restarted.get('conv:other'), undefined);
  });

  it('a checkpoint with a missing snapshot is not offered (restoring it would delete an edited file)', async () => {
    const { ws, store } = fresh();
    writeFileSync(path.join(ws, 'a.txt'), 'a');
    await new CheckpointStore(store, quiet).create('x').touch(path.join(ws, 'a.txt'));
    const folder = path.join(store, readdirSync(store)[0]!);
    rmSync(path.join(folder, '0.bin'));
    assert.equal(await new CheckpointStore(store, quiet).get('x'), undefined);
  });

  it('keeps the newest checkpoints within the count and byte limits', async () => {
    const { ws, store } = fresh();
    writeFileSync(path.join(ws, 'f.txt'), 'x'.repeat(1000));
    const checkpoints = new CheckpointStore(store, quiet, { maxCheckpoints: 3, maxBytes: 1_000_000 });
    for (let i = 0; i < 5; i++) await checkpoints.create(`c${i}`).touch(path.join(ws, 'f.txt'));
    await checkpoints.whenPruned(); // runs in the background after a checkpoint's first save
    const fromDisk = new CheckpointStore(store, quiet);
    assert.deepEqual(await Promise.all(['c0', 'c1', 'c2', 'c3', 'c4'].map(async (id) => (await fromDisk.get(id)) !== undefined)), [false, false, true, true, true]);

    const small = fresh();
    writeFileSync(path.join(small.ws, 'f.txt'), 'x'.repeat(1000));
    const bounded = new CheckpointStore(small.store, quiet, { maxCheckpoints: 50, maxBytes: 2500 });
    for (let i = 0; i < 4; i++) await bounded.create(`c${i}`).touch(path.join(small.ws, 'f.txt'));
    await bounded.whenPruned();
    assert.equal(readdirSync(small.store).length, 2, 'two checkpoints of ~1.1 kB each fit in 2.5 kB');
  });

  it('without a folder, checkpoints live in memory for the session', async () => {
    const { ws } = fresh();
    writeFileSync(path.join(ws, 'a.txt'), 'a');
    const memory = new CheckpointStore(undefined, quiet);
    await memory.create('m').touch(path.join(ws, 'a.txt'));
    writeFileSync(path.join(ws, 'a.txt'), 'b');
    await (await memory.get('m'))!.restore();
    assert.equal(readFileSync(path.join(ws, 'a.txt'), 'utf8'), 'a');
  });
});
