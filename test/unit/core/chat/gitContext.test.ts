/** `@git`: the uncommitted diff and the recent commit messages of a repository; nothing elsewhere. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { gitContext } from '@src/core/chat/gitContext';

const dir = mkdtempSync(path.join(tmpdir(), 'banyan-chat-git-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('git context', () => {
  it('lists changed files, the uncommitted diff and recent commit messages', async () => {
    const repo = path.join(dir, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args]);
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(path.join(repo, 'a.ts'), 'export const a = 1;\n');
    git('add', 'a.ts');
    git('commit', '-q', '-m', 'Add the a constant for the billing module');
    writeFileSync(path.join(repo, 'a.ts'), 'export const a = 2;\n');
    const text = await gitContext([repo]);
    assert.match(text, /Changed files:\n M a\.ts/);
    assert.match(text, /-export const a = 1;\n\+export const a = 2;/);
    assert.match(text, /Recent commits:\n[0-9a-f]+ Add the a constant for the billing module/);
  });

  it('a folder that is not a repository contributes nothing', async () => {
    const plain = path.join(dir, 'plain');
    execFileSync('mkdir', ['-p', plain]);
    assert.equal(await gitContext([plain]), '');
  });
});
