/** Checkpoint restore is byte-exact: CRLF, BOM, binary, created files (and their folders), deleted files. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runAgentTurn } from '@src/core/agent/runAgentTurn';
import { call, deps, drain, scriptedModel, tempWorkspace } from './agentHarness';

describe('checkpoints', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  beforeEach(() => (ws = tempWorkspace()));
  afterEach(() => ws.dispose());

  it('restores every file an agent turn edited, created or deleted, byte for byte', async () => {
    const crlf = Buffer.from('\uFEFFline one\r\nline two\r\nno newline at end', 'utf8');
    const binary = Buffer.from([0, 1, 2, 255, 254, 13, 10, 0, 7]);
    mkdirSync(path.join(ws.dir, 'src'));
    writeFileSync(path.join(ws.dir, 'src', 'crlf.txt'), crlf);
    writeFileSync(path.join(ws.dir, 'logo.bin'), binary);
    const model = scriptedModel((_r, n) => {
      if (n === 1) {
        return {
          toolCalls: [
            call('a', 'edit_file', { path: 'src/crlf.txt', edits: '<<<<<<< SEARCH\nline two\n=======\nline 2\nline 2b\n>>>>>>> REPLACE' }),
            call('b', 'delete_file', { path: 'logo.bin' }),
            call('c', 'create_file', { path: 'new/deep/file.ts', content: 'export {};\n' }),
            call('d', 'edit_file', { path: 'src/crlf.txt', edits: '<<<<<<< SEARCH\nline one\n=======\nline 1\n>>>>>>> REPLACE' }),
          ],
        };
      }
      return { text: 'done' };
    });
    const d = deps(model, ws.dir, { settings: { edits: 'auto' } });
    const { events } = await drain(runAgentTurn({ turnId: 't', task: 'x', history: [] }, d, new AbortController().signal));
    const changed = readFileSync(path.join(ws.dir, 'src', 'crlf.txt'));
    assert.equal(changed.toString('utf8'), '\uFEFFline 1\r\nline 2\r\nline 2b\r\nno newline at end');
    assert.equal(existsSync(path.join(ws.dir, 'logo.bin')), false);
    assert.equal(existsSync(path.join(ws.dir, 'new', 'deep', 'file.ts')), true);
    const last = events.filter((e) => e.type === 'checkpoint').at(-1);
    assert.equal(last?.type === 'checkpoint' ? last.files.length : 0, 3);

    const restored = await d.checkpoint.restore();
    assert.equal(restored.length, 3);
    assert.ok(readFileSync(path.join(ws.dir, 'src', 'crlf.txt')).equals(crlf));
    assert.ok(readFileSync(path.join(ws.dir, 'logo.bin')).equals(binary));
    assert.equal(existsSync(path.join(ws.dir, 'new')), false, 'folders the turn created are gone');
  });

  it('keeps the bytes from before the first change only', async () => {
    writeFileSync(path.join(ws.dir, 'a.txt'), 'v1\n');
    const d = deps(scriptedModel(() => ({ text: '' })), ws.dir);
    await d.checkpoint.touch(path.join(ws.dir, 'a.txt'));
    writeFileSync(path.join(ws.dir, 'a.txt'), 'v2\n');
    await d.checkpoint.touch(path.join(ws.dir, 'a.txt'));
    writeFileSync(path.join(ws.dir, 'a.txt'), 'v3\n');
    await d.checkpoint.restore();
    assert.equal(readFileSync(path.join(ws.dir, 'a.txt'), 'utf8'), 'v1\n');
  });
});
