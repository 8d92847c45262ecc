/**
 * Path: chat. Every chat-capable shape through runChatTurn and the real HTTP stack: the answer
 * exactly, the reasoning apart (thinking events, outcome.thinking), never in the text; a truncated
 * or failing shape raises its named error, keeping what had streamed.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ChatTurnEvent } from '@src/core/chat/chatTypes';
import { runChatTurn } from '@src/core/chat/runChatTurn';
import { assertNoThinking, assertShapeError, chatShapes, hubFor, reasoningFor, SAMPLE, shapeServer } from './harness';

const server = shapeServer();

describe('chat: every shape', () => {
  for (const shape of chatShapes()) {
    it(`${shape.name}: ${shape.expect.complete ? 'the answer, the reasoning apart' : `${shape.expect.errorKind} error`}`, async () => {
      server.addRule({ reply: { text: SAMPLE.text, ...reasoningFor(shape), shape: shape.name } });
      const hub = hubFor(shape, server, 'chat');
      const turn = runChatTurn({ history: [], question: 'add two numbers', mentions: [], attachments: [] }, { models: hub, index: undefined, roots: [] });
      const events: ChatTurnEvent[] = [];
      let outcome;
      try {
        for (;;) {
          const r = await turn.next();
          if (r.done) {
            outcome = r.value;
            break;
          }
          events.push(r.value);
        }
      } catch (err) {
        assert.equal(shape.expect.complete, false, `${shape.name}: ${String(err)}`);
        assertShapeError(shape, err);
        assertNoThinking(shape, 'partial answer', events.map((e) => (e.type === 'text' ? e.text : '')).join(''));
        return;
      }
      assert.equal(shape.expect.complete, true, `${shape.name} should have failed`);
      const streamed = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
      assert.equal(outcome.text, SAMPLE.text);
      assert.equal(streamed, SAMPLE.text);
      assertNoThinking(shape, 'answer', outcome.text);
      const thinking = events.map((e) => (e.type === 'thinking' ? e.text : '')).join('');
      if (reasoningFor(shape).thinking) {
        assert.equal(thinking.trim(), SAMPLE.thinking);
        assert.equal(outcome.thinking?.text.trim(), SAMPLE.thinking);
        // "Thought for N s" comes as soon as the answer starts, before its first text.
        const thoughtAt = events.findIndex((e) => e.type === 'thought');
        assert.ok(thoughtAt >= 0 && thoughtAt < events.findIndex((e) => e.type === 'text'), `${shape.name}: thought before the answer`);
      } else assert.equal(outcome.thinking, undefined);
    });
  }
});
