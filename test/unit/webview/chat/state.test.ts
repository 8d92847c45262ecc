/** Applying the extension's messages to the webview's copy of the chat state. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage, ChatState } from '@src/protocol/webview';
import { applyDelta, EMPTY_CHAT, isPersistedView, lastUserMessage, streamingMessage, upsertMessage } from '../../../../webview-ui/chat/state';

const user: ChatMessage = { id: 'u1', role: 'user', text: 'Where is UserService defined?', status: 'done', createdAt: 1 };
const answer: ChatMessage = { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 2 };

function started(): ChatState {
  return upsertMessage(upsertMessage(EMPTY_CHAT, 'c1', user), 'c1', answer);
}

test('the first message of a new conversation adopts its id and title', () => {
  const s = upsertMessage(EMPTY_CHAT, 'c1', user);
  assert.equal(s.active?.id, 'c1');
  assert.equal(s.active?.title, 'Where is UserService defined?');
  assert.equal(s.active?.messages.length, 1);
});

test('a message for another, non-empty conversation is ignored', () => {
  const s = started();
  assert.equal(upsertMessage(s, 'c2', { ...user, id: 'x' }), s);
});

test('text deltas append; an overlap after a reload is trimmed; a gap asks for the state', () => {
  let s = started();
  let r = applyDelta(s, 'c1', 'a1', { kind: 'text', offset: 0, text: 'It is in ' });
  assert.equal(r.appended, 'It is in ');
  s = r.state;
  r = applyDelta(s, 'c1', 'a1', { kind: 'text', offset: 6, text: 'in src/user.ts' });
  assert.equal(r.appended, 'src/user.ts');
  assert.equal(streamingMessage(r.state)?.text, 'It is in src/user.ts');
  const dup = applyDelta(r.state, 'c1', 'a1', { kind: 'text', offset: 0, text: 'It is' });
  assert.equal(dup.state, r.state);
  assert.equal(dup.gap, false);
  const gap = applyDelta(r.state, 'c1', 'a1', { kind: 'text', offset: 500, text: 'later' });
  assert.equal(gap.gap, true);
  assert.equal(gap.state, r.state);
});

test('an unknown message in the active conversation is a gap; one in another conversation is not', () => {
  const s = started();
  assert.equal(applyDelta(s, 'c1', 'nope', { kind: 'done', status: 'done' }).gap, true);
  assert.equal(applyDelta(s, 'c9', 'a1', { kind: 'done', status: 'done' }).gap, false);
  assert.equal(applyDelta(EMPTY_CHAT, 'c1', 'a1', { kind: 'done', status: 'done' }).gap, true);
});

test('steps are added and then replaced by id; usage, error and done set their fields', () => {
  let s = started();
  s = applyDelta(s, 'c1', 'a1', { kind: 'step', step: { id: 's1', title: 'Searched `UserService`', status: 'running' } }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'step', step: { id: 's1', title: 'Searched `UserService`', status: 'done', resultCount: 5 } }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'text', offset: 0, text: 'partial' }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'usage', usage: { promptTokens: 1200, completionTokens: 40 } }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'error', message: 'The endpoint closed the stream.' }).state;
  const m = s.active?.messages[1];
  assert.deepEqual(m?.steps, [{ id: 's1', title: 'Searched `UserService`', status: 'done', resultCount: 5 }]);
  assert.equal(m?.usage?.promptTokens, 1200);
  assert.equal(m?.status, 'error');
  assert.equal(m?.text, 'partial', 'a failure keeps the partial answer');
  assert.equal(applyDelta(s, 'c1', 'a1', { kind: 'done', status: 'done' }).state, s, 'done after an error keeps the error');
  assert.equal(streamingMessage(s), undefined);
  assert.equal(lastUserMessage(s)?.id, 'u1');
});

test('only a well-formed saved view is restored', () => {
  assert.ok(isPersistedView({ version: 1, chat: EMPTY_CHAT, draft: '' }));
  for (const bad of [undefined, null, {}, { version: 2, chat: EMPTY_CHAT, draft: '' }, { version: 1, chat: {}, draft: '' }, { version: 1, chat: EMPTY_CHAT }]) assert.ok(!isPersistedView(bad));
});

test('reasoning deltas append with the same gap check as text; the thought sets its duration; text stays apart', () => {
  let s = started();
  s = applyDelta(s, 'c1', 'a1', { kind: 'thinking', offset: 0, text: 'Let me ' }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'thinking', offset: 4, text: 'me see' }).state;
  assert.equal(applyDelta(s, 'c1', 'a1', { kind: 'thinking', offset: 99, text: 'x' }).gap, true);
  s = applyDelta(s, 'c1', 'a1', { kind: 'thought', durationMs: 2500 }).state;
  s = applyDelta(s, 'c1', 'a1', { kind: 'text', offset: 0, text: 'Answer' }).state;
  const m = s.active?.messages[1];
  assert.deepEqual(m?.thinking, { text: 'Let me see', durationMs: 2500 });
  assert.equal(m?.text, 'Answer');
});
