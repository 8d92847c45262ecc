/** Atomic file writes: whole or not at all, the old mode kept, through symlinks, and a write that can be declined. */
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeFileAtomic, writeFileAtomicSync } from '@src/core/fs/writeFileAtomic';

const dir = mkdtempSync(path.join(tmpdir(), 'banyan-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates missing folders and leaves no temp file', async () => {
    const file = path.join(dir, 'a', 'b', 'x.json');
    assert.equal(await writeFileAtomic(file, '{"a":1}'), true);
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}');
    assert.deepEqual(readdirSync(path.dirname(file)), ['x.json']);
  });

  it('keeps the mode of the file it replaces, and replaces a symlink\'s target, not the link', async () => {
    const target = path.join(dir, 'target.txt');
    const link = path.join(dir, 'link.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    symlinkSync(target, link);
    await writeFileAtomic(link, 'new');
    assert.equal(readFileSync(target, 'utf8'), 'new');
    assert.equal(statSync(target).mode & 0o777, 0o600);
    writeFileAtomicSync(link, 'newer');
    assert.equal(readFileSync(target, 'utf8'), 'newer');
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  });

  it('a declined commit leaves the file as it was and removes its temp file', async () => {
    const file = path.join(dir, 'c', 'y.txt');
    writeFileAtomicSync(file, 'kept');
    let asked = 0;
    const landed = await writeFileAtomic(file, 'dropped', {
      commit: () => {
        asked++;
        return false;
      },
    });
    assert.deepEqual([landed, asked, readFileSync(file, 'utf8'), readdirSync(path.dirname(file))], [false, 1, 'kept', ['y.txt']]);
    assert.equal(await writeFileAtomic(file, 'taken', { commit: () => true }), true);
    assert.equal(readFileSync(file, 'utf8'), 'taken');
  });
});
