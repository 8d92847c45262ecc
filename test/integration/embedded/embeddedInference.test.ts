/**
 * Real inference through the built-in model path: ModelHub → provider `embedded` → supervised model
 * host process → node-llama-cpp → llama.cpp, on the tiny GGUF generated at test time. Greedy outputs
 * equal golden strings (golden.toml); FIM uses the GGUF's FIM tokens, or the family template / chat
 * template when it has none; streaming, cancellation, completion beside chat, the KV cache kept
 * across keystrokes, embeddings, and clear errors for broken and missing files.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { ModelError } from '@src/core/llm/errors';
import type { StreamEvent } from '@src/core/llm/types';
import { tinyGgufBytes, tinyGgufPath } from '../../fixtures/tinyGguf/writeTinyGguf';
import { until } from '../helpers/until';
import { embeddedHarness } from './embeddedHarness';

interface Golden {
  fim: { prefix: string; suffix: string; max_tokens: number; expected: { tokens: string; template: string; chat: string } };
  chat: { system: string; user: string; max_tokens: number; expected: string };
}
const golden = parse(readFileSync(path.join(__dirname, 'golden.toml'), 'utf8')) as unknown as Golden;
const fimRequest = { prefix: golden.fim.prefix, suffix: golden.fim.suffix, maxTokens: golden.fim.max_tokens, temperature: 0 };
const chatRequest = { role: 'chat' as const, messages: [{ role: 'system' as const, content: golden.chat.system }, { role: 'user' as const, content: golden.chat.user }], maxTokens: golden.chat.max_tokens };

async function collect(gen: AsyncGenerator<StreamEvent>): Promise<{ text: string; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  for await (const ev of gen) events.push(ev);
  return { text: events.map((e) => (e.type === 'text' ? e.text : '')).join(''), events };
}

async function rejection(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ModelError, String(err));
    return err;
  }
  assert.fail('expected a ModelError');
}

describe('built-in model: real inference on the tiny GGUF', () => {
  const h = embeddedHarness();
  const tiny = tinyGgufPath();
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-embedded-'));

  before(() => h.use(tiny));
  after(() => h.dispose());

  it('fills in the middle through the GGUF\'s FIM tokens: the golden greedy text, streamed in order, one done last', async () => {
    const { text, events } = await collect(h.hub.complete(fimRequest));
    assert.equal(text, golden.fim.expected.tokens);
    const texts = events.filter((e) => e.type === 'text');
    assert.ok(texts.length > 1, `streamed in ${texts.length} chunk(s)`);
    assert.equal(events.filter((e) => e.type === 'done').length, 1);
    const done = events.at(-1)!;
    assert.equal(done.type, 'done');
    if (done.type === 'done') {
      assert.equal(done.finishReason, 'length');
      assert.equal(done.usage.completionTokens, golden.fim.max_tokens);
      assert.equal(done.usage.reported, true);
      assert.equal(done.endpoint, 'embedded');
    }
  });

  it('answers chat through the model\'s chat template: the golden greedy text', async () => {
    const { text } = await collect(h.hub.chat(chatRequest));
    assert.equal(text, golden.chat.expected);
  });

  it('keeps the completion prompt\'s KV cache across keystrokes: the next prompt reuses what it shares', async () => {
    await collect(h.hub.complete({ ...fimRequest, prefix: 'const total = items.reduce((sum, item) => sum + item.price, 0);\nconst tax = total * ', maxTokens: 4 }));
    const { events } = await collect(h.hub.complete({ ...fimRequest, prefix: 'const total = items.reduce((sum, item) => sum + item.price, 0);\nconst tax = total * 0', maxTokens: 4 }));
    const done = events.at(-1)!;
    assert.ok(done.type === 'done' && done.usage.cachedTokens >= 20, JSON.stringify(done));
  });

  it('cancelling frees the sequence at once: a generation that would never end stops, and the next completion runs', async () => {
    const ref = h.host.resolveModel(tiny, 'completion');
    const controller = new AbortController();
    let chunks = 0;
    // No token limit a completion could reach: only the cancel ends it (the context shifts as it fills).
    const endless = (async () => {
      for await (const ev of h.host.call({ op: 'fim', model: ref, infill: { prefix: 'let x = ', suffix: ';' }, stop: [], maxTokens: 1_000_000, temperature: 0 }, controller.signal)) {
        if (ev.type === 'text' && ++chunks === 3) controller.abort(new ModelError('aborted', 'the request was cancelled'));
      }
    })();
    const err = await rejection(endless);
    assert.equal(err.kind, 'aborted');
    const { text } = await collect(h.hub.complete(fimRequest));
    assert.equal(text, golden.fim.expected.tokens);
  });

  it('serves chat while a completion is generating (separate sequences)', async () => {
    const ref = h.host.resolveModel(tiny, 'completion');
    const controller = new AbortController();
    let completionChunks = 0;
    const endless = (async () => {
      for await (const ev of h.host.call({ op: 'fim', model: ref, infill: { prefix: 'let y = ', suffix: ';' }, stop: [], maxTokens: 1_000_000, temperature: 0 }, controller.signal)) {
        if (ev.type === 'text') completionChunks++;
      }
    })();
    await until('the completion to stream', async () => (completionChunks > 0 ? true : undefined), 600_000);
    // The completion cannot end by itself, so this answer can only come from the other sequence.
    const { text, events } = await collect(h.hub.chat(chatRequest));
    assert.ok(text.length > 0);
    assert.equal(events.at(-1)!.type, 'done');
    const before = completionChunks;
    await until('the completion to keep streaming', async () => (completionChunks > before ? true : undefined), 600_000);
    controller.abort(new ModelError('aborted', 'the request was cancelled'));
    assert.equal((await rejection(endless)).kind, 'aborted');
  });

  it('a caller that stops reading early (stop sequence) leaves the sequence usable', async () => {
    const stopAt = golden.fim.expected.tokens.slice(6, 9);
    const { text } = await collect(h.hub.complete({ ...fimRequest, stop: [stopAt] }));
    assert.equal(text, golden.fim.expected.tokens.slice(0, golden.fim.expected.tokens.indexOf(stopAt)));
    assert.equal((await collect(h.hub.complete(fimRequest))).text, golden.fim.expected.tokens);
  });

  it('a GGUF without FIM tokens uses its family\'s template (named like StarCoder) or, for an unknown family, its chat template', async () => {
    const starcoder = tinyGgufPath({ fim: false, name: 'starcoder-tiny' });
    const modes: string[] = [];
    for await (const ev of h.host.call({ op: 'fim', model: h.host.resolveModel(starcoder, 'completion'), infill: { prefix: 'a', suffix: 'b' }, template: { prompt: '<fim_prefix>a<fim_suffix>b<fim_middle>', stop: [] }, stop: [], maxTokens: 2, temperature: 0 }, new AbortController().signal)) {
      if (ev.type === 'prompt') modes.push(ev.fimMode);
    }
    assert.deepEqual(modes, ['template']);
    h.use(starcoder);
    assert.equal((await collect(h.hub.complete(fimRequest))).text, golden.fim.expected.template);
    h.use(tinyGgufPath({ fim: false }));
    assert.equal((await collect(h.hub.complete(fimRequest))).text, golden.fim.expected.chat);
    h.use(tiny);
  });

  it('computes embeddings: one vector per input, the model\'s width, the same for the same text', async () => {
    const { vectors, usage } = await h.hub.embed(['hello world', 'function add', 'hello world']);
    assert.equal(vectors.length, 3);
    assert.equal(vectors[0]!.length, 64);
    assert.deepEqual(vectors[0], vectors[2]);
    assert.notDeepEqual(vectors[0], vectors[1]);
    assert.ok(usage.promptTokens > 0);
  });

  it('a chat with tools still answers (the tools reach the model as functions it may call)', async () => {
    const { events } = await collect(h.hub.chat({ ...chatRequest, role: 'agent', tools: [{ name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }] }));
    const done = events.at(-1)!;
    assert.equal(done.type, 'done');
  });

  it('a JSON answer is held to llama.cpp\'s JSON grammar', async () => {
    const { text } = await collect(h.hub.chat({ ...chatRequest, json: true }));
    assert.match(text, /^\s*[{[]/, text);
  });

  it('a truncated or corrupt GGUF: a clear error naming the file, and the host keeps serving', async () => {
    const truncated = path.join(tmp, 'truncated.gguf');
    writeFileSync(truncated, tinyGgufBytes().subarray(0, 200_000));
    const corrupt = path.join(tmp, 'corrupt.gguf');
    writeFileSync(corrupt, Buffer.from('GGUF this is not a model at all '.repeat(100)));
    for (const file of [truncated, corrupt]) {
      h.use(file);
      const err = await rejection(collect(h.hub.complete(fimRequest)));
      assert.ok(err.message.includes(file), err.message);
      assert.match(err.describe(), /could not be loaded.*download it again/s);
    }
    h.use(tiny);
    assert.equal((await collect(h.hub.complete(fimRequest))).text, golden.fim.expected.tokens);
  });

  it('a model that is not there: which file or id, and how to get it', async () => {
    h.use(path.join(tmp, 'absent.gguf'));
    const missing = await rejection(collect(h.hub.complete(fimRequest)));
    assert.equal(missing.kind, 'modelNotFound');
    assert.ok(missing.message.includes(path.join(tmp, 'absent.gguf')));
    h.use('qwen2.5-coder-1.5b-base-q8_0');
    const notDownloaded = await rejection(collect(h.hub.complete(fimRequest)));
    assert.match(notDownloaded.describe(), /Qwen2\.5-Coder 1\.5B \(completion\) is not downloaded yet.*banyan models pull qwen2\.5-coder-1\.5b-base-q8_0/);
    h.use(tiny);
  });

  it('unloads a model after the idle time and loads it again on the next request', async () => {
    h.host.configure({ threads: 1, contextSize: 2048, gpu: 'off', idleUnloadMs: 300 });
    await collect(h.hub.complete({ ...fimRequest, maxTokens: 2 }));
    const label = path.basename(tiny);
    const loads = () => h.logs.filter((l) => l.includes(`host: loaded ${label} (`)).length;
    await until('the idle unload', async () => (h.logs.some((l) => l.includes(`unloaded ${label} after`)) ? true : undefined), 600_000);
    const loadsBefore = loads();
    assert.equal((await collect(h.hub.complete(fimRequest))).text, golden.fim.expected.tokens);
    assert.equal(loads(), loadsBefore + 1);
    h.host.configure({ threads: 1, contextSize: 2048, gpu: 'off', idleUnloadMs: 0 });
  });
});
