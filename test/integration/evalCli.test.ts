/**
 * `banyan eval` end to end: the built CLI, a real index, the real model layer over HTTP against the
 * fake model server. An empty model scores 0 %; an oracle (rules that answer each case's hidden span
 * when the prompt ends where the case's cursor is) scores 100 %; --compare shows both; a model that is
 * down fails with the usual one-line error and its fix.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedBaseUrl, FakeModelServer } from '../fixtures/fakeModelServer';
import { FILES } from '../unit/core/eval/evalFixture';
import { CLI_JS } from './helpers/lspSession';

interface Row { type: string; config?: string; rel: string; line: number; character: number; expected: string; exactMatch: boolean; caseId: string }
interface Summary { type: 'summary'; summary: { overall: { n: number; exactMatch: number; syntaxMatch: number } }; compare?: { metrics: { metric: string; a: number; b: number }[] } }

describe('banyan eval (CLI, fake model server)', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-eval-cli-'));
  const ws = path.join(tmp, 'ws');
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base'] });
  const run = (...extra: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_JS, 'eval', '--workspace', ws, '--n', '9', '--seed', '3', '--provider', 'ollama', '--model', 'qwen2.5-coder:1.5b-base', ...extra], {
        env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), BANYAN_API_KEY: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Row | Summary);

  before(async () => {
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
      writeFileSync(path.join(ws, rel), text);
    }
    await fake.start();
  });
  after(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  let cases: Row[] = [];
  it('an empty model scores 0 %: one JSON line per case, then the summary', async () => {
    fake.configure({ defaultReply: { text: '' } });
    const r = await run('--base-url', fake.baseUrl, '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    cases = out.filter((x): x is Row => x.type === 'case');
    const summary = out.at(-1) as Summary;
    assert.equal(summary.type, 'summary');
    assert.ok(cases.length >= 6, `${cases.length} cases`);
    assert.equal(summary.summary.overall.n, cases.length);
    assert.equal(summary.summary.overall.exactMatch, 0);
    assert.match(r.stderr, /eval \[#+\] \d+\/\d+ 100%/, 'the progress bar reached the end');
  });

  it('an oracle answering each hidden span scores 100 % through the real prompt and HTTP stream', async () => {
    for (const c of cases) {
      const text = readFileSync(path.join(ws, c.rel), 'utf8');
      const offset = text.split('\n').slice(0, c.line).reduce((n, l) => n + l.length + 1, 0) + c.character;
      const tail = text.slice(Math.max(0, offset - 60), offset).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      fake.addRule({ route: '/api/generate', prompt: new RegExp(`${tail}<\\|fim_suffix\\|>`), reply: { text: c.expected } });
    }
    const r = await run('--base-url', fake.baseUrl, '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.deepEqual(out.filter((x): x is Row => x.type === 'case').map((x) => x.caseId), cases.map((c) => c.caseId), 'the same seed, the same cases');
    const summary = out.at(-1) as Summary;
    assert.equal(summary.summary.overall.exactMatch, 1, r.stdout);
    assert.equal(summary.summary.overall.syntaxMatch, 1);
  });

  it('--compare runs the second configuration on the same cases and prints both tables and a sign test', async () => {
    const settings = path.join(tmp, 'no-context.json');
    writeFileSync(settings, '{\n  // context off\n  "banyan.completion.contextTokens": 0\n}\n');
    const r = await run('--base-url', fake.baseUrl, '--compare', settings);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^model qwen2\.5-coder:1\.5b-base · \d+ of 9 cases/);
    assert.match(r.stdout, /compare: no-context\.json/);
    assert.match(r.stdout, /p \(sign test\)/);
    assert.match(r.stdout, /all\s+all\s+\d+\s+100\.0%/);
  });

  it('a model that is down fails at once with the usual one-line error and its fix', async () => {
    const r = await run('--base-url', await closedBaseUrl());
    assert.equal(r.status, 1);
    const last = r.stderr.trim().split('\n').at(-1)!;
    assert.match(last, /^banyan: .*(refused|listen|reach)/i);
    assert.equal(r.stdout, '');
  });

  it('bad arguments are usage errors', async () => {
    assert.equal((await run('--task', 'lines')).status, 2);
    assert.equal((await run('--n', '0')).status, 2);
    const empty = path.join(tmp, 'empty.json');
    writeFileSync(empty, '{}');
    const r = await run('--compare', empty);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /sets no banyan\.\* setting/);
  });
});
