import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { FakeModelServer, FakeModelServerRemote, type ScriptFile } from '../../fixtures/fakeModelServer';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(REPO_ROOT, 'test/fixtures/fakeModelServer/main.ts');

function runMain(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the URL from the "listening on" line. */
async function listeningUrl(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  for await (const chunk of child.stdout!) {
    out += (chunk as Buffer).toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) return m[1]!;
  }
  throw new Error(`main.ts exited without listening: ${err}`);
}

describe('fake model server: control endpoint', () => {
  const server = new FakeModelServer();
  let remote: FakeModelServerRemote;
  before(async () => {
    await server.start();
    remote = new FakeModelServerRemote(server.baseUrl);
  });
  after(() => server.close());

  it('scripts rules, injects a fault, reads the log and resets, over HTTP', async () => {
    await remote.script({ models: ['remote-model'], rules: [{ route: '/v1/completions', promptRegex: 'HELLO', regexFlags: 'i', reply: { text: 'scripted remotely' } }] });
    await remote.addRules([{ prompt: 'appended', reply: { text: 'appended rule' } }]);
    await remote.failNext({ kind: 'serverError', status: 503 }, '/v1/chat/completions');
    const client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'k', maxRetries: 0 });

    assert.equal((await client.completions.create({ model: 'm', prompt: 'say hello' })).choices[0]!.text, 'scripted remotely');
    assert.equal((await client.completions.create({ model: 'm', prompt: 'appended' })).choices[0]!.text, 'appended rule');
    await assert.rejects(client.chat.completions.create({ model: 'm', messages: [] }), (e: unknown) => e instanceof OpenAI.APIError && e.status === 503);
    assert.deepEqual(
      (await client.models.list()).data.map((m) => m.id),
      ['remote-model'],
    );

    const logged = await remote.requests({ path: '/v1/completions' });
    assert.equal(logged.length, 2);
    assert.equal(logged[0]!.headers.authorization, 'Bearer k');
    assert.ok((await remote.requests()).every((r) => !r.path.startsWith('/__fake/')), 'control calls are not logged');
    const waited = await remote.waitForRequest((r) => r.status === 503);
    assert.equal(waited.path, '/v1/chat/completions');

    await remote.reset();
    assert.deepEqual(await remote.requests(), []);
    assert.equal((await client.completions.create({ model: 'm', prompt: 'say hello' })).choices[0]!.text, 'fake model reply');
  });

  it('rejects a bad script with a message that says what is wrong', async () => {
    await assert.rejects(remote.script({ rules: [{ route: '/v2/nothing' as never }] }), /400: script\.rules\[0\]: unknown route "\/v2\/nothing"/);
    await assert.rejects(remote.failNext({ kind: 'explode' } as never), /unknown fault kind "explode"/);
  });
});

describe('fake model server: standalone main.ts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-model-'));

  it('starts on the given port with a script file, answers, and stops on SIGTERM', async () => {
    const script: ScriptFile = {
      models: ['from-script'],
      rules: [{ route: '/v1/chat/completions', promptRegex: 'ping\\b', reply: { text: 'pong' } }],
    };
    const file = path.join(dir, 'script.json');
    writeFileSync(file, JSON.stringify(script));
    const child = runMain(['--port', '0', '--latency-ms', '0', '--script', file]);
    try {
      const baseUrl = await listeningUrl(child);
      assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: 'k', maxRetries: 0 });
      assert.deepEqual(
        (await client.models.list()).data.map((m) => m.id),
        ['from-script'],
      );
      let text = '';
      for await (const c of await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }], stream: true })) {
        text += c.choices[0]?.delta.content ?? '';
      }
      assert.equal(text, 'pong');

      // reset returns to the script, not to an empty server
      const remote = new FakeModelServerRemote(baseUrl);
      await remote.reset();
      const again = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
      assert.equal(again.choices[0]!.message.content, 'pong');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('exits 1 with a one-line reason on a bad option', async () => {
    const child = runMain(['--port', 'abc']);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(err, /--port must be a non-negative integer/);
  });
});
