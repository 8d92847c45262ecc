import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { assembleChat } from '@src/core/llm/prompt/assembleChat';
import { toAnthropic } from '@src/core/llm/providers/anthropic';

describe('prompt assembly for caches', () => {
  it('static parts first and marked cacheable, then history, then the turn', () => {
    const m = assembleChat({
      system: 'rules',
      stableContext: ['repo overview', '', 'pinned file'],
      history: [{ role: 'user', content: 'q1' }, { role: 'assistant', content: 'a1' }],
      turnContext: 'search hits',
      user: 'q2',
    });
    assert.deepEqual(m.map((x) => [x.role, x.content, 'cache' in x ? x.cache : undefined]), [
      ['system', 'rules', true],
      ['user', 'repo overview\n\npinned file', true],
      ['assistant', 'Understood.', undefined],
      ['user', 'q1', undefined],
      ['assistant', 'a1', undefined],
      ['user', 'search hits\n\nq2', undefined],
    ]);
  });

  it('Anthropic: system apart, cache breakpoints on marked blocks (at most 4), tool turns as tool_use/tool_result', () => {
    const { system, messages } = toAnthropic([
      { role: 'system', content: 's', cache: true },
      { role: 'user', content: 'u1', cache: true },
      { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'read', arguments: { p: 'a' }, rawArguments: '{"p":"a"}' }] },
      { role: 'tool', toolCallId: 't1', content: 'file text' },
      { role: 'user', content: 'u2', cache: true },
      { role: 'user', content: 'u3', cache: true },
      { role: 'user', content: 'u4', cache: true },
    ]);
    assert.deepEqual(system, [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.deepEqual(messages[1]!.content, [{ type: 'tool_use', id: 't1', name: 'read', input: { p: 'a' } }]);
    assert.deepEqual(messages[2]!.content[0], { type: 'tool_result', tool_use_id: 't1', content: 'file text' });
    const marked = [...system, ...messages.flatMap((m) => m.content)].filter((b) => 'cache_control' in b);
    assert.equal(marked.length, 4);
  });
});
