/** Tool steps: one collapsible row per step, updated in place, titles never parsed as HTML. */
import '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToolSteps } from '../../../../webview-ui/chat/toolSteps';

test('a step that updates keeps its row and its open state', () => {
  const box = document.createElement('div');
  renderToolSteps(box, [{ id: 's1', title: 'Searching `UserService`', status: 'running' }]);
  const row = box.querySelector('details') as HTMLDetailsElement;
  row.open = true;
  renderToolSteps(box, [
    { id: 's1', title: 'Searched `UserService`', status: 'done', resultCount: 1, detail: 'src/user.ts:12' },
    { id: 's2', title: 'Read `src/user.ts`', status: 'done' },
  ]);
  assert.equal(box.querySelector('details'), row);
  assert.equal(row.open, true);
  assert.equal(row.querySelector('summary')?.textContent, 'Searched UserService · 1 result');
  assert.equal(row.querySelector('.tool-step-detail')?.textContent, 'src/user.ts:12');
  assert.ok(box.querySelectorAll('details')[1].classList.contains('no-detail'));
  assert.equal(box.hidden, false);
  renderToolSteps(box, []);
  assert.equal(box.hidden, true);
});

test('a hostile step title or detail stays text', () => {
  const box = document.createElement('div');
  renderToolSteps(box, [{ id: 'x', title: '<img src=x onerror=alert(1)> `<b>`', status: 'error', detail: '<script>alert(1)</script>' }]);
  assert.equal(box.querySelector('img, script, b'), null);
  assert.equal(box.querySelector('code')?.textContent, '<b>');
  assert.equal(box.querySelector('details')?.dataset.status, 'error');
});
