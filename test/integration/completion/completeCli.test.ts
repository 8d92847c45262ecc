/**
 * `banyan complete --json` runs the whole pipeline from the command line: the persisted index gives
 * the other file's definition to the prompt, the answer is post-processed, and the JSON has the
 * suggestion, the context it used and the time per stage. A model that is down: exit 1 with the fix.
 * The test sets the context's time box itself (an hour: the context is waited for, however busy the
 * machine; the default 10 s was once exceeded at load 32-39 and the prompt went without the definition).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedBaseUrl, FakeModelServer } from '../../fixtures/fakeModelServer';
import { CLI_JS } from '../helpers/lspSession';

describe('banyan complete (whole pipeline)', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-complete-cli-'));
  const ws = path.join(tmp, 'ws');
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base'] });
  // Asynchronous: the fake model server answers from this process's event loop.
  const run = (...extra: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_JS, 'complete', '--workspace', ws, '--file', 'src/main.ts', '--line', '3', '--character', '23', '--provider', 'ollama', '--model', 'qwen2.5-coder:1.5b-base', '--json', ...extra], {
        env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), BANYAN_API_KEY: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  before(async () => {
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    writeFileSync(path.join(ws, 'src', 'userService.ts'), 'export class UserService {\n  findUserById(id: string): User | undefined {\n    return undefined;\n  }\n}\nexport interface User { id: string }\n');
    writeFileSync(path.join(ws, 'src', 'main.ts'), "import { UserService } from './userService';\n\nexport function greet(service: UserService, id: string) {\n  const user = service.\n}\n");
    await fake.start();
  });
  after(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the suggestion, the repository context it used and the stage timings', async () => {
    fake.addRule({ route: '/api/generate', prompt: /findUserById\(id: string\): User \| undefined/, reply: { text: 'findUserById(id);\n  return user;' } });
    const r = await run('--base-url', fake.baseUrl, '--context-time-box', '3600000');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { completion: string; multiline: boolean; context: { file: string; source: string }[]; timings: Record<string, number> };
    assert.equal(out.completion, 'findUserById(id);');
    assert.equal(out.multiline, false);
    assert.ok(out.context.some((s) => s.file === 'src/userService.ts' && s.source === 'definition'), JSON.stringify(out.context));
    for (const stage of ['index', 'context', 'prompt', 'model', 'postprocess', 'total']) assert.equal(typeof out.timings[stage], 'number', stage);
    assert.equal(out.timings.debounce, 0);
  });

  it('a time box that is not a positive number of milliseconds: exit 2 and why', async () => {
    for (const bad of ['0', 'soon', '3600001']) {
      const r = await run('--base-url', fake.baseUrl, '--context-time-box', bad);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, new RegExp(`--context-time-box must be an integer from 1 to 3600000 \\(milliseconds\\), got "${bad}"`), bad);
    }
  });

  it('a model that is down: exit 1 and the fix on stderr', async () => {
    const r = await run('--base-url', await closedBaseUrl());
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^banyan: .*connection refused.*ollama serve/m);
  });
});
