/**
 * llama.cpp is native code: when the model host dies (here: killed mid-generation), the request in
 * flight fails with a clear error, the supervisor starts a new host, and the next request is served
 * by it, in the same process that owns the index and the language server.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ModelError } from '@src/core/llm/errors';
import { tinyGgufPath } from '../../fixtures/tinyGguf/writeTinyGguf';
import { until } from '../helpers/until';
import { embeddedHarness } from './embeddedHarness';

describe('built-in model: the model host crashes', () => {
  const h = embeddedHarness();
  before(() => h.use(tinyGgufPath()));
  after(() => h.dispose());

  it('the request in flight fails with the reason, the host restarts, the next request succeeds', async () => {
    let killed: number | undefined;
    let streamed = '';
    const err = await (async () => {
      try {
        for await (const ev of h.hub.complete({ prefix: 'let x = ', suffix: ';', maxTokens: 1500, temperature: 0 })) {
          if (ev.type !== 'text') continue;
          streamed += ev.text;
          if (killed === undefined) {
            killed = h.host.pid()!;
            process.kill(killed, 'SIGKILL');
          }
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    assert.equal(err.kind, 'server');
    assert.match(err.message, /host process stopped unexpectedly \(signal SIGKILL\)/);
    assert.ok(err.partialText && err.partialText === streamed, 'the text that streamed before the crash is kept');
    await until('a new model host', async () => (h.host.pid() !== undefined && h.host.pid() !== killed ? true : undefined), 600_000);
    let text = '';
    for await (const ev of h.hub.complete({ prefix: 'def add(a, b):\n    return ', suffix: '\n', maxTokens: 8, temperature: 0 })) if (ev.type === 'text') text += ev.text;
    assert.ok(text.length > 0);
    assert.equal(h.host.starts, 2);
    assert.ok(h.logs.some((l) => /model host \(pid \d+\) stopped: signal SIGKILL, 1 request\(s\) failed/.test(l)), h.logs.join('\n'));
  });
});
