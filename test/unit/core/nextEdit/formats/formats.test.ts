/** Golden cases of each next-edit prompt format (golden/formats/<id>.toml): exact prompts, and answers read back. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { detectNextEditFormat, NEXT_EDIT_FORMATS } from '@src/core/nextEdit/formats/formats';
import { loadFormatCases } from '../formatCases';

for (const format of Object.values(NEXT_EDIT_FORMATS)) {
  describe(`next-edit format ${format.id}`, () => {
    const cases = loadFormatCases(format.id);
    it('has render and parse cases', () => {
      assert.ok(cases.render.length >= 1 && cases.parse.length >= 3);
    });
    for (const c of cases.render) {
      it(`renders: ${c.name}`, () => {
        const p = format.render(c.input);
        if (p.kind === 'raw') {
          assert.equal(p.prompt, c.prompt);
        } else {
          assert.equal(p.messages[0]!.content, c.system);
          assert.equal(p.messages[1]!.content, c.user);
        }
        assert.deepEqual(p.stop, c.stop);
      });
    }
    for (const c of cases.parse) {
      it(`parses: ${c.name}`, () => {
        const r = format.parse(c.answer, c.input, c.truncated);
        if (c.expected !== undefined) {
          assert.equal(r.kind, 'rewrite', r.kind === 'invalid' ? r.reason : r.kind);
          assert.equal(r.kind === 'rewrite' ? r.lines.join('\n') : '', c.expected);
        } else if (c.none) {
          assert.equal(r.kind, 'none');
        } else {
          assert.equal(r.kind, 'invalid');
          assert.match(r.kind === 'invalid' ? r.reason : '', new RegExp(c.invalid!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        }
      });
    }
  });
}

describe('next-edit format detection', () => {
  it('reads the format from the model name, chat for anything else', () => {
    assert.equal(detectNextEditFormat('zed-industries/zeta'), 'zeta');
    assert.equal(detectNextEditFormat('continuedev/instinct:Q4_K_M'), 'zeta');
    assert.equal(detectNextEditFormat('zeta2-8b'), 'zeta2');
    assert.equal(detectNextEditFormat('sweepai/sweep-next-edit-1.5B'), 'sweep');
    assert.equal(detectNextEditFormat('qwen2.5-coder:7b-instruct'), 'chat');
  });
});
