import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseModelJson, parseToolArguments } from '@src/core/llm/structured/repairJson';

describe('JSON repair', () => {
  it('valid JSON is not marked repaired', () => {
    assert.deepEqual(parseModelJson('{"a":1}'), { ok: true, value: { a: 1 }, repaired: false });
  });
  it('repairs what models get wrong: fences, trailing commas, single quotes, cut-off objects, Python literals', () => {
    for (const [text, value] of [
      ['```json\n{"a": 1,}\n```', { a: 1 }],
      ["{'path': 'a.ts'}", { path: 'a.ts' }],
      ['{"items": [1, 2', { items: [1, 2] }],
      ['{"ok": True, "v": None}', { ok: true, v: null }],
      ['{path: "x"}', { path: 'x' }],
    ] as const) {
      const r = parseModelJson(text);
      assert.ok(r.ok, text);
      assert.deepEqual(r.value, value, text);
      assert.equal(r.repaired, true);
    }
  });
  it('what cannot be repaired is an error result, never a throw', () => {
    const r = parseModelJson('{"a": }}}{{{ nonsense');
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.length > 0);
    assert.deepEqual(parseModelJson('   '), { ok: false, error: 'the model sent no JSON (empty text)' });
  });
  it('tool arguments must be an object; empty means {}', () => {
    assert.deepEqual(parseToolArguments(''), { ok: true, value: {}, repaired: false });
    const r = parseToolArguments('[1,2]');
    assert.equal(r.ok, false);
  });
});
