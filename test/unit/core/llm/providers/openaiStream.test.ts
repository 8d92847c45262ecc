/** OpenAI-style answers the corpus does not cover: a whole JSON body where a stream was asked for. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { collect, makeHub, role } from '../helpers/hub';

describe('an OpenAI-compatible server that ignores stream: true', () => {
  let server: Server;
  let baseUrl = '';
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({
          id: 'x', object: 'chat.completion', model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'whole answer', reasoning_content: 'thought' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 3, completion_tokens: 2 },
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the one JSON body as the answer, the reasoning apart, and says it tolerated it', async () => {
    const { hub } = makeHub(role('chat', baseUrl, 'm', 'openai-compatible', { maxRetries: 0 }));
    const r = await collect(hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(r.text, 'whole answer');
    assert.equal(r.done.reasoning?.text, 'thought');
    assert.deepEqual([r.done.usage.promptTokens, r.done.usage.completionTokens], [3, 2]);
    assert.ok(r.done.quirks?.some((q) => q.includes('one JSON body instead of a stream')));
  });
});
