/** Usage reported to listeners: the API's numbers for a whole answer, Banyan's count for an early stop; nothing for a failure. */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ModelUsageEvent } from '@src/core/llm/modelClient';
import { FakeModelServer } from '../../../fixtures/fakeModelServer';
import { collect, makeHub, role } from './helpers/hub';

const server = new FakeModelServer({ models: ['m'] });
before(() => server.start());
after(() => server.close());
afterEach(() => server.reset());

describe('ModelHub.onUsage', () => {
  it('a whole answer reports the API\'s usage once', async () => {
    server.replyTo('a = ', { text: '1', usage: { promptTokens: 40, completionTokens: 3 } }, { route: '/v1/completions' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'm', 'openai-compatible', { template: 'suffix-field' }));
    const seen: ModelUsageEvent[] = [];
    hub.onUsage((u) => seen.push(u));
    await collect(hub.complete({ prefix: 'a = ', suffix: '\n' }));
    assert.equal(seen.length, 1);
    assert.deepEqual([seen[0]!.role, seen[0]!.model, seen[0]!.earlyStop, seen[0]!.usage.promptTokens, seen[0]!.usage.completionTokens, seen[0]!.usage.reported], ['completion', 'm', false, 40, 3, true]);
  });

  it('a consumer that stops reading early still counts what it got, also in the role metrics', async () => {
    server.replyTo('b = ', { text: 'first line\nsecond line\nthird line', chunks: ['first ', 'line\n', 'second ', 'line\n', 'third line'] }, { route: '/v1/completions' });
    const { hub } = makeHub(role('completion', server.baseUrl, 'm', 'openai-compatible', { template: 'suffix-field' }));
    const seen: ModelUsageEvent[] = [];
    hub.onUsage((u) => seen.push(u));
    let text = '';
    for await (const ev of hub.complete({ prefix: 'b = ', suffix: '\n' })) {
      if (ev.type === 'text') text += ev.text;
      if (text.includes('\n')) break;
    }
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.earlyStop, true);
    assert.ok(seen[0]!.usage.completionTokens > 0 && seen[0]!.usage.promptTokens > 0, JSON.stringify(seen[0]!.usage));
    assert.equal(hub.metrics().find((m) => m.role === 'completion')!.requests, 1);
  });

  it('a failed request reports nothing', async () => {
    server.addRule({ route: '/v1/completions', fault: { kind: 'serverError' } });
    const { hub } = makeHub(role('completion', server.baseUrl, 'm', 'openai-compatible', { template: 'suffix-field' }));
    const seen: ModelUsageEvent[] = [];
    hub.onUsage((u) => seen.push(u));
    await assert.rejects(collect(hub.complete({ prefix: 'c = ', suffix: '\n' })));
    assert.equal(seen.length, 0);
  });
});
