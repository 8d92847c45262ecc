/**
 * `banyan agent` against the fake model: flags allow the edit and the test command, so a
 * non-interactive run fixes the fixture; a command nobody allowed is denied (no terminal to ask on)
 * and the model is told; a deny-listed command is refused even when allow-listed.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import type { ModelRequest, Reply } from '../fixtures/fakeModelServer/types';
import { CLI_JS, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'agent', 'repo');
type Msg = { role: string; content?: string | null };
const tools = (req: ModelRequest) => ((req.body['messages'] as Msg[]) ?? []).filter((m) => m.role === 'tool');
const last = (req: ModelRequest) => tools(req).at(-1)?.content ?? '';

describe('banyan agent (CLI)', () => {
  const fake = new FakeModelServer({ models: ['m'] });
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-agent-cli-'));
  const ws = path.join(tmp, 'ws');

  // stdin is a pipe, not a terminal: nothing can be asked.
  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_JS, 'agent', '--workspace', ws, '--base-url', fake.openaiBaseUrl, '--model', 'm', '--no-index', '--json', ...args], { env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache') } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end();
    });
  const script = (marker: RegExp, reply: (req: ModelRequest) => Reply) => fake.addRule({ route: '/v1/chat/completions', prompt: marker, reply });

  before(async () => {
    await fake.start();
  });
  beforeEach(() => {
    fake.reset();
    rmSync(ws, { recursive: true, force: true });
    cpSync(FIXTURE, ws, { recursive: true });
  });
  after(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('fixes the fixture when the flags allow the edit and the test command', async () => {
    script(/TASK: cli fix/, (req) => {
      const n = tools(req).length;
      if (n === 0) return { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' } }] };
      if (n === 1) return { toolCalls: [{ name: 'run_command', arguments: { command: 'node test/math.test.js' } }] };
      return { text: /all tests passed[\s\S]*\[exit code 0\]/.test(last(req)) ? 'Fixed; tests pass.' : `unexpected: ${last(req)}` };
    });
    const r = await cli('--yes-edits', '--allow-command', 'node test/math.test.js', 'TASK: cli fix');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { answer: string; status: string; changedFiles: string[] };
    assert.equal(out.answer, 'Fixed; tests pass.');
    assert.deepEqual(out.changedFiles, [path.join(ws, 'src', 'math.js')]);
    assert.match(readFileSync(path.join(ws, 'src', 'math.js'), 'utf8'), /a \+ b;/);
  });

  it('denies what nobody allowed (no terminal to ask on) and refuses deny-listed commands even when allow-listed', async () => {
    script(/TASK: cli deny/, (req) => {
      const n = tools(req).length;
      if (n === 0) return { toolCalls: [{ name: 'run_command', arguments: { command: 'touch made.txt' } }] };
      if (n === 1) return { toolCalls: [{ name: 'run_command', arguments: { command: 'sudo rm -rf / --no-preserve-root' } }] };
      return { text: tools(req).map((t) => (t.content ?? '').split('\n')[0]).join(' || ') };
    });
    const r = await cli('--allow-command', 'sudo rm', 'TASK: cli deny');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { answer: string };
    assert.match(out.answer, /^The user denied this, so it was not done\. Their feedback: The user was not asked \(non-interactive run\)/);
    assert.match(out.answer, /\|\| Refused: Banyan never runs rm --no-preserve-root \(built-in deny list\)/);
    assert.equal(existsSync(path.join(ws, 'made.txt')), false);
    assert.match(r.stderr, /not approved \(no terminal to ask on\): Run `touch made\.txt`/);
  });
});
