/**
 * Path: agent tool calls. Every chat-capable shape through runAgentTurn and the real HTTP stack: the
 * model reasons and calls read_file, the tool runs, the model reasons again and answers. The answer
 * is exact and free of reasoning; the tool-call turn goes back with its reasoning exactly where the
 * API asks for it (DeepSeek/llama.cpp reasoning_content, Ollama /v1 and OpenRouter reasoning,
 * Anthropic signed thinking) and nowhere else; a truncated or failing shape raises its error.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAgentTurn } from '@src/core/agent/runAgentTurn';
import type { AgentEvent } from '@src/core/agent/types';
import type { ShapeFile } from '../../fixtures/fakeModelServer';
import { deps, drain, tempWorkspace } from '../../unit/core/agent/agentHarness';
import { assertNoThinking, assertShapeError, CALC, chatShapes, hasToolCalls, hubFor, reasoningFor, rejection, SAMPLE, shapeServer } from './harness';

const server = shapeServer();
const ws = tempWorkspace();
before(() => writeFileSync(path.join(ws.dir, 'calc.py'), CALC.before));
after(() => ws.dispose());

const FINAL = 'calc.py subtracts: `return a - b` should be `return a + b`.';

/** The assistant turn that called the tool, as the second request sent it back. */
function toolTurn(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const messages = (body.messages ?? []) as Record<string, unknown>[];
  return messages.find((m) => m.role === 'assistant' && (m.tool_calls || (Array.isArray(m.content) && m.content.some((b: { type?: string }) => b.type === 'tool_use'))));
}

describe('agent: every shape', () => {
  for (const shape of chatShapes()) {
    const usable = !shape.expect.complete || hasToolCalls(shape);
    it(`${shape.name}: ${!shape.expect.complete ? 'the error' : usable ? 'reasons, calls read_file, answers' : 'n/a (no tool calls in this shape)'}`, { skip: !usable }, async () => {
      const reasoning = reasoningFor(shape);
      server.addRule({ times: 1, reply: { toolCalls: [{ id: 'call_1', name: 'read_file', arguments: { path: 'calc.py' } }], ...reasoning, shape: shape.name } });
      server.addRule({ reply: { text: FINAL, ...reasoning, shape: shape.name } });
      const hub = hubFor(shape, server, 'agent');
      const run = drain(runAgentTurn({ turnId: 't1', task: 'why does add() give wrong results?', history: [] }, deps(hub, ws.dir), new AbortController().signal));
      if (!shape.expect.complete) {
        assertShapeError(shape, await rejection(run));
        return;
      }
      const { events, outcome } = await run;
      assert.equal(outcome.reason, 'done');
      assert.equal(outcome.text, FINAL);
      assertNoThinking(shape, 'answer', outcome.text);
      const steps = events.filter((e): e is Extract<AgentEvent, { type: 'step' }> => e.type === 'step');
      assert.equal(steps.at(-1)?.step.status, 'done', `${shape.name}: read_file ran`);
      const requests = server.requests().filter((r) => r.route === shape.route);
      assert.equal(requests.length, 2);
      const second = requests[1]!.body as Record<string, unknown>;
      assert.ok(JSON.stringify(second).includes('return a - b'), `${shape.name}: the tool result went back`);
      const turn = toolTurn(second);
      assert.ok(turn, `${shape.name}: the tool-call turn went back`);
      const sent = JSON.stringify(turn);
      const echo = shape.expect.echo ? ECHO[shape.expect.echo] : undefined;
      if (echo) assert.ok(echo(turn!), `${shape.name}: reasoning should go back with the tool call as ${shape.expect.echo}: ${sent}`);
      else assert.ok(!sent.includes(SAMPLE.thinking.slice(0, 20)), `${shape.name}: no reasoning goes back here: ${sent}`);
    });
  }
});

/** How the tool-call turn must carry its reasoning, per the shape's documented rule (expect.echo). */
const ECHO: Record<NonNullable<ShapeFile['expect']['echo']>, (turn: Record<string, unknown>) => boolean> = {
  reasoning_content: (t) => t.reasoning_content === SAMPLE.thinking,
  reasoning: (t) => t.reasoning === SAMPLE.thinking,
  'reasoning+details': (t) => t.reasoning === SAMPLE.thinking && Array.isArray(t.reasoning_details) && (t.reasoning_details as { signature?: string }[])[0]?.signature === 'c2lnbmF0dXJl',
  'thinking blocks': (t) => (t.content as { type: string; signature?: string }[])[0]?.type === 'thinking' && Boolean((t.content as { signature?: string }[])[0]?.signature),
};
