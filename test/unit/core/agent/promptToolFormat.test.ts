import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parsePromptToolCalls } from '@src/core/agent/promptToolFormat';

describe('prompt-level tool format', () => {
  it('reads blocks, fenced JSON, a missing closing tag, and repairs broken JSON', () => {
    const text = 'First.\n<tool_call>{"name":"read_file","arguments":{"path":"a.ts"}}</tool_call>\n<tool_call>```json\n{"name": "grep", "arguments": {pattern: \'x\',}}\n```</tool_call>\n<tool_call>{"name": "list_directory", "arguments": "{\\"path\\": \\"src\\"}"';
    const { calls, prose } = parsePromptToolCalls(text, 'p');
    assert.equal(prose, 'First.');
    assert.deepEqual(calls.map((c) => [c.name, c.arguments, c.argumentsError]), [
      ['read_file', { path: 'a.ts' }, undefined],
      ['grep', { pattern: 'x' }, undefined],
      ['list_directory', { path: 'src' }, undefined],
    ]);
  });
  it('turns an unreadable block into a call with argumentsError', () => {
    const { calls } = parsePromptToolCalls('<tool_call>{"name": "edit_file", "arguments": [1, 2]}</tool_call><tool_call>nonsense</tool_call>', 'p');
    assert.equal(calls[0]!.name, 'edit_file');
    assert.match(calls[0]!.argumentsError ?? '', /must be a JSON object/);
    assert.ok(calls[1]!.argumentsError);
  });
  it('leaves text without blocks alone', () => {
    assert.deepEqual(parsePromptToolCalls('just an answer', 'p'), { calls: [], prose: 'just an answer' });
  });
});
