/**
 * Path: `banyan models test` (the connection test) and embeddings. Every shape, tested as the role
 * that reaches its route: a complete shape passes, with each tolerated quirk reported as such (and
 * no other), reasoning reported apart; a truncated or failing shape fails with the named error.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatReport } from '@src/core/llm/diagnostics/formatReport';
import { endpointFor } from '../../fixtures/serverShapes/shapeEndpoints';
import { hubFor, reasoningFor, SAMPLE, SHAPES, shapeServer } from './harness';

const server = shapeServer();

describe('models test: every shape', () => {
  for (const shape of SHAPES) {
    const ep = endpointFor(shape);
    it(`${shape.name} (${ep.role}): ${shape.expect.complete ? `passes${shape.expect.quirks.length ? ', quirks tolerated' : ''}` : 'fails with the error'}`, async () => {
      server.addRule({ reply: { text: ep.op === 'fim' ? 'a + b' : 'OK', ...(ep.op === 'chat' ? reasoningFor(shape) : {}), shape: shape.name } });
      const [report] = await hubFor(shape, server, ep.role).test([ep.role]);
      const text = formatReport([report!]);
      if (!shape.expect.complete) {
        assert.equal(report!.ok, false, text);
        assert.ok(report!.checks.at(-1)!.detail.includes(shape.expect.error ?? ''), text);
        return;
      }
      assert.equal(report!.ok, true, text);
      const quirks = report!.checks.filter((c) => c.name === 'server quirk').map((c) => c.detail);
      for (const q of shape.expect.quirks) assert.ok(quirks.some((x) => x.includes(q) && /tolerated|separated|skipped/.test(x)), `${shape.name}: "${q}" should be reported as tolerated:\n${text}`);
      assert.equal(quirks.length, shape.expect.quirks.length, `${shape.name}: only the documented quirks:\n${text}`);
      if (ep.op === 'embed') {
        assert.match(text, /embeddings: a 64-dimensional vector/);
        const r = await hubFor(shape, server, 'embeddings').embed(['alpha', 'beta gamma']);
        assert.deepEqual(r.vectors.map((v) => v.length), [64, 64]);
        return;
      }
      assert.match(text, ep.op === 'fim' ? /fill-in-the-middle: answered through .*"a \+ b"/ : /chat: answered through .*"OK"/);
      if (reasoningFor(shape).thinking && ep.op === 'chat') assert.ok(report!.checks.some((c) => c.name === 'reasoning'), text);
      assert.ok(!text.includes(SAMPLE.thinking), 'the reasoning itself is not printed');
    });
  }
});
