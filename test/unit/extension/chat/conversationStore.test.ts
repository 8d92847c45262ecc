/** The chat's conversation file: written atomically, read back by the next window, streams ended. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConversationStore } from '../../../../src/extension/chat/conversationStore';
import type { Conversation } from '../../../../src/protocol/webview';

const dir = mkdtempSync(path.join(tmpdir(), 'banyan-chat-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

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
    const file = path.join(dir, 'a', 'chat', 'conversations.json');
    const store = new ConversationStore(file);
    store.put(conversation('c1'));
    store.put(conversation('c2', 'streaming'));
    store.setActive('c2');
    store.setSelectedModel('edit');
    store.addApplied({ messageId: 'c1-a', path: 'src/a.ts', code: 'x' });
    await store.whenSaved();
    assert.deepEqual(readdirSync(path.dirname(file)), ['conversations.json'], 'no temp file left behind');

    const reloaded = new ConversationStore(file);
    assert.deepEqual(reloaded.conversations().map((c) => c.id), ['c2', 'c1']);
    assert.equal(reloaded.activeId(), 'c2');
    assert.equal(reloaded.selectedModel(), 'edit');
    assert.deepEqual(reloaded.applied(), [{ messageId: 'c1-a', path: 'src/a.ts', code: 'x' }]);
    // The stream died with the old window: its partial text stays, marked stopped.
    assert.deepEqual(reloaded.get('c2')!.messages[1], { ...conversation('c2').messages[1], status: 'stopped' });
  });

  it('streaming updates are coalesced until flush; delete drops the conversation and its applied code', async () => {
    const file = path.join(dir, 'b', 'conversations.json');
    const store = new ConversationStore(file);
    store.put(conversation('c1'));
    await store.whenSaved();
    store.updateMessage('c1', { ...conversation('c1').messages[1]!, text: 'more text' }, false);
    assert.equal(new ConversationStore(file).get('c1')!.messages[1]!.text, 'partial answer');
    store.flush();
    assert.equal(new ConversationStore(file).get('c1')!.messages[1]!.text, 'more text');
    store.addApplied({ messageId: 'c1-a', path: 'a.ts', code: 'x' });
    store.delete('c1');
    await store.whenSaved();
    const reloaded = new ConversationStore(file);
    assert.deepEqual([reloaded.conversations(), reloaded.applied(), reloaded.activeId()], [[], [], null]);
  });

  it('writes in the background one at a time, the newest state last', async () => {
    const file = path.join(dir, 'd', 'conversations.json');
    const store = new ConversationStore(file);
    for (let i = 0; i < 20; i++) store.put(conversation(`c${i}`));
    assert.equal(existsSync(file), false, 'nothing written on the calling tick');
    await store.whenSaved();
    assert.deepEqual(new ConversationStore(file).conversations().map((c) => c.id), Array.from({ length: 20 }, (_, i) => `c${19 - i}`));
    assert.deepEqual(readdirSync(path.dirname(file)), ['conversations.json']);
  });

  it('flush while a background write is in flight: the flushed state stays, the older write drops itself', async () => {
    const file = path.join(dir, 'e', 'conversations.json');
    const store = new ConversationStore(file);
    store.put(conversation('old')); // background write of [old] starts
    store.put(conversation('new')); // queued behind it
    store.flush(); // the window closes: [new, old] written synchronously
    assert.deepEqual(new ConversationStore(file).conversations().map((c) => c.id), ['new', 'old']);
    await store.whenSaved();
    assert.deepEqual(new ConversationStore(file).conversations().map((c) => c.id), ['new', 'old'], 'the [old] write did not land after the flush');
    assert.deepEqual(readdirSync(path.dirname(file)), ['conversations.json'], 'its temp file is gone');
  });

  it('an unreadable file starts empty instead of failing', () => {
    const file = path.join(dir, 'c.json');
    writeFileSync(file, '{ not json');
    assert.deepEqual(new ConversationStore(file).conversations(), []);
    assert.ok(existsSync(file));
  });
});
