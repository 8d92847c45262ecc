/**
 * The whole panel driven the way the extension drives it: state, a streamed answer with a tool step
 * and a code block, Stop, a failure mid-stream with Retry, edit-and-resend, chips, history, links,
 * and a reload mid-stream. Every message the panel posts must pass the extension's validation.
 */
import { container, key, ManualFrames, ManualTimers, type } from '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWebviewToExtension, type ChatState, type ExtensionToWebview, type WebviewToExtension } from '@src/protocol/webview';
import { ChatApp } from '../../../../webview-ui/chat/chatApp';
import type { PersistedView } from '../../../../webview-ui/chat/state';

const STATE: ChatState = {
  conversations: [
    { id: 'old', title: 'How does caching work?', updatedAt: 1_000, messageCount: 4 },
    { id: 'older', title: 'Rename Foo', updatedAt: 500, messageCount: 2 },
  ],
  active: null,
  models: [
    { id: 'qwen', label: 'Qwen2.5 Coder' },
    { id: 'gpt', label: 'GPT-4.1' },
  ],
  selectedModel: 'gpt',
  chips: [
    { id: 'file', kind: 'file', label: 'user.ts', path: 'src/user.ts' },
    { id: 'sel', kind: 'selection', label: 'user.ts:10-14', path: 'src/user.ts', startLine: 10, endLine: 14 },
  ],
};

function setup(saved?: PersistedView) {
  const posted: WebviewToExtension[] = [];
  const frames = new ManualFrames();
  const timers = new ManualTimers();
  let persisted: PersistedView | undefined = saved;
  const app = new ChatApp({
    post: (m) => {
      assert.ok(isWebviewToExtension(m), `the panel posted an invalid message: ${JSON.stringify(m)}`);
      posted.push(m);
    },
    getState: () => persisted,
    setState: (s) => {
      persisted = JSON.parse(JSON.stringify(s));
    },
    schedule: frames.schedule,
    timers,
    now: () => 10_000 + timers.now,
  });
  container().append(app.element);
  const send = (m: ExtensionToWebview) => {
    app.handle(m);
    frames.run();
  };
  const q = <T extends Element = HTMLElement>(s: string) => app.element.querySelector(s) as T | null;
  return { app, posted, frames, timers, send, q, saved: () => persisted, ta: app.composer.textarea };
}

/** The extension's side of one question: the user message, an assistant message, then deltas. */
function startAnswer(send: (m: ExtensionToWebview) => void) {
  send({ type: 'chat/message', conversationId: 'c1', message: { id: 'u1', role: 'user', text: 'Where is UserService?', status: 'done', createdAt: 1 } });
  send({ type: 'chat/message', conversationId: 'c1', message: { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 2, model: 'GPT-4.1' } });
}

test('state from the extension fills the model picker and the chips', () => {
  const { send, q, app } = setup();
  send({ type: 'chat/state', state: STATE });
  const picker = q<HTMLSelectElement>('select.model-picker')!;
  assert.deepEqual(Array.from(picker.options).map((o) => o.textContent), ['Qwen2.5 Coder', 'GPT-4.1']);
  assert.equal(picker.value, 'gpt');
  assert.deepEqual(Array.from(app.element.querySelectorAll('.chip-label')).map((c) => c.textContent), ['user.ts', 'user.ts:10-14']);
  assert.equal(q('.welcome')?.hidden, false, 'an empty conversation shows the welcome');
});

