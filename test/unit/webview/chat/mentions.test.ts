/** The `@` mention popup: kinds, keyboard navigation, debounced numbered queries, insertion. */
import { container, key, ManualTimers, type } from '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebviewToExtension } from '@src/protocol/webview';
import { isWebviewToExtension } from '@src/protocol/webview';
import { Composer } from '../../../../webview-ui/chat/composer';
import { MENTION_DEBOUNCE_MS } from '../../../../webview-ui/chat/mentionController';
import { findMentionTrigger } from '../../../../webview-ui/chat/mentionTrigger';

function setup() {
  const posted: WebviewToExtension[] = [];
  const sent: unknown[] = [];
  const timers = new ManualTimers();
  const composer = new Composer(
    { send: (text, mentions) => sent.push({ text, mentions }), stop: () => undefined, editLast: () => undefined, cancelEdit: () => undefined, draftChanged: () => undefined },
    (m) => {
      assert.ok(isWebviewToExtension(m), `invalid message ${JSON.stringify(m)}`);
      posted.push(m);
    },
    timers,
  );
  container().append(composer.element);
  const popup = composer.element.querySelector('.mention-popup') as HTMLElement;
  const options = () => Array.from(popup.querySelectorAll('[role=option]')).map((o) => o.textContent);
  const selected = () => popup.querySelector('[aria-selected=true]')?.textContent;
  return { composer, ta: composer.textarea, popup, options, selected, posted, sent, timers };
}

test('the trigger is found only for an @ at a word start before the caret', () => {
  assert.deepEqual(findMentionTrigger('ask @fi', 7), { stage: 'kind', start: 4, end: 7, prefix: 'fi' });
  assert.deepEqual(findMentionTrigger('@file:src/us', 12), { stage: 'query', start: 0, end: 12, kind: 'file', query: 'src/us' });
  assert.equal(findMentionTrigger('mail me@example', 15), null);
  assert.equal(findMentionTrigger('@codebase:x', 11), null);
  assert.equal(findMentionTrigger('@file done', 10), null);
});

test('typing @ lists the kinds; typing filters; arrows move; Enter picks a plain kind', () => {
  const { ta, popup, options, selected, composer } = setup();
  type(ta, 'why does this fail @');
  assert.equal(popup.hidden, false);
  assert.deepEqual(
    Array.from(popup.querySelectorAll('.mention-label')).map((l) => l.textContent),
    ['@file', '@symbol', '@codebase', '@problems', '@git'],
  );
  assert.equal(ta.getAttribute('aria-expanded'), 'true');
  key(ta, 'ArrowDown');
  key(ta, 'ArrowDown');
  assert.match(selected() ?? '', /^@codebase/);
  assert.equal(ta.getAttribute('aria-activedescendant'), popup.querySelector('[aria-selected=true]')?.id);
  key(ta, 'ArrowUp');
  assert.match(selected() ?? '', /^@symbol/);
  type(ta, 'pr');
  assert.equal(options().length, 1);
  const enter = key(ta, 'Enter');
  assert.equal(enter.defaultPrevented, true);
  assert.equal(ta.value, 'why does this fail @problems ');
  assert.equal(popup.hidden, true);
  assert.deepEqual(composer.mentions.mentionsIn(ta.value), [{ kind: 'problems', label: 'problems' }]);
});

test('@file asks the extension after a pause, with a fresh request id; stale answers are ignored', () => {
  const { ta, popup, options, posted, timers, composer, sent } = setup();
  type(ta, '@fi');
  key(ta, 'Tab');
  assert.equal(ta.value, '@file:');
  assert.equal(popup.hidden, false);
  assert.match(popup.textContent ?? '', /Searching/);
  type(ta, 'u');
  type(ta, 's');
  type(ta, 'e');
  assert.equal(posted.length, 0, 'nothing sent while typing');
  timers.advance(MENTION_DEBOUNCE_MS);
  assert.deepEqual(posted, [{ type: 'mention/query', requestId: 1, kind: 'file', query: 'use' }]);
  type(ta, 'r');
  timers.advance(MENTION_DEBOUNCE_MS);
  assert.deepEqual(posted[1], { type: 'mention/query', requestId: 2, kind: 'file', query: 'user' });
  composer.mentions.results(1, [{ kind: 'file', label: 'old.ts', value: 'old.ts' }]);
  assert.deepEqual(options(), [], 'the answer to an old query is not shown');
  composer.mentions.results(2, [
    { kind: 'file', label: 'src/user.ts', value: 'src/user.ts', detail: 'src' },
    { kind: 'file', label: 'src/userService.ts', value: 'src/userService.ts' },
  ]);
  assert.equal(options().length, 2);
  key(ta, 'ArrowDown');
  key(ta, 'Enter');
  assert.equal(ta.value, '@src/userService.ts ');
  type(ta, 'explain it');
  key(ta, 'Enter');
  assert.deepEqual(sent, [{ text: '@src/userService.ts explain it', mentions: [{ kind: 'file', label: 'src/userService.ts', value: 'src/userService.ts' }] }]);
});

test('Esc closes the popup without sending or stopping; a mention deleted from the text is not sent', () => {
  const { ta, popup, composer } = setup();
  type(ta, '@g');
  key(ta, 'Enter');
  assert.equal(ta.value, '@git ');
  type(ta, '@');
  assert.equal(popup.hidden, false);
  assert.equal(key(ta, 'Escape').defaultPrevented, true);
  assert.equal(popup.hidden, true);
  ta.value = 'no mentions left';
  assert.deepEqual(composer.mentions.mentionsIn(ta.value), []);
});

test('the popup is a labelled listbox tied to the textarea', () => {
  const { ta, popup } = setup();
  type(ta, '@');
  assert.equal(popup.getAttribute('role'), 'listbox');
  assert.equal(ta.getAttribute('aria-controls'), popup.id);
  assert.equal(ta.getAttribute('aria-autocomplete'), 'list');
});
