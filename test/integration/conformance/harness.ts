/**
 * What the path tests share: the corpus, a fake model server replaying it, a real ModelHub (undici
 * over a loopback socket) configured for a shape, and the expected outcome of each shape.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before } from 'node:test';
import type { ModelError } from '@src/core/llm/errors';
import type { ModelRole } from '@src/core/llm/types';
import { allShapes, FakeModelServer, type Reply, type ShapeFile, shapeHasThinking, shapeHasToolCalls } from '../../fixtures/fakeModelServer';
import { endpointFor, SAMPLE } from '../../fixtures/serverShapes/shapeEndpoints';
import { makeHub, role } from '../../unit/core/llm/helpers/hub';

export { SAMPLE };

/** The file the edit paths change: a wrong sign, fixed by the model's answer. */
export const CALC = { before: 'def add(a, b):\n    return a - b\n', after: 'def add(a, b):\n    return a + b\n' } as const;
export const SHAPES = allShapes();

/** Routes that answer chat-style requests (chat, rewrite, apply, agent, chat-template FIM). */
const CHAT_ROUTES = new Set(['/v1/chat/completions', '/api/chat', '/v1/messages']);

export const chatShapes = (): ShapeFile[] => SHAPES.filter((s) => CHAT_ROUTES.has(s.route));
/** Shapes a completion request can reach: raw FIM routes, and chat routes through the chat template. */
export const fimShapes = (): ShapeFile[] => SHAPES.filter((s) => endpointFor(s).op !== 'embed');

/** A fake model server for the test file, reset after each test. */
export function shapeServer(): FakeModelServer {
  const server = new FakeModelServer({ models: ['m', 'qwen2.5-coder:1.5b-base'] });
  before(() => server.start());
  after(() => server.close());
  afterEach(() => server.reset());
  return server;
}

/** A ModelHub whose `asRole` endpoint sends requests to the shape's route. */
export function hubFor(shape: ShapeFile, server: FakeModelServer, asRole: ModelRole, extra: Record<string, unknown> = {}) {
  const ep = endpointFor(shape);
  const chatStyle = CHAT_ROUTES.has(shape.route);
  // A chat route reached by a completion: a chat-only model, FIM through the chat template.
  const settings = asRole === 'completion' && chatStyle ? { template: 'chat' } : ep.settings;
  return makeHub(role(asRole, server.baseUrl, ep.model, ep.provider, { maxRetries: 0, ...settings, ...extra })).hub;
}

/** Reasoning to script with an answer, when the shape can carry it. */
export function reasoningFor(shape: ShapeFile): Reply {
  return shapeHasThinking(shape) ? { thinking: SAMPLE.thinking } : {};
}

export const hasToolCalls = shapeHasToolCalls;

/** The error a truncated or failing shape must give: its kind and the words it must contain. */
export function assertShapeError(shape: ShapeFile, err: unknown): void {
  const e = err as ModelError;
  assert.equal(e?.name, 'ModelError', `${shape.name}: expected a ModelError, got ${String(err)}`);
  assert.equal(e.kind, shape.expect.errorKind, `${shape.name}: ${e.message}`);
  assert.ok(e.message.includes(shape.expect.error ?? ''), `${shape.name}: "${e.message}" should say "${shape.expect.error}"`);
}

/** No reasoning text in something the user or the file gets. */
export function assertNoThinking(shape: ShapeFile, where: string, text: string): void {
  assert.ok(!text.includes('The user wants a sum') && !/<\/?think>/.test(text), `${shape.name}: reasoning leaked into the ${where}: ${JSON.stringify(text.slice(0, 200))}`);
}

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}