test('a question streams into an answer with a step, a code block, usage and links', () => {
  const { send, q, posted, ta, app, frames } = setup();
  send({ type: 'chat/state', state: STATE });
  type(ta, 'Where is UserService?');
  key(ta, 'Enter');
  assert.deepEqual(posted.at(-1), { type: 'chat/send', conversationId: null, text: 'Where is UserService?', mentions: [], chipIds: ['file', 'sel'] });
  startAnswer(send);
  assert.match(app.live.element.textContent ?? '', /answering/);
  assert.match(q('.send-button')?.getAttribute('aria-label') ?? '', /Stop/);
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'step', step: { id: 's1', title: 'Searched `UserService`', status: 'done', resultCount: 5, detail: 'src/user.ts:12' } } });
  const step = q('.tool-step summary')!;
  assert.equal(step.textContent, 'Searched UserService · 5 results');
  assert.equal(step.querySelector('code')?.textContent, 'UserService');
  const answer = 'It is defined in src/user.ts:12.\n\n```ts src/user.ts\nexport class UserService {}\n```\n\nSee [the guide](https://example.com/guide).';
  let offset = 0;
  for (const chunk of answer.match(/[\s\S]{1,9}/g)!) {
    app.handle({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset, text: chunk } });
    offset += chunk.length;
  }
  frames.run();
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'usage', usage: { promptTokens: 1234, completionTokens: 56 } } });
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'done', status: 'done' } });
  assert.match(app.live.element.textContent ?? '', /Answer complete/);
  assert.match(q('.message.assistant .message-meta')?.textContent ?? '', /1,234 in · 56 out tokens/);
  assert.match(q('.send-button')?.getAttribute('aria-label') ?? '', /Send/);

  q<HTMLButtonElement>('[data-code-action=apply]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'codeblock/apply', code: 'export class UserService {}', language: 'ts', path: 'src/user.ts', messageId: 'a1' });
  q<HTMLButtonElement>('[data-code-action=insert]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'codeblock/insert', code: 'export class UserService {}', language: 'ts' });
  q<HTMLButtonElement>('[data-code-action=copy]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'codeblock/copy', code: 'export class UserService {}' });

  q<HTMLElement>('a.file-ref')!.click();
  assert.deepEqual(posted.at(-1), { type: 'openLocation', path: 'src/user.ts', line: 12 });
  const external = q<HTMLElement>('a[data-kind=external]')!;
  key(external, 'Enter');
  assert.deepEqual(posted.at(-1), { type: 'openExternal', url: 'https://example.com/guide' });

  q<HTMLButtonElement>('[data-action=regenerate]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chat/regenerate', conversationId: 'c1', messageId: 'a1' });
});

test('Esc stops a streaming answer; a failure mid-stream keeps the partial answer and offers Retry', () => {
  const { send, q, posted, ta } = setup();
  startAnswer(send);
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset: 0, text: 'The first half of a careful ' } });
  key(ta, 'Escape');
  assert.deepEqual(posted.at(-1), { type: 'chat/stop', conversationId: 'c1' });
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'error', message: 'The endpoint dropped the stream (HTTP 502).' } });
  assert.match(q('.message.assistant .message-body')?.textContent ?? '', /The first half of a careful/);
  assert.match(q('.message.assistant .message-error')?.textContent ?? '', /HTTP 502/);
  assert.equal(q('.message.assistant .message-error')?.getAttribute('role'), 'alert');
  q<HTMLButtonElement>('.message-error [data-action=retry]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chat/retry', conversationId: 'c1', messageId: 'a1' });
  assert.equal(document.activeElement, ta, 'focus returns to the composer');
});

test('Esc stops an answer when focus is elsewhere in the panel, but not when it only closes the history', () => {
  const { send, q, posted } = setup();
  send({ type: 'chat/state', state: STATE });
  startAnswer(send);
  const historyButton = q<HTMLButtonElement>('[aria-controls=banyan-history]')!;
  historyButton.click();
  key(document.activeElement as Element, 'Escape');
  assert.equal(q('.history')?.hidden, true);
  assert.equal(posted.filter((m) => m.type === 'chat/stop').length, 0);
  key(historyButton, 'Escape');
  assert.deepEqual(posted.at(-1), { type: 'chat/stop', conversationId: 'c1' });
});

test('Up in the empty box edits the last message; Enter resends it as an edit', () => {
  const { send, q, posted, ta } = setup();
  startAnswer(send);
  send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'done', status: 'done' } });
  key(ta, 'ArrowUp');
  assert.equal(ta.value, 'Where is UserService?');
  assert.ok(q('.message.user')?.classList.contains('editing'));
  ta.value = 'Where is UserService defined and used?';
  key(ta, 'Enter');
  assert.deepEqual(posted.at(-1), { type: 'chat/editResend', conversationId: 'c1', messageId: 'u1', text: 'Where is UserService defined and used?', mentions: [] });
  assert.equal(q('.message.user.editing'), null);
});

