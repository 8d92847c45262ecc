/** The reasoning block: folded above the answer, "Thinking…" then "Thought for N s", sanitised, state kept. */
import '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage } from '@src/protocol/webview';
import { label, renderThinking } from '../../../../webview-ui/chat/thinkingBlock';

const base: ChatMessage = { id: 'a1', role: 'assistant', text: '', status: 'streaming', createdAt: 1 };

test('no reasoning: nothing shown', () => {
  const box = document.createElement('div');
  renderThinking(box, base);
  assert.equal(box.hidden, true);
  assert.equal(box.children.length, 0);
});

test('collapsed by default, "Thinking…" while it reasons, "Thought for N s" once the answer started; the element and its open state survive', () => {
  const box = document.createElement('div');
  renderThinking(box, { ...base, thinking: { text: 'First, ' } });
  const details = box.querySelector('details') as HTMLDetailsElement;
  assert.equal(details.open, false);
  assert.equal(box.querySelector('summary')?.textContent, 'Thinking…');
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  assert.equal(box.querySelector('.thinking-body')?.textContent, 'First, ');
  renderThinking(box, { ...base, text: 'Answer', thinking: { text: 'First, **then**', durationMs: 12_400 } });
  assert.equal(box.querySelector('details'), details);
  assert.equal(details.open, true);
  assert.equal(box.querySelector('summary')?.textContent, 'Thought for 12 s');
  assert.equal(box.querySelector('.thinking-body strong')?.textContent, 'then', 'rendered as markdown once it ended');
});

test('hostile reasoning stays text while streaming and is sanitised once rendered', () => {
  const box = document.createElement('div');
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>[x](javascript:alert(3))';
  renderThinking(box, { ...base, thinking: { text: evil } });
  const details = box.querySelector('details') as HTMLDetailsElement;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  assert.equal(box.querySelector('img, script'), null);
  renderThinking(box, { ...base, status: 'done', thinking: { text: evil, durationMs: 3000 } });
  assert.equal(box.querySelector('img, script, a[href^="javascript"]'), null);
});

test('labels', () => {
  assert.equal(label(undefined, false), 'Thinking…');
  assert.equal(label(400, true), 'Thought for a moment');
  assert.equal(label(61_000, true), 'Thought for 1 min 1 s');
  assert.equal(label(undefined, true), 'Thought');
});
