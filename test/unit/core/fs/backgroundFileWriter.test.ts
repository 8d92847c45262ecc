/** Files written in the background: coalesced, in the order of the last mark, flushed synchronously when the window closes. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BackgroundFileWriter } from '@src/core/fs/backgroundFileWriter';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-bgwrite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = path.join(root, `d${n++}`);
  mkdirSync(d);
  return d;
};

describe('BackgroundFileWriter', () => {
  it('writes nothing on the calling tick and coalesces marks into one write of the newest content', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'a.json');
    let state = 0;
    let reads = 0;
    const writer = new BackgroundFileWriter(20);
    for (let i = 0; i < 10; i++) {
      state = i;
      writer.mark(file, () => {
        reads++;
        return String(state);
      });
    }
    assert.equal(existsSync(file), false);
    await writer.whenIdle();
    assert.equal(readFileSync(file, 'utf8'), '9');
    assert.equal(reads, 1, 'the content is produced once, when the pass writes it');
  });

  it('writes in the order of the last mark and deletes files marked with null', async () => {
    const dir = freshDir();
    const order: string[] = [];
    const writer = new BackgroundFileWriter(10);
    writeFileSync(path.join(dir, 'gone'), 'x');
    const mark = (name: string, content: string | null) => writer.mark(path.join(dir, name), () => (order.push(name), content));
    mark('index', 'i1');
    mark('a', 'a');
    mark('gone', null);
    mark('index', 'i2'); // marked again: now after a
    await writer.whenIdle();
    assert.deepEqual(order, ['a', 'gone', 'index']);
    assert.deepEqual(readdirSync(dir).sort(), ['a', 'index']);
  });

  it('a mark during a pass is written by the next pass with the content of then', async () => {
    const dir = freshDir();
    const file = path.join(dir, 'x');
    let text = 'first';
    const writer = new BackgroundFileWriter(1000);
    writer.mark(file, () => text, true);
    text = 'second';
    writer.mark(file, () => text, true);
    await writer.whenIdle();
    assert.equal(readFileSync(file, 'utf8'), 'second');
  });

  it('flushSync writes what is marked and what the pass in flight has not written; the pass then drops its older writes', async () => {
    const dir = freshDir();
    const state: Record<string, string> = { a: 'a1', b: 'b1' };
    const writer = new BackgroundFileWriter(1000);
    const mark = (name: string, now: boolean) => writer.mark(path.join(dir, name), () => state[name]!, now);
    mark('a', false);
    mark('b', true); // the pass holding a and b starts
    state.a = 'a2';
    mark('a', false);
    writer.flushSync();
    assert.deepEqual([readFileSync(path.join(dir, 'a'), 'utf8'), readFileSync(path.join(dir, 'b'), 'utf8')], ['a2', 'b1']);
    state.a = 'never';
    await writer.whenIdle();
    assert.equal(readFileSync(path.join(dir, 'a'), 'utf8'), 'a2', 'the in-flight pass did not overwrite the flushed file');
    assert.deepEqual(readdirSync(dir).sort(), ['a', 'b'], 'no temp file left');
  });

  it('a failed write is reported, kept marked and not retried in a loop; the next mark writes it', async () => {
    const dir = freshDir();
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const failures: string[] = [];
    const writer = new BackgroundFileWriter(5, (file) => failures.push(path.basename(file)));
    const target = path.join(blocker, 'x.json');
    writer.mark(target, () => 'x', true);
    // A pass retrying the failure at once would keep whenIdle waiting for ever.
    await writer.whenIdle();
    assert.deepEqual(failures, ['x.json']);
    assert.equal(writer.isMarked(target), true);
    rmSync(blocker);
    writer.mark(path.join(dir, 'other.json'), () => 'o', true);
    await writer.whenIdle();
    assert.equal(readFileSync(target, 'utf8'), 'x');
    assert.equal(writer.isMarked(target), false);
  });
});
