import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { chatFunctions, chatHistory } from '@src/modelHost/chatHistory';

describe('chatHistory', () => {
  it('maps roles, and folds each tool result into the assistant turn that called the tool', () => {
    const history = chatHistory([
      { role: 'system', content: 'You are Banyan.' },
      { role: 'user', content: 'Read a.ts' },
      { role: 'assistant', content: 'Reading it.', toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'a.ts' }, rawArguments: '{"path":"a.ts"}' }] },
      { role: 'tool', toolCallId: 'c1', content: 'export const a = 1;' },
      { role: 'user', content: 'Thanks' },
    ]);
    assert.deepEqual(history, [
      { type: 'system', text: 'You are Banyan.' },
      { type: 'user', text: 'Read a.ts' },
      { type: 'model', response: ['Reading it.', { type: 'functionCall', name: 'read_file', params: { path: 'a.ts' }, result: 'export const a = 1;' }] },
      { type: 'user', text: 'Thanks' },
    ]);
  });

  it('tools become functions with their JSON schemas; no tools, no functions', () => {
    assert.equal(chatFunctions(undefined), undefined);
    assert.equal(chatFunctions([]), undefined);
    const schema = { type: 'object', properties: { path: { type: 'string' } } };
    assert.deepEqual(chatFunctions([{ name: 'read_file', description: 'Reads a file', parameters: schema }]), { read_file: { description: 'Reads a file', params: schema } });
  });
});
