/**
 * Path: the CLI, as a new user would try it (the "Done when" of issue 16). Against a server streaming
 * each chat-capable shape — with and without finish_reason, "" / null finish_reason, keep-alives,
 * `data:` without space, CRLF, no [DONE], the usage-only last chunk, <think> tags, reasoning_content —
 * `banyan rewrite --write` writes exactly the fixed file and `banyan chat --no-index` prints exactly
 * the answer and exits 0; a truncated or failing shape exits 1 with its named error and leaves the
 * file as it was. `banyan models test` says which quirk it tolerated.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { endpointFor } from '../../fixtures/serverShapes/shapeEndpoints';
import { CLI_JS } from '../helpers/lspSession';
import { assertNoThinking, CALC, chatShapes, reasoningFor, SAMPLE, shapeServer } from './harness';

const server = shapeServer();
const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-conformance-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: tmp, env: { ...process.env, BANYAN_API_KEY: '', XDG_CACHE_HOME: path.join(tmp, 'cache') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const modelFlags = (shapeName: string) => {
  const shape = chatShapes().find((s) => s.name === shapeName)!;
  const ep = endpointFor(shape);
  return ['--provider', ep.provider, '--base-url', server.baseUrl, '--model', ep.model];
};

describe('CLI: every chat-capable shape', () => {
  for (const shape of chatShapes()) {
    it(`${shape.name}: rewrite --write ${shape.expect.complete ? 'writes the fix' : 'leaves the file, exit 1'}; chat --no-index ${shape.expect.complete ? 'prints the answer, exit 0' : 'exit 1 with the error'}`, async () => {
      const file = path.join(tmp, `${shape.name}.py`);
      writeFileSync(file, CALC.before);
      server.addRule({ route: shape.route, prompt: 'fix the sign', reply: { text: `\`\`\`python\n${CALC.after}\`\`\`\n`, ...reasoningFor(shape), shape: shape.name } });
      server.addRule({ route: shape.route, reply: { text: SAMPLE.text, ...reasoningFor(shape), shape: shape.name } });
      const [rewrite, chat] = await Promise.all([
        cli(['rewrite', '--workspace', tmp, '--file', file, '--range', '0:0-1:16', '--write', '--no-index', ...modelFlags(shape.name), 'fix the sign']),
        cli(['chat', '--no-index', ...modelFlags(shape.name), 'add two numbers']),
      ]);
      if (!shape.expect.complete) {
        assert.equal(rewrite.code, 1, rewrite.stderr);
        assert.equal(readFileSync(file, 'utf8'), CALC.before, `${shape.name}: the file is untouched`);
        assert.ok(rewrite.stderr.includes(shape.expect.error ?? ''), `${shape.name}: ${rewrite.stderr}`);
        assert.equal(chat.code, 1, chat.stderr);
        assert.ok(chat.stderr.includes(shape.expect.error ?? ''), `${shape.name}: ${chat.stderr}`);
        return;
      }
      assert.equal(rewrite.code, 0, `${shape.name}: ${rewrite.stderr}`);
      assert.equal(readFileSync(file, 'utf8'), CALC.after);
      assert.equal(chat.code, 0, `${shape.name}: ${chat.stderr}`);
      assert.equal(chat.stdout, `${SAMPLE.text}\n`);
      assertNoThinking(shape, 'printed answer', chat.stdout);
    });
  }

  it('models test names the quirk it tolerated instead of failing', async () => {
    server.addRule({ route: '/v1/chat/completions', reply: { text: 'OK', shape: 'finish-reason-absent' } });
    const r = await cli(['models', 'test', '--role', 'chat', ...modelFlags('finish-reason-absent')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ server quirk: no finish_reason before \[DONE\]: tolerated/);
  });

  it('chat --verbose says how long the model thought, never what; --json has the reasoning apart', async () => {
    server.addRule({ route: '/v1/chat/completions', reply: { text: SAMPLE.text, thinking: SAMPLE.thinking, shape: 'deepseek-reasoner' } });
    const verbose = await cli(['chat', '--no-index', '--verbose', ...modelFlags('deepseek-reasoner'), 'add two numbers']);
    assert.equal(verbose.stdout, `${SAMPLE.text}\n`);
    assert.match(verbose.stderr, /thought for \d+\.\d s before answering/);
    assert.ok(!verbose.stderr.includes(SAMPLE.thinking));
    const json = await cli(['chat', '--no-index', '--json', ...modelFlags('deepseek-reasoner'), 'add two numbers']);
    const out = JSON.parse(json.stdout) as { answer: string; thinking: { text: string } };
    assert.equal(out.answer, SAMPLE.text);
    assert.equal(out.thinking.text, SAMPLE.thinking);
  });
});
