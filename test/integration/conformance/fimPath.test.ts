/**
 * Path: FIM completion. Every shape a completion can reach — raw FIM routes (/v1/completions, Ollama
 * /api/generate, llama.cpp /infill and /completion) and chat routes through the chat template —
 * through the completion engine and the real HTTP stack: the suggestion is exactly the code, never
 * the reasoning; a truncated or failing shape gives no suggestion.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CompletionEngine } from '@src/core/completion/pipeline/completionEngine';
import { pipelineSettings } from '@src/core/completion/pipeline/pipelineSettings';
import { defaultSettings } from '@src/core/config/settings';
import { FakeClock } from '../../unit/core/completion/pipeline/fakes';
import { assertNoThinking, assertShapeError, fimShapes, hubFor, reasoningFor, shapeServer } from './harness';

const server = shapeServer();

const PREFIX = 'def add(a, b):\n    return ';
const TEXT = `${PREFIX}\n\nprint(add(1, 2))\n`;
const COMPLETION = 'a + b';

describe('FIM completion: every shape', () => {
  for (const shape of fimShapes()) {
    it(`${shape.name}: ${shape.expect.complete ? `the suggestion "${COMPLETION}"` : 'no suggestion, the error'}`, async () => {
      server.addRule({ reply: { text: COMPLETION, ...reasoningFor(shape), shape: shape.name } });
      const hub = hubFor(shape, server, 'completion');
      const errors: unknown[] = [];
      const engine = new CompletionEngine({ model: () => hub, settings: () => pipelineSettings(defaultSettings()), clock: new FakeClock(), onModelError: (e) => errors.push(e) });
      const outcome = await engine.complete(
        { uri: 'file:///ws/calc.py', file: '/ws/calc.py', relPath: 'calc.py', text: TEXT, offset: PREFIX.length, position: { line: 1, character: 11 }, languageId: 'python', explicit: true },
        new AbortController().signal,
      );
      assert.equal(server.requests().length, 1, `${shape.name}: one model request`);
      if (!shape.expect.complete) {
        assert.equal(outcome.kind, 'none');
        assertShapeError(shape, errors[0]);
        return;
      }
      assert.equal(outcome.kind, 'suggestion', `${shape.name}: ${outcome.kind === 'none' ? `${outcome.reason} ${String(outcome.error ?? '')}` : ''}`);
      if (outcome.kind !== 'suggestion') return;
      assert.equal(outcome.suggestion.text, COMPLETION);
      assertNoThinking(shape, 'suggestion', outcome.suggestion.text);
    });
  }
});