test('removing a chip hides it and tells the extension; it is not sent with the next question', () => {
  const { send, q, posted, ta, app } = setup();
  send({ type: 'chat/state', state: STATE });
  q<HTMLButtonElement>('[data-remove-chip=sel]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'context/removeChip', chipId: 'sel' });
  assert.deepEqual(Array.from(app.element.querySelectorAll('.chip-label')).map((c) => c.textContent), ['user.ts']);
  type(ta, 'explain');
  key(ta, 'Enter');
  const last = posted.at(-1);
  assert.ok(last?.type === 'chat/send');
  assert.deepEqual(last.chipIds, ['file']);
});

test('history: open, pick a conversation, delete one; new conversation', () => {
  const { send, q, posted, app } = setup();
  send({ type: 'chat/state', state: STATE });
  const historyButton = q<HTMLButtonElement>('[aria-controls=banyan-history]')!;
  historyButton.click();
  assert.equal(historyButton.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(Array.from(app.element.querySelectorAll('.conversation-title')).map((t) => t.textContent), ['How does caching work?', 'Rename Foo']);
  assert.equal(document.activeElement, q('[data-select-conversation=old]'), 'focus moves into the opened list');
  q<HTMLButtonElement>('[data-delete-conversation=old]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chat/delete', conversationId: 'old' });
  assert.equal(document.activeElement, q('[data-select-conversation=older]'), 'focus moves to the neighbour');
  q<HTMLButtonElement>('[data-select-conversation=older]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chat/selectConversation', conversationId: 'older' });
  assert.equal(q('.history')?.hidden, true);
  q<HTMLButtonElement>('button[aria-label="New conversation"]')!.click();
  assert.deepEqual(posted.at(-1), { type: 'chat/newConversation' });
});

test('the model picker posts the choice', () => {
  const { send, q, posted } = setup();
  send({ type: 'chat/state', state: STATE });
  const picker = q<HTMLSelectElement>('select.model-picker')!;
  picker.value = 'qwen';
  picker.dispatchEvent(new window.Event('change'));
  assert.deepEqual(posted.at(-1), { type: 'model/select', modelId: 'qwen' });
});

test('a reload mid-stream shows the saved conversation at once and asks for the state on a gap', () => {
  const first = setup();
  startAnswer(first.send);
  first.send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset: 0, text: 'Partial answer so far' } });
  first.timers.advance(1000);
  const saved = first.saved();
  assert.ok(saved, 'the panel saved its state');
  assert.equal(saved.chat.active?.messages[1]?.text, 'Partial answer so far');

  const reloaded = setup(saved);
  assert.match(reloaded.q('.message.assistant')?.textContent ?? '', /Partial answer so far/);
  // The extension streamed on while the webview was gone: the next chunk does not fit.
  reloaded.send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset: 60, text: 'more' } });
  reloaded.send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset: 64, text: 'more' } });
  assert.deepEqual(
    reloaded.posted.filter((m) => m.type === 'chat/requestState'),
    [{ type: 'chat/requestState' }],
    'asks once, not per chunk',
  );
  const text = 'Partial answer so far, and what streamed while the view was away: ' + 'x'.repeat(10);
  reloaded.send({
    type: 'chat/state',
    state: { ...STATE, active: { id: 'c1', title: 'Where is UserService?', updatedAt: 3, messages: [saved.chat.active!.messages[0], { ...saved.chat.active!.messages[1], text }] } },
  });
  reloaded.send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset: text.length, text: ' The end.' } });
  assert.match(reloaded.q('.message.assistant .message-body')?.textContent ?? '', /what streamed while the view was away: x{10} The end\./);
});

test('the live region announces progress rarely, not per token', () => {
  const { send, app, timers } = setup();
  startAnswer(send);
  const observer = new window.MutationObserver(() => undefined);
  observer.observe(app.live.element, { childList: true, characterData: true, subtree: true });
  let offset = 0;
  for (let i = 0; i < 500; i++) {
    send({ type: 'chat/delta', conversationId: 'c1', messageId: 'a1', delta: { kind: 'text', offset, text: 'tok ' } });
    offset += 4;
    timers.advance(50);
  }
  const records = observer.takeRecords();
  observer.disconnect();
  const announcements = records.filter((r) => r.addedNodes.length > 0).length;
  assert.ok(announcements >= 1 && announcements <= 3, `${announcements} announcements for 500 tokens over 25 s`);
});
