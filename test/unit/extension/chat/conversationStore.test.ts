/** The chat's conversations: one file each plus an index, written atomically in the background, read back by the next window. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConversationStore } from '@src/extension/chat/conversationStore';
import type { Conversation } from '@src/protocol/webview';

const root = mkdtempSync(path.join(tmpdir(), 'banyan-chat-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `s${n++}`, 'chat');
const files = (dir: string) => readdirSync(path.join(dir, 'conversations')).sort();

const conversation = (id: string, status: 'streaming' | 'done' = 'done'): Conversation => ({
  id,
  title: `title ${id}`,
  updatedAt: 1,
  messages: [
    { id: `${id}-u`, role: 'user', text: 'question', status: 'done', createdAt: 1 },
    { id: `${id}-a`, role: 'assistant', text: 'partial answer', status, createdAt: 2 },
  ],
});

describe('conversation store', () => {
  it('survives a reload: conversations, the active one, the model, applied code', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    store.put(conversation('c1'));
    store.put(conversation('c2', 'streaming'));
    store.setActive('c2');
    store.setSelectedModel('edit');
    store.addApplied({ messageId: 'c1-a', path: 'src/a.ts', code: 'x' });
    await store.whenSaved();
    assert.deepEqual(readdirSync(dir).sort(), ['conversations', 'index.json'], 'no temp file left behind');
    assert.deepEqual(files(dir), ['c1.json', 'c2.json']);

    const reloaded = new ConversationStore(dir);
    assert.deepEqual(reloaded.conversations().map((c) => c.id), ['c2', 'c1']);
    assert.equal(reloaded.activeId(), 'c2');
    assert.equal(reloaded.selectedModel(), 'edit');
    assert.deepEqual(reloaded.applied(), [{ messageId: 'c1-a', path: 'src/a.ts', code: 'x' }]);
    // The stream died with the old window: its partial text stays, marked stopped.
    assert.deepEqual(reloaded.get('c2')!.messages[1], { ...conversation('c2').messages[1], status: 'stopped' });
  });

  it('a streamed answer rewrites its own conversation file only', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    for (let i = 0; i < 5; i++) store.put(conversation(`c${i}`));
    await store.whenSaved();
    const before = new Map(['c0', 'c1', 'c2', 'c3', 'c4', 'index'].map((name) => [name, statSync(path.join(dir, name === 'index' ? 'index.json' : `conversations/${name}.json`)).ino]));
    store.updateMessage('c2', { ...conversation('c2').messages[1]!, text: 'more text' }, true);
    await store.whenSaved();
    const rewritten = [...before].filter(([name, ino]) => statSync(path.join(dir, name === 'index' ? 'index.json' : `conversations/${name}.json`)).ino !== ino).map(([name]) => name);
    assert.deepEqual(rewritten, ['c2'], 'an atomic write replaces the file (a new inode)');
    assert.equal(new ConversationStore(dir).get('c2')!.messages[1]!.text, 'more text');
  });

  it('streaming updates are coalesced until flush; delete drops the conversation, its file and its applied code', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    store.put(conversation('c1'));
    await store.whenSaved();
    store.updateMessage('c1', { ...conversation('c1').messages[1]!, text: 'more text' }, false);
    assert.equal(new ConversationStore(dir).get('c1')!.messages[1]!.text, 'partial answer');
    store.flush();
    assert.equal(new ConversationStore(dir).get('c1')!.messages[1]!.text, 'more text');
    store.addApplied({ messageId: 'c1-a', path: 'a.ts', code: 'x' });
    store.delete('c1');
    await store.whenSaved();
    const reloaded = new ConversationStore(dir);
    assert.deepEqual([reloaded.conversations(), reloaded.applied(), reloaded.activeId()], [[], [], null]);
    assert.deepEqual(files(dir), []);
  });

  it('writes in the background, the newest state last', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    for (let i = 0; i < 20; i++) store.put(conversation(`c${i}`));
    assert.equal(existsSync(dir), false, 'nothing written on the calling tick');
    await store.whenSaved();
    assert.deepEqual(new ConversationStore(dir).conversations().map((c) => c.id), Array.from({ length: 20 }, (_, i) => `c${19 - i}`));
  });

  it('flush while a background write is in flight: the flushed state stays, the older write drops itself', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    store.put(conversation('old')); // background pass writing [old] starts
    store.put(conversation('new')); // marked behind it
    store.flush(); // the window closes: everything written synchronously
    assert.deepEqual(new ConversationStore(dir).conversations().map((c) => c.id), ['new', 'old']);
    await store.whenSaved();
    assert.deepEqual(new ConversationStore(dir).conversations().map((c) => c.id), ['new', 'old'], 'the pass that listed only [old] did not land after the flush');
    assert.deepEqual(readdirSync(dir).sort(), ['conversations', 'index.json'], 'its temp files are gone');
    assert.deepEqual(files(dir), ['new.json', 'old.json']);
  });

  it('migrates the single conversations.json of earlier versions, losing nothing, and removes it once written', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const legacy = { version: 1, conversations: [conversation('b'), conversation('a', 'streaming')], activeId: 'a', selectedModel: 'chat', applied: [{ messageId: 'b-a', path: 'x.ts', code: 'y' }] };
    writeFileSync(path.join(dir, 'conversations.json'), JSON.stringify(legacy));
    const store = new ConversationStore(dir);
    assert.deepEqual(store.conversations().map((c) => c.id), ['b', 'a']);
    assert.ok(existsSync(path.join(dir, 'conversations.json')), 'kept until the new files are written');
    await store.whenSaved();
    assert.equal(existsSync(path.join(dir, 'conversations.json')), false);
    const reloaded = new ConversationStore(dir);
    assert.deepEqual(reloaded.conversations(), [conversation('b'), { ...conversation('a'), messages: [conversation('a').messages[0]!, { ...conversation('a').messages[1]!, status: 'stopped' }] }]);
    assert.deepEqual([reloaded.activeId(), reloaded.selectedModel(), reloaded.applied()], ['a', 'chat', legacy.applied]);
  });

  it('a window closing during the migration writes it out before removing the old file', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'conversations.json'), JSON.stringify({ version: 1, conversations: [conversation('a')], activeId: null, selectedModel: null, applied: [] }));
    const store = new ConversationStore(dir);
    store.put(conversation('b'), false); // a change after the load moves nothing ahead of the old file's removal
    store.flush();
    assert.equal(existsSync(path.join(dir, 'conversations.json')), false);
    assert.deepEqual(new ConversationStore(dir).conversations().map((c) => c.id), ['b', 'a']);
  });

  it('an id from the webview never names a path outside the folder', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    store.put(conversation('../../escape'));
    await store.whenSaved();
    assert.equal(files(dir).length, 1);
    assert.match(files(dir)[0]!, /^h-[0-9a-f]{32}\.json$/);
    assert.equal(new ConversationStore(dir).get('../../escape')?.title, 'title ../../escape');
  });

  it('an unreadable index or conversation file loses only what it held', async () => {
    const dir = freshDir();
    const store = new ConversationStore(dir);
    store.put(conversation('a'));
    store.put(conversation('b'));
    await store.whenSaved();
    writeFileSync(path.join(dir, 'conversations', 'a.json'), '{ not json');
    assert.deepEqual(new ConversationStore(dir).conversations().map((c) => c.id), ['b']);
    writeFileSync(path.join(dir, 'index.json'), '{ not json');
    assert.deepEqual(new ConversationStore(dir).conversations(), []);
    assert.equal(readFileSync(path.join(dir, 'index.json'), 'utf8'), '{ not json', 'nothing overwritten by reading');
  });
});
