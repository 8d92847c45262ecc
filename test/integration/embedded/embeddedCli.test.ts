/**
 * The built CLI with the built-in model: `banyan complete` prints a suggestion made by llama.cpp from
 * the tiny GGUF, `chat` and `rewrite` get their answers from it, `banyan models test` passes against
 * it, and `models pull|list --local|rm` manage the models folder, downloading from a local model
 * hub named by the workspace's catalogue file.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelHub } from '../../fixtures/modelHub/modelHub';
import { tinyGgufBytes, tinyGgufPath } from '../../fixtures/tinyGguf/writeTinyGguf';
import { runCli } from '../helpers/runCli';

describe('banyan CLI with the built-in model', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-embedded-cli-'));
  const ws = path.join(tmp, 'ws');
  const modelsDir = path.join(tmp, 'models');
  const hub = new ModelHub();
  const tiny = tinyGgufPath();
  const bytes = tinyGgufBytes();

  const cli = (...args: string[]) => runCli(args, { BANYAN_MODELS_DIR: modelsDir, XDG_CACHE_HOME: path.join(tmp, 'cache') });

  before(async () => {
    await hub.start();
    hub.serve('/hub/tiny.gguf', bytes);
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    mkdirSync(path.join(ws, '.vscode'));
    writeFileSync(path.join(ws, 'src', 'calc.py'), 'def add(a, b):\n    return \n');
    const catalogue = path.join(tmp, 'catalogue.json');
    writeFileSync(catalogue, JSON.stringify([{ id: 'tiny-coder', name: 'Tiny Coder', file: 'tiny-coder.gguf', url: hub.url('/hub/tiny.gguf'), sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]));
    // One thread: a busy 2-core machine makes ggml's spinning threads very slow. 4096 tokens: the tiny
    // model's byte vocabulary makes every character a token, four times Banyan's estimate, and the chat's
    // system prompt alone is about 2,100 of them.
    writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'banyan.models.embedded.threads': 1, 'banyan.models.embedded.contextSize': 4096, 'banyan.models.embedded.catalogueFile': catalogue, 'banyan.models.completion.maxTokens': 16, 'banyan.models.chat.maxTokens': 12, 'banyan.models.chat.temperature': 0, 'banyan.models.edit.maxTokens': 24, 'banyan.models.edit.temperature': 0 }));
  });
  after(() => hub.close());

  it('complete --provider embedded --model PATH.gguf --json: a suggestion made by llama.cpp', async () => {
    const r = await cli('complete', '--workspace', ws, '--file', 'src/calc.py', '--line', '1', '--character', '11', '--provider', 'embedded', '--model', tiny, '--json', '--no-context');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { completion: string; timings: { model: number } };
    assert.ok(out.completion.length > 0, r.stdout);
    assert.ok(out.timings.model > 0);
  });

  it('models test --provider embedded --model PATH.gguf: FIM and chat answered by the built-in llama.cpp', async () => {
    const r = await cli('models', 'test', '--workspace', ws, '--provider', 'embedded', '--model', tiny);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ fill-in-the-middle: answered through the built-in llama\.cpp/);
    assert.match(r.stdout, /✔ chat: answered through the built-in llama\.cpp/);
  });

  it('chat --provider embedded --model PATH.gguf --json: the answer comes from llama.cpp, with the retrieval around it', async () => {
    const r = await cli('chat', '--workspace', ws, '--provider', 'embedded', '--model', tiny, '--json', 'What does add do?');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { answer: string; model: string; usage: { completionTokens: number }; references: { path: string }[] };
    assert.ok(out.answer.length > 0, r.stdout);
    assert.equal(out.model, tiny);
    assert.equal(out.usage.completionTokens, 12);
    assert.ok(out.references.some((ref) => ref.path === 'src/calc.py'), r.stdout);
  });

  it('rewrite --provider embedded --model PATH.gguf: the edit model\'s answer is llama.cpp\'s (the tiny model only ever fills its token limit, which the rewrite refuses by name)', async () => {
    const r = await cli('rewrite', '--workspace', ws, '--file', 'src/calc.py', '--range', '0:0-0:14', '--no-index', '--provider', 'embedded', '--model', tiny, 'rename add to plus');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /rewrite not applied \(truncated-answer\)/);
    assert.equal(readFileSync(path.join(ws, 'src', 'calc.py'), 'utf8'), 'def add(a, b):\n    return \n');
  });

  it('models pull ID downloads from the catalogue\'s URL and verifies it; list --local shows it; the id works as --model; rm removes it', async () => {
    const pulled = await cli('models', 'pull', 'tiny-coder', '--workspace', ws);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /tiny-coder: downloaded and verified at .*tiny-coder\.gguf/);
    assert.deepEqual(readFileSync(path.join(modelsDir, 'tiny-coder.gguf')), bytes);
    assert.match((await cli('models', 'pull', 'tiny-coder', '--workspace', ws)).stdout, /already downloaded/);

    const list = await cli('models', 'list', '--local', '--workspace', ws, '--json');
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual((JSON.parse(list.stdout) as { local: { id: string }[] }).local.map((m) => m.id), ['tiny-coder']);

    const byId = await cli('complete', '--workspace', ws, '--file', 'src/calc.py', '--line', '1', '--character', '11', '--provider', 'embedded', '--model', 'tiny-coder', '--json', '--no-context');
    assert.equal(byId.code, 0, byId.stderr);

    const rm = await cli('models', 'rm', 'tiny-coder', '--workspace', ws);
    assert.equal(rm.code, 0, rm.stderr);
    assert.equal(existsSync(path.join(modelsDir, 'tiny-coder.gguf')), false);
    const gone = await cli('complete', '--workspace', ws, '--file', 'src/calc.py', '--line', '1', '--character', '11', '--provider', 'embedded', '--model', 'tiny-coder', '--no-context');
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /Tiny Coder is not downloaded yet.*banyan models pull tiny-coder/);
  });

  it('pull of an unknown id lists the known ones', async () => {
    const r = await cli('models', 'pull', 'nope', '--workspace', ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"nope" is not in the catalogue; known ids: tiny-coder/);
  });
});
