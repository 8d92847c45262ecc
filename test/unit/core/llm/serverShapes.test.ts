/**
 * The conformance corpus at the model layer: every real-world shape in test/fixtures/serverShapes,
 * replayed by the fake server over a real socket, must give its documented outcome — the answer
 * exactly (no reasoning in it), the reasoning apart, tool calls, usage, finish reason, the tolerated
 * quirks and no others; or, for a truncated or failing shape, the named error and no answer.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { FakeModelServer, type Reply } from '../../../fixtures/fakeModelServer';
import { allShapes, shapeHasThinking, shapeHasToolCalls, type ShapeFile } from '../../../fixtures/fakeModelServer/shapeFile';
import type { StreamEvent } from '@src/core/llm/types';
import { collect, failure, makeHub, role } from './helpers/hub';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { outcomeTable, readmeWith } from '../../../fixtures/serverShapes/outcomeTable';
import { endpointFor, SAMPLE } from '../../../fixtures/serverShapes/shapeEndpoints';
import { SHAPES_DIR } from '../../../fixtures/fakeModelServer/shapeFile';

const server = new FakeModelServer({ models: ['m'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

type Done = Extract<StreamEvent, { type: 'done' }>;

function checkQuirks(shape: ShapeFile, done: Done): void {
  const got = done.quirks ?? [];
  for (const q of shape.expect.quirks) assert.ok(got.some((g) => g.includes(q)), `${shape.name}: expected the quirk "${q}", got ${JSON.stringify(got)}`);
  // Exact in what it reports: a quirk the shape does not document is a false report.
  for (const g of got) assert.ok(shape.expect.quirks.some((q) => g.includes(q)), `${shape.name}: reported an undocumented quirk "${g}"`);
}

describe('server shapes at the model layer', () => {
  for (const shape of allShapes()) {
    const ep = endpointFor(shape);
    describe(`${shape.name}: ${shape.title}`, () => {
      if (ep.op === 'embed') {
        it('vectors in input order', async () => {
          server.addRule({ reply: { shape: shape.name } });
          const { hub } = makeHub(role('embeddings', server.baseUrl, 'm', ep.provider, { maxRetries: 0 }));
          const r = await hub.embed(['alpha beta', 'gamma']);
          assert.equal(r.vectors.length, 2);
          assert.equal(r.vectors[0]!.length, 64);
          assert.equal(r.usage.reported, shape.expect.usage ?? false);
        });
        return;
      }

      // Reasoning goes with both answers where the shape carries it: models interleave it with tool calls.
      const thinks = shapeHasThinking(shape) && ep.op === 'chat';
      const reasoning: Reply = thinks ? { thinking: SAMPLE.thinking } : {};
      const variants: { name: string; reply: Reply }[] = [
        { name: 'text answer', reply: { text: SAMPLE.text, ...reasoning } },
        ...(shapeHasToolCalls(shape) ? [{ name: 'tool call', reply: { toolCalls: [{ ...SAMPLE.toolCall, argumentChunks: [...SAMPLE.toolCall.argumentChunks] }], ...reasoning } }] : []),
      ];
      for (const v of variants) {
        it(`${v.name}: ${shape.expect.complete ? 'the documented outcome' : `the error (${shape.expect.errorKind})`}`, async () => {
          server.addRule({ reply: { ...v.reply, shape: shape.name } });
          const { hub } = makeHub(role(ep.role, server.baseUrl, ep.model, ep.provider, { maxRetries: 0, ...ep.settings }));
          const stream = ep.op === 'fim' ? hub.complete(SAMPLE.fim) : hub.chat({ role: ep.role as 'chat', messages: [{ role: 'user', content: 'add two numbers' }], ...(v.name === 'tool call' ? { tools: [SAMPLE.tool] } : {}), thinking: true });
          if (!shape.expect.complete) {
            const err = await failure(stream);
            assert.equal(err.kind, shape.expect.errorKind, `${shape.name}: ${err.message}`);
            assert.ok(err.message.includes(shape.expect.error ?? ''), `${shape.name}: "${err.message}" should say "${shape.expect.error}"`);
            return;
          }
          const r = await collect(stream);
          const thinking = r.events.filter((e) => e.type === 'thinking').map((e) => (e.type === 'thinking' ? e.text : '')).join('');
          const calls = r.events.flatMap((e) => (e.type === 'toolCall' ? [e.call] : []));
          if (v.name === 'tool call') {
            assert.deepEqual(calls.map((c) => [c.name, c.arguments, c.argumentsError]), [[SAMPLE.toolCall.name, SAMPLE.toolCall.arguments, undefined]]);
            assert.equal(r.done.finishReason, 'tool_calls');
          } else {
            assert.equal(r.text, SAMPLE.text, `${shape.name}: the answer`);
            assert.equal(calls.length, 0);
            assert.equal(r.done.finishReason, 'stop');
          }
          if (thinks) {
            assert.equal(thinking.trim(), SAMPLE.thinking, `${shape.name}: the reasoning, apart`);
            assert.equal(r.done.reasoning?.text.trim(), SAMPLE.thinking);
          } else assert.equal(thinking, '');
          assert.equal(r.done.usage.reported, shape.expect.usage ?? false, `${shape.name}: usage reported`);
          checkQuirks(shape, r.done);
        });
      }
    });
  }
});

describe('the corpus README', () => {
  it('its outcome table is the one the corpus gives (npx tsx test/fixtures/serverShapes/outcomeTable.ts --write)', () => {
    const readme = readFileSync(path.join(SHAPES_DIR, 'README.md'), 'utf8');
    assert.equal(readme, readmeWith(outcomeTable(), readme));
  });

  it('every shape names a source and a title, and every route it replays has a Banyan endpoint', () => {
    for (const shape of allShapes()) {
      assert.ok(shape.sources.every((s) => /^https:\/\//.test(s)), `${shape.name}: sources are links`);
      assert.ok(endpointFor(shape));
    }
  });
});
