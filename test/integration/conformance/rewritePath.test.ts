/**
 * Path: rewrite / edit. Every chat-capable shape through runRewrite and the real HTTP stack: the
 * selection is replaced by exactly the code the model wrote, never its reasoning; a truncated or
 * failing shape raises its named error and produces no edit.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fileConventions } from '@src/core/rewrite/conventions';
import { runRewrite } from '@src/core/rewrite/runRewrite';
import { assertNoThinking, assertShapeError, CALC, chatShapes, hubFor, reasoningFor, rejection, shapeServer } from './harness';

const server = shapeServer();

const input = { instruction: 'fix the sign', fileName: 'calc.py', text: CALC.before, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 16 } } };

describe('rewrite: every shape', () => {
  for (const shape of chatShapes()) {
    it(`${shape.name}: ${shape.expect.complete ? 'the exact edit' : 'no edit, the error'}`, async () => {
      server.addRule({ reply: { text: `\`\`\`python\n${CALC.after}\`\`\`\n`, ...reasoningFor(shape), shape: shape.name } });
      const hub = hubFor(shape, server, 'edit');
      const run = runRewrite(hub, input, { conventions: fileConventions(CALC.before, 'python') }, { languageId: 'python' });
      if (!shape.expect.complete) {
        assertShapeError(shape, await rejection(run));
        return;
      }
      const { result, answer, finishReason } = await run;
      assert.equal(finishReason, 'stop');
      assertNoThinking(shape, 'answer', answer);
      assert.ok(result.ok, `${shape.name}: ${result.ok ? '' : result.message}`);
      if (!result.ok) return;
      assert.equal(result.newText, CALC.after);
      assertNoThinking(shape, 'edit', result.newText);
    });
  }
});
