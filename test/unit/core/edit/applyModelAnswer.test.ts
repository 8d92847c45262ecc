import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyModelAnswer, applyTextEdits, type EditResult } from '@src/core/edit';

const FILE = 'function a() {\r\n  return 1;\r\n}\r\n';
const body = { kind: 'range' as const, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } };

function failure(result: EditResult) {
  assert.ok(!result.ok, 'expected a refusal');
  return result;
}

describe('applyModelAnswer', () => {
  it('refuses an answer the model cut off at its token limit, whatever it looks like', () => {
    const result = failure(applyModelAnswer(FILE, '```js\nreturn 2;\n```', body, { truncated: true }));
    assert.equal(result.code, 'truncated-answer');
    assert.match(result.message, /token limit/);
  });

  it('refuses a range that does not fit the document', () => {
    const result = failure(applyModelAnswer(FILE, 'x', { kind: 'range', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 40 } } }));
    assert.equal(result.code, 'invalid-range');
    assert.match(result.message, /Select the code again/);
  });

  it('offers the whole document with the model\'s code in place for a manual merge, in the file\'s line endings', () => {
    const result = failure(applyModelAnswer(FILE, '```js\n  return 2;\n  // ... rest of the code\n```', body));
    assert.equal(result.code, 'elided-code');
    assert.deepEqual(result.candidate, { kind: 'document', text: 'function a() {\r\n  return 2;\r\n  // ... rest of the code\r\n}\r\n' });
  });

  it('offers the raw patch when a diff cannot be placed', () => {
    const answer = '```diff\n@@\n-  return 7;\n+  return 8;\n```';
    const result = failure(applyModelAnswer(FILE, answer, { kind: 'file' }));
    assert.equal(result.code, 'not-found');
    assert.deepEqual(result.candidate, { kind: 'answer', text: answer });
  });

  it('a forced strategy reads only its own format (the agent tool asks for blocks)', () => {
    const result = failure(applyModelAnswer(FILE, '```js\nfunction a() {}\n```', { kind: 'file' }, { strategy: 'search-replace' }));
    assert.equal(result.strategy, 'search-replace');
    assert.equal(result.code, 'malformed-blocks');
  });

  it('edits a selection of a file with a BOM at positions that include the BOM', () => {
    const doc = '\uFEFFa = 1\nb = 2\n';
    const result = applyModelAnswer(doc, 'b = 3', { kind: 'range', range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } });
    assert.ok(result.ok);
    assert.equal(result.newText, '\uFEFFa = 1\nb = 3\n');
    assert.equal(applyTextEdits(doc, result.edits), result.newText);
  });

  it('reports what it adjusted, and an unchanged answer gives no edits', () => {
    const changed = applyModelAnswer(FILE, 'return 2;', body);
    assert.ok(changed.ok);
    assert.ok(changed.notes.some((n) => n.includes('re-indented')));
    const same = applyModelAnswer(FILE, '```js\n  return 1;\n```', body);
    assert.ok(same.ok);
    assert.deepEqual(same.edits, []);
    assert.equal(same.newText, FILE);
  });

  it('keeps the line endings of untouched lines in a file with mixed endings', () => {
    const mixed = 'a\r\nb\nc\r\n';
    const result = applyModelAnswer(mixed, '```\na\nB\nc\n```', { kind: 'file' });
    assert.ok(result.ok);
    assert.equal(result.newText, 'a\r\nB\r\nc\r\n');
  });

  it('widens a selection that starts inside the indentation to the line start', () => {
    const doc = 'if (x) {\n    go();\n}\n';
    const result = applyModelAnswer(doc, 'stop();', { kind: 'range', range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } } });
    assert.ok(result.ok);
    assert.equal(result.newText, 'if (x) {\n    stop();\n}\n');
  });
});
