/** The default agent file writer (CLI, tests): atomic (temp file + rename, none left behind), keeps the mode; a refusing writer leaves the file alone. */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { diskFileWriter } from '@src/core/agent/fileWriter';
import { editFileTool } from '@src/core/agent/tools/editFile';
import { tempWorkspace, toolContext } from './agentHarness';

describe('agent file writer', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  beforeEach(() => (ws = tempWorkspace()));
  afterEach(() => ws.dispose());
  const signal = new AbortController().signal;

  it('replaces a file through a temp file and a rename, keeps its mode, leaves no temp file', async () => {
    const file = path.join(ws.dir, 'run.sh');
    writeFileSync(file, '#!/bin/sh\necho old\n');
    chmodSync(file, 0o751);
    const inode = statSync(file).ino;
    await diskFileWriter.apply(file, '#!/bin/sh\necho new\n', signal);
    assert.equal(readFileSync(file, 'utf8'), '#!/bin/sh\necho new\n');
    assert.equal(statSync(file).mode & 0o7777, 0o751);
    assert.notEqual(statSync(file).ino, inode, 'a new file renamed over the old one, not written in place');
    assert.deepEqual(readdirSync(ws.dir), ['run.sh']);
  });

  it('creates missing folders, writes through a symlink to its target, and deletes', async () => {
    await diskFileWriter.apply(path.join(ws.dir, 'a', 'b', 'new.txt'), 'hello\n', signal);
    assert.equal(readFileSync(path.join(ws.dir, 'a', 'b', 'new.txt'), 'utf8'), 'hello\n');
    assert.deepEqual(readdirSync(path.join(ws.dir, 'a', 'b')), ['new.txt']);
    mkdirSync(path.join(ws.dir, 'real'));
    writeFileSync(path.join(ws.dir, 'real', 't.txt'), 'x');
    symlinkSync(path.join(ws.dir, 'real', 't.txt'), path.join(ws.dir, 'link.txt'));
    await diskFileWriter.apply(path.join(ws.dir, 'link.txt'), 'y', signal);
    assert.equal(readFileSync(path.join(ws.dir, 'real', 't.txt'), 'utf8'), 'y');
    assert.ok(statSync(path.join(ws.dir, 'link.txt')).isFile());
    await diskFileWriter.apply(path.join(ws.dir, 'a', 'b', 'new.txt'), undefined, signal);
    assert.equal(existsSync(path.join(ws.dir, 'a', 'b', 'new.txt')), false);
  });

  it('a failed write leaves the old file and no temp file', async () => {
    const file = path.join(ws.dir, 'x.txt');
    writeFileSync(file, 'old');
    // A folder where the file should be: the rename fails.
    const dir = path.join(ws.dir, 'd');
    mkdirSync(dir);
    await assert.rejects(diskFileWriter.apply(dir, 'new', signal));
    assert.deepEqual(readdirSync(ws.dir).sort(), ['d', 'x.txt']);
    assert.equal(readFileSync(file, 'utf8'), 'old');
  });

  it('edit_file goes through ctx.files; when it refuses, the model is told and the file is untouched', async () => {
    const file = path.join(ws.dir, 'm.js');
    writeFileSync(file, 'let a = 1;\n');
    const applied: [string, string | undefined][] = [];
    let refuse = false;
    const ctx = toolContext(ws.dir, {
      signal,
      files: { apply: async (abs, after) => {
        if (refuse) throw new Error('the editor refused the edit');
        applied.push([abs, after]);
      } },
    });
    const edits = '<<<<<<< SEARCH\nlet a = 1;\n=======\nlet a = 2;\n>>>>>>> REPLACE';
    refuse = true;
    const no = await editFileTool.run({ path: 'm.js', edits }, ctx);
    assert.equal(no.failed, true);
    assert.match(no.content, /was not applied: the editor refused the edit/);
    assert.equal(readFileSync(file, 'utf8'), 'let a = 1;\n');
    assert.equal(ctx.ledger.list().length, 0, 'not recorded as a change');
    refuse = false;
    const ok = await editFileTool.run({ path: 'm.js', edits }, ctx);
    assert.equal(ok.failed, undefined, ok.content);
    assert.deepEqual(applied, [[file, 'let a = 2;\n']]);
    assert.equal(readFileSync(file, 'utf8'), 'let a = 1;\n', 'the injected writer, not the disk');
    assert.equal(ctx.ledger.list().length, 1);
  });
});
