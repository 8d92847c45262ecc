import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactHistory, type HistoryTurn, replaceAppliedCode } from '@src/core/chat/compactHistory';

/** One token per 4 characters, like the estimate. */
const counter = { name: 'test', exact: false, count: (t: string) => Math.ceil(t.length / 4) };

const code = 'export function total(a: number, b: number) {\n  return a + b;\n}';
const long = (n: number) => 'word '.repeat(n);
const turns: HistoryTurn[] = [
  { role: 'user', content: `Write a total function ${long(300)}` },
  { role: 'assistant', content: `Here it is:\n\n\`\`\`ts src/total.ts\n${code}\n${'// padding\n'.repeat(40)}\`\`\`\n\nDone.`, applied: [{ path: 'src/total.ts', code: `${code}\n${'// padding\n'.repeat(40)}` }] },
  { role: 'user', content: `Now explain it ${long(50)}` },
  { role: 'assistant', content: `It adds ${long(50)}` },
  { role: 'user', content: 'And tests?' },
  { role: 'assistant', content: 'Use node:test.' },
];
const size = (ms: readonly { content: string }[]) => ms.reduce((n, m) => n + counter.count(m.content) + 4, 0);

describe('history compaction', () => {
  it('a conversation that fits is sent unchanged (stable prefix for prompt caches)', () => {
    const r = compactHistory(turns, 100_000, counter);
    assert.equal(r.step, 'none');
    assert.deepEqual(r.messages, turns.map((t) => ({ role: t.role, content: t.content })));
  });

  it('first replaces applied code of older turns by a reference, keeping recent turns verbatim', () => {
    const full = size(turns.map((t) => ({ content: t.content })));
    const r = compactHistory(turns, full - 50, counter, 4);
    assert.equal(r.step, 'appliedCode');
    assert.match(r.messages[1]!.content, /^Here it is:\n\n\[code applied to src\/total\.ts; its current version is in the workspace\]\n\nDone\.$/);
    assert.deepEqual(r.messages.slice(2), turns.slice(2).map((t) => ({ role: t.role, content: t.content })));
  });

  it('then summarises older turns, and only drops the oldest when still too long', () => {
    const summarised = compactHistory(turns, 400, counter, 4);
    assert.equal(summarised.step, 'summarised');
    assert.match(summarised.messages[0]!.content, /^Summary of the earlier conversation.*\n- User asked: Write a total function/);
    assert.ok(!summarised.messages[0]!.content.includes('return a + b'), 'no code in the summary');
    assert.ok(size(summarised.messages) <= 400);

    const dropped = compactHistory(turns, 20, counter, 4);
    assert.equal(dropped.step, 'dropped');
    assert.deepEqual(dropped.messages, [{ role: 'user', content: 'And tests?' }, { role: 'assistant', content: 'Use node:test.' }]);
  });

  it('code that was not applied stays', () => {
    const t: HistoryTurn = { role: 'assistant', content: '```ts\nconst a = 1;\n```', applied: [{ path: 'x.ts', code: 'const b = 2;' }] };
    assert.equal(replaceAppliedCode(t), t.content);
  });
});
