/** `banyan complete`, `banyan chat`, `banyan models test|list` from the built CLI against the fake model server. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { CLI_JS } from './helpers/lspSession';

const KEY = 'sk-cli-KEY-0123456789abcdef';

function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { env: { ...process.env, BANYAN_API_KEY: '', ...env }, ...(cwd ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('banyan CLI model commands', () => {
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base', 'gpt-4o-mini'] });
  const ws = mkdtempSync(path.join(tmpdir(), 'banyan-cli-models-'));
  before(async () => {
    await fake.start();
    writeFileSync(path.join(ws, 'calc.py'), 'def add(a, b):\n    return \n');
  });
  after(() => fake.close());
  afterEach(() => fake.reset());

  it('models test --base-url --model: report on stdout, exit 0, key from BANYAN_API_KEY sent and never printed', async () => {
    const r = await cli(['models', 'test', '--base-url', fake.openaiBaseUrl, '--model', 'qwen2.5-coder:1.5b-base', '--verbose'], { BANYAN_API_KEY: KEY });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /✔ completion: qwen2\.5-coder:1\.5b-base/);
    assert.match(r.stdout, /✔ fill-in-the-middle/);
    assert.equal(fake.requests({ path: '/v1/completions' })[0]!.headers.authorization, `Bearer ${KEY}`);
    assert.ok(!(r.stdout + r.stderr).includes('0123456789abcdef'));
  });

  it('models test exits 1 with the fix when the model is missing', async () => {
    const r = await cli(['models', 'test', '--base-url', fake.openaiBaseUrl, '--model', 'nope', '--role', 'chat']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✖ model present.*\n.*Fix: Set banyan\.models\.chat\.model/);
  });

  it('complete: FIM at --file/--line/--character, completion on stdout', async () => {
    fake.replyTo('def add(a, b):', 'a + b', { route: '/v1/completions' });
    // The whole completion pipeline runs (index in a throwaway cache; Qwen's repo-level format).
    const r = await cli(['complete', '--workspace', ws, '--file', 'calc.py', '--line', '1', '--character', '11', '--base-url', fake.openaiBaseUrl, '--model', 'qwen2.5-coder:1.5b-base'], { XDG_CACHE_HOME: path.join(ws, '.cache') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'a + b\n');
    assert.match((fake.requests()[0]!.body as { prompt: string }).prompt, /<\|file_sep\|>calc\.py\n<\|fim_prefix\|>def add/);
  });

  it('chat: the configured endpoint from .vscode/settings.json (with comments), answer streamed', async () => {
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), `{\n  // the team's server\n  "banyan.models.chat.provider": "openai-compatible",\n  "banyan.models.chat.baseUrl": "${fake.openaiBaseUrl}",\n  "banyan.models.chat.model": "gpt-4o-mini",\n}\n`);
    fake.replyTo('what is 2+2', 'four');
    const r = await cli(['chat', 'what is 2+2', '--workspace', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'four\n');
    assert.equal((fake.requests()[0]!.body as { model: string }).model, 'gpt-4o-mini');
  });

  it('failures: one line on stderr with the fix, non-zero exit', async () => {
    fake.failNext({ kind: 'unauthorized' });
    const r = await cli(['chat', 'hi', '--base-url', fake.openaiBaseUrl, '--model', 'gpt-4o-mini'], { BANYAN_API_KEY: KEY });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^banyan: .*rejected the API key.*Configure Model.*BANYAN_API_KEY/m);
    assert.ok(!r.stderr.includes('0123456789abcdef'));
  });

  it('models list prints the endpoint\'s models', async () => {
    const r = await cli(['models', 'list', '--base-url', fake.openaiBaseUrl, '--provider', 'openai-compatible']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['qwen2.5-coder:1.5b-base', 'gpt-4o-mini']);
  });
});
