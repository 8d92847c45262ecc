/** Keyboard behaviour of the composer: Enter, Shift+Enter, Esc, Up, IME composition. */
import { container, key, ManualTimers, type } from '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Mention, WebviewToExtension } from '@src/protocol/webview';
import { Composer } from '../../../../webview-ui/chat/composer';

function setup() {
  const calls: string[] = [];
  const sent: Array<{ text: string; mentions: Mention[] }> = [];
  const posted: WebviewToExtension[] = [];
  const composer = new Composer(
    {
      send: (text, mentions) => sent.push({ text, mentions }),
      stop: () => calls.push('stop'),
      editLast: () => calls.push('editLast'),
      cancelEdit: () => calls.push('cancelEdit'),
      draftChanged: () => undefined,
    },
    (m) => posted.push(m),
    new ManualTimers(),
  );
  container().append(composer.element);
  return { composer, calls, sent, posted, ta: composer.textarea };
}

test('Enter sends and clears the box; Shift+Enter does not send', () => {
  const { ta, sent } = setup();
  type(ta, 'first line');
  const shift = key(ta, 'Enter', { shiftKey: true });
  assert.equal(shift.defaultPrevented, false, 'Shift+Enter keeps the browser newline');
  assert.equal(sent.length, 0);
  const enter = key(ta, 'Enter');
  assert.equal(enter.defaultPrevented, true);
  assert.deepEqual(sent, [{ text: 'first line', mentions: [] }]);
  assert.equal(ta.value, '');
});

test('Enter on an empty or blank box sends nothing', () => {
  const { ta, sent } = setup();
  key(ta, 'Enter');
  type(ta, '   \n ');
  key(ta, 'Enter');
  assert.equal(sent.length, 0);
});

test('Enter while an IME is composing is left to the IME', () => {
  const { ta, sent } = setup();
  type(ta, 'nihao');
  const e = key(ta, 'Enter', { isComposing: true });
  assert.equal(e.defaultPrevented, false);
  assert.equal(sent.length, 0);
});

test('while streaming: Enter does not send, Esc stops, the button is Stop', () => {
  const { ta, sent, calls, composer } = setup();
  composer.setStreaming(true);
  type(ta, 'next question');
  key(ta, 'Enter');
  assert.equal(sent.length, 0);
  assert.equal(key(ta, 'Escape').defaultPrevented, true);
  assert.deepEqual(calls, ['stop']);
  const button = composer.element.querySelector('.send-button') as HTMLButtonElement;
  assert.match(button.getAttribute('aria-label') ?? '', /Stop/);
  button.click();
  assert.deepEqual(calls, ['stop', 'stop'], 'clicking Stop stops');
  composer.setStreaming(false);
  assert.match(button.getAttribute('aria-label') ?? '', /Send/);
});

test('Up in an empty box edits the last message; in a non-empty box it moves the caret', () => {
  const { ta, calls } = setup();
  assert.equal(key(ta, 'ArrowUp').defaultPrevented, true);
  assert.deepEqual(calls, ['editLast']);
  type(ta, 'draft');
  assert.equal(key(ta, 'ArrowUp').defaultPrevented, false);
  assert.deepEqual(calls, ['editLast']);
});

test('Esc while editing cancels the edit', () => {
  const { ta, calls, composer } = setup();
  composer.setEditing('your message');
  composer.setText('old question');
  key(ta, 'Escape');
  assert.deepEqual(calls, ['cancelEdit']);
  assert.equal(composer.element.querySelector('.edit-banner')?.hasAttribute('hidden'), false);
});

test('the box and its button have accessible names', () => {
  const { ta, composer } = setup();
  assert.match(ta.getAttribute('aria-label') ?? '', /Message Banyan/);
  assert.ok(composer.element.querySelector('.send-button')?.getAttribute('aria-label'));
});
