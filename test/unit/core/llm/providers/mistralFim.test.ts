/** Codestral on Mistral's API: FIM goes to /v1/fim/completions with prompt + suffix and streams chat-style chunks. */
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { resolveSettings } from '@src/core/config/settings';
import { resolveModelConfig } from '@src/core/llm/config/roleConfig';
import { ModelHub } from '@src/core/llm/modelClient';
import { isMistral } from '@src/core/llm/providers/mistralFim';
import { collect, failure } from '../helpers/hub';

const MISTRAL = 'https://codestral.mistral.ai';

describe('Mistral FIM route', () => {
  let server: Server;
  let local = '';
  const seen: { path: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
  let truncate = false;

  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw || '{}') as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (content: string, finish: string | null) => `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
        res.write(chunk('a +', null));
        if (truncate) return res.end();
        res.write(chunk(' b', 'stop'));
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    local = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  function hub(): ModelHub {
    const { settings } = resolveSettings({
      'models.completion.provider': 'openai-compatible', 'models.completion.baseUrl': `${MISTRAL}/v1`,
      'models.completion.model': 'codestral-latest', 'models.completion.template': 'suffix-field',
    });
    // Mistral's host, answered locally.
    const h = new ModelHub({ fetch: (url, init) => fetch(url.replace(MISTRAL, local), init) });
    h.configure(resolveModelConfig(settings, (id) => (id === 'banyan.apiKey.completion' ? 'mistral-key-0123456789' : undefined)), { strictSSL: true, noProxy: [], ca: [] });
    return h;
  }

  it('recognises Mistral hosts only', () => {
    assert.equal(isMistral('https://codestral.mistral.ai'), true);
    assert.equal(isMistral('https://api.mistral.ai'), true);
    assert.equal(isMistral('https://mistral.ai.evil.example'), false);
    assert.equal(isMistral('http://127.0.0.1:8000'), false);
  });

  it('sends prompt + suffix to /v1/fim/completions with the key and streams the answer', async () => {
    const r = await collect(hub().complete({ prefix: 'def add(a, b):\n    return ', suffix: '\n' }));
    assert.equal(r.text, 'a + b');
    const req = seen.at(-1)!;
    assert.equal(req.path, '/v1/fim/completions');
    assert.equal(req.auth, 'Bearer mistral-key-0123456789');
    assert.deepEqual([req.body.model, req.body.prompt, req.body.suffix, req.body.stream], ['codestral-latest', 'def add(a, b):\n    return ', '\n', true]);
  });

  it('a stream without [DONE] or finish_reason is an error', async () => {
    truncate = true;
    try {
      const err = await failure(hub().complete({ prefix: 'x', suffix: '' }));
      assert.match(err.message, /ended before the model finished/);
    } finally {
      truncate = false;
    }
  });
});
