/** The agent's past runs: one file each, read back by the next window (one still running then counts as stopped), bounded, written in the background. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentRunStore } from '@src/extension/agent/agentRunStore';
import type { AgentRunView } from '@src/protocol/webview';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-agent-runs-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `s${n++}`, 'agent');

const run = (id: string, over: Partial<AgentRunView> = {}): AgentRunView => ({
  id,
  task: `task ${id}`,
  text: 'Fixed it.',
  plan: [{ step: 'Fix', status: 'done' }],
  steps: [{ id: `${id}-s`, tool: 'edit_file', title: 'Edited a.ts', status: 'done' }],
  status: 'done',
  approvals: [{ category: 'edit', title: 'Edited a.ts', decision: 'approveSession' }],
  checkpoint: { id: `conv:${id}`, files: ['/w/a.ts'], restored: false },
  ...over,
});

describe('agent run store', () => {
  it('a reload reads back the runs and the conversation; a run still running then was stopped', async () => {
    const dir = freshDir();
    const store = new AgentRunStore(dir);
    const running = run('r2', { status: 'running', text: '', steps: [{ id: 'c', tool: 'run_command', title: 'Run `sleep 9`', status: 'running', output: 'waiting…\n' }] });
    store.set([run('r1'), running], false);
    assert.equal(existsSync(dir), false, 'nothing written on the calling tick');
    await store.whenSaved();
    assert.deepEqual(readdirSync(dir).sort(), ['index.json', 'runs']);
    assert.deepEqual(readdirSync(path.join(dir, 'runs')).sort(), ['r1.json', 'r2.json']);

    const reloaded = new AgentRunStore(dir);
    assert.equal(reloaded.conversationId, store.conversationId, 'the next task continues the conversation');
    assert.deepEqual(reloaded.runs()[0], run('r1'));
    const stopped = reloaded.runs()[1]!;
    assert.equal(stopped.status, 'stopped');
    assert.match(stopped.error ?? '', /window closed/);
    assert.deepEqual(stopped.steps[0], { id: 'c', tool: 'run_command', title: 'Run `sleep 9`', status: 'error', detail: 'waiting…\n' }, 'the live output is kept as the step detail');
  });

  it('a run that streams rewrites its own file only', async () => {
    const dir = freshDir();
    const store = new AgentRunStore(dir);
    const runs = [run('a'), run('b', { status: 'running', text: '' })];
    store.set(runs, true);
    await store.whenSaved();
    const inode = (name: string) => statSync(path.join(dir, name)).ino;
    const before = { a: inode('runs/a.json'), b: inode('runs/b.json'), index: inode('index.json') };
    store.set([runs[0]!, { ...runs[1]!, text: 'streaming…' }], false);
    await store.whenSaved();
    assert.deepEqual({ a: inode('runs/a.json') === before.a, b: inode('runs/b.json') === before.b, index: inode('index.json') === before.index }, { a: true, b: false, index: true });
    assert.equal(new AgentRunStore(dir).runs()[1]!.text, 'streaming…');
  });

  it('keeps the newest 50 runs and removes the files of older ones; flush writes synchronously', async () => {
    const dir = freshDir();
    const store = new AgentRunStore(dir);
    store.set(Array.from({ length: 50 }, (_, i) => run(`r${i}`)), true);
    await store.whenSaved();
    const kept = store.set([...store.runs(), ...Array.from({ length: 10 }, (_, i) => run(`n${i}`))], false);
    assert.equal(kept.length, 50);
    assert.equal(kept[0]!.id, 'r10');
    store.flush();
    assert.deepEqual(new AgentRunStore(dir).runs().map((r) => r.id), kept.map((r) => r.id));
    assert.equal(readdirSync(path.join(dir, 'runs')).length, 50);
  });

  it('an unreadable file starts a new conversation instead of failing', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.json'), '{ not json');
    const store = new AgentRunStore(dir);
    assert.deepEqual(store.runs(), []);
    assert.match(store.conversationId, /^[0-9a-f-]{36}$/);
  });
});
