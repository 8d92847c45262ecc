/**
 * http.proxy is really used: requests to a host only the proxy can resolve go through a CONNECT
 * proxy to the fake model server; the same host in http.noProxy goes direct and fails to resolve.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { resolveSettings } from '@src/core/config/settings';
import { resolveModelConfig } from '@src/core/llm/config/roleConfig';
import { ModelHub } from '@src/core/llm/modelClient';
import { networkSettings } from '@src/core/llm/network/proxy';
import { FakeModelServer } from '../../../../fixtures/fakeModelServer';
import { collect, failure } from '../helpers/hub';

describe('proxy routing', () => {
  const fake = new FakeModelServer({ models: ['m'] });
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  let proxy: Server;
  let proxyUrl = '';

  before(async () => {
    await fake.start();
    proxy = createServer();
    // A CONNECT proxy that knows "models.internal.test" is the fake server.
    proxy.on('connect', (req, client: Socket) => {
      tunnels.push(req.url ?? '');
      const port = Number((req.url ?? '').split(':')[1]);
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => proxy.close(() => r()));
    await fake.close();
  });

  function hub(noProxy: string[]): ModelHub {
    const { settings } = resolveSettings({ 'models.chat.provider': 'openai-compatible', 'models.chat.baseUrl': `http://models.internal.test:${fake.port}`, 'models.chat.model': 'm', 'models.chat.maxRetries': 0 });
    const h = new ModelHub();
    h.configure(resolveModelConfig(settings, () => undefined), networkSettings({ httpProxy: proxyUrl, httpNoProxy: noProxy }, [], {}));
    return h;
  }

  it('goes through http.proxy', async () => {
    const h = hub([]);
    const r = await collect(h.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(r.text, 'fake model reply');
    assert.deepEqual(tunnels, [`models.internal.test:${fake.port}`]);
    await h.dispose();
  });

  it('bypasses it for http.noProxy hosts', async () => {
    const h = hub(['internal.test']);
    const err = await failure(h.chat({ role: 'chat', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /cannot be resolved/);
    assert.equal(tunnels.length, 1, 'no new tunnel');
    await h.dispose();
  });
});
