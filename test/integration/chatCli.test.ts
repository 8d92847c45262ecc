/** `banyan chat --workspace DIR` from the built CLI against the fake model: the same retrieval as the panel, references printed. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { CLI_JS, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'chat', 'repo');

describe('banyan chat with workspace retrieval', () => {
  const fake = new FakeModelServer({ models: ['chat-model'] });
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-chat-cli-'));
  const ws = path.join(tmp, 'ws');
  const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI_JS, ...args], { env: { ...process.env, BANYAN_API_KEY: '', XDG_CACHE_HOME: path.join(tmp, 'cache') } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  before(async () => {
    await fake.start();
    cpSync(FIXTURE, ws, { recursive: true });
    mkdirSync(path.join(ws, '.vscode'));
    writeFileSync(
      path.join(ws, '.vscode', 'settings.json'),
      JSON.stringify({ 'banyan.models.chat.provider': 'openai-compatible', 'banyan.models.chat.baseUrl': fake.openaiBaseUrl, 'banyan.models.chat.model': 'chat-model', 'banyan.models.embeddings.model': '' }),
    );
  });
  afterEach(() => fake.reset());
  after(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('--json: the answer (which needed the retrieved definition), its references and the steps', async () => {
    fake.addRule({ route: '/v1/chat/completions', prompt: /export function computeInvoiceTotal\(items/, reply: { text: 'Tax is net * taxRate, see src/billing/invoiceTotals.ts:6.' } });
    const r = await cli(['chat', '--workspace', ws, '--json', 'How does computeInvoiceTotal handle tax?']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { answer: string; references: { path: string; startLine: number; endLine: number }[]; steps: { title: string; resultCount?: number }[] };
    assert.equal(out.answer, 'Tax is net * taxRate, see src/billing/invoiceTotals.ts:6.');
    assert.deepEqual(out.references.map((x) => x.path), ['src/billing/invoiceTotals.ts']);
    assert.ok(out.references[0]!.startLine <= 6 && out.references[0]!.endLine >= 6);
    assert.equal(out.steps[0]!.title, 'Searched `computeInvoiceTotal`');
  });

  it('text: the streamed answer, then the references', async () => {
    fake.addRule({ route: '/v1/chat/completions', prompt: /type LruCache struct/, reply: { text: 'Put evicts the oldest entry.' } });
    const r = await cli(['chat', '--workspace', ws, 'Where does LruCache evict entries?']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Put evicts the oldest entry\.\n\nReferences:\n {2}store\/cache\.go:\d+-\d+ {2}LruCache/);
  });
});
