/**
 * Path: chat Apply. Every chat-capable shape: the chat answer's code block (found as the panel finds
 * it, by marked's lexer) applied to the file gives exactly the fixed file; the reasoning is never in
 * the block; a truncated or failing answer has nothing to apply.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { marked, type Tokens } from 'marked';
import { runChatTurn } from '@src/core/chat/runChatTurn';
import { applyCodeBlock } from '@src/core/edit';
import { assertNoThinking, assertShapeError, CALC, chatShapes, hubFor, reasoningFor, rejection, shapeServer } from './harness';

const server = shapeServer();

async function answer(hub: ReturnType<typeof hubFor>): Promise<string> {
  const turn = runChatTurn({ history: [], question: 'fix the sign in calc.py', mentions: [], attachments: [] }, { models: hub, index: undefined, roots: [] });
  for (;;) {
    const r = await turn.next();
    if (r.done) return r.value.text;
  }
}

describe('chat Apply: every shape', () => {
  for (const shape of chatShapes()) {
    it(`${shape.name}: ${shape.expect.complete ? 'the code block applies exactly' : 'nothing to apply, the error'}`, async () => {
      server.addRule({ reply: { text: `The sign is wrong:\n\n\`\`\`python calc.py\n${CALC.after}\`\`\`\n`, ...reasoningFor(shape), shape: shape.name } });
      const hub = hubFor(shape, server, 'chat');
      if (!shape.expect.complete) {
        assertShapeError(shape, await rejection(answer(hub)));
        return;
      }
      const text = await answer(hub);
      const blocks = marked.lexer(text).filter((t): t is Tokens.Code => t.type === 'code');
      assert.equal(blocks.length, 1, `${shape.name}: one code block in ${JSON.stringify(text)}`);
      assertNoThinking(shape, 'code block', blocks[0]!.text);
      const result = applyCodeBlock(CALC.before, { code: blocks[0]!.text, language: 'python' }, { kind: 'file' }, { fileName: 'calc.py', languageId: 'python' });
      assert.ok(result.ok, `${shape.name}: ${result.ok ? '' : result.message}`);
      if (result.ok) assert.equal(result.newText, CALC.after);
    });
  }
});
