import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyModelAnswer } from '@src/core/edit';
import { hunksOfResult, streamingHunks } from '@src/core/rewrite';

const FILE = ['function total(items) {', '  let sum = 0;', '  for (const i of items) sum += i.price;', '  return sum;', '}', ''].join('\n');
const BODY = { start: { line: 1, character: 0 }, end: { line: 4, character: 0 } };

describe('streamingHunks (the inline diff while the answer streams)', () => {
  it('unchanged lines are not marked; changed ones pair with the new code, re-indented to the selection', () => {
    const code = 'let sum = 0;\nfor (const i of items) sum += i.price * i.qty;\nreturn sum;';
    assert.deepEqual(streamingHunks(FILE, BODY, code, true), [{ originalStart: 2, originalLength: 1, newLines: ['  for (const i of items) sum += i.price * i.qty;'] }]);
  });

  it('while incomplete, selected lines past the code so far are not shown as removed', () => {
    assert.deepEqual(streamingHunks(FILE, BODY, 'return items.reduce(', false), [{ originalStart: 1, originalLength: 1, newLines: ['  return items.reduce('] }]);
    assert.deepEqual(streamingHunks(FILE, BODY, 'return items.reduce((s, i) => s + i.price, 0);', true), [{ originalStart: 1, originalLength: 3, newLines: ['  return items.reduce((s, i) => s + i.price, 0);'] }]);
  });

  it('at the cursor everything is an insertion; no code yet shows nothing', () => {
    const cursor = { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } };
    assert.deepEqual(streamingHunks(FILE, cursor, 'console.log(sum);', false), [{ originalStart: 3, originalLength: 0, newLines: ['  console.log(sum);'] }]);
    assert.deepEqual(streamingHunks(FILE, BODY, '', false), []);
  });
});

describe('hunksOfResult', () => {
  it('gives each hunk of the final edit with its new lines', () => {
    const r = applyModelAnswer(FILE, '```js\nlet sum = 0;\nfor (const i of items) sum += i.price * i.qty;\nreturn sum;\n```', { kind: 'range', range: BODY });
    assert.ok(r.ok);
    assert.deepEqual(hunksOfResult(r), [{ originalStart: 2, originalLength: 1, newLines: ['  for (const i of items) sum += i.price * i.qty;'] }]);
  });
});
