/**
 * `npm run bench:models`: what the model layer adds per request on top of a raw HTTP call.
 * Against the fake model server at 0 ms latency (in this process, real loopback sockets), each
 * iteration sends the same streamed request twice, interleaved: once with a raw undici fetch that
 * reads the SSE/NDJSON body to the end, once through ModelHub (settings → template → token counting
 * → breaker → limiter → deadlines → provider → stop scanning → usage → metrics). Overhead =
 * layer − raw per pair. Several runs; prints one JSON object on stdout.
 *   npm run bench:models [-- --runs 5 --requests 200]
 */
import { Agent, fetch } from 'undici';
import { resolveSettings } from '../src/core/config/settings';
import { resolveModelConfig } from '../src/core/llm/config/roleConfig';
import { ModelHub } from '../src/core/llm/modelClient';
import { FakeModelServer } from '../test/fixtures/fakeModelServer';
import { numberArg, stats } from './benchStats';

const RUNS = numberArg('runs', 5);
const REQUESTS = numberArg('requests', 200);
const WARMUP = 30;

async function main() {
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base', 'm'], latencyMs: 0 });
  await fake.start();
  const reply = { chunks: ['const ', 'x ', '= ', '42;'] };
  fake.replyTo('bench', reply);
  const { settings } = resolveSettings({
    'models.chat.provider': 'openai-compatible', 'models.chat.baseUrl': fake.baseUrl, 'models.chat.model': 'm',
    'models.completion.provider': 'ollama', 'models.completion.baseUrl': fake.baseUrl, 'models.completion.model': 'qwen2.5-coder:1.5b-base',
    'models.maxConcurrentPerEndpoint': 64,
  });
  const hub = new ModelHub();
  hub.configure(resolveModelConfig(settings, () => undefined), { strictSSL: true, noProxy: [], ca: [] });
  const agent = new Agent();
  const prefix = 'function bench() {\n  '.repeat(20);

  const raw = {
    chat: async () => {
      const res = await fetch(`${fake.baseUrl}/v1/chat/completions`, {
        method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'bench hello' }], stream: true, max_tokens: 64 }),
      });
      await res.text();
    },
    fim: async () => {
      const res = await fetch(`${fake.baseUrl}/api/generate`, {
        method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'qwen2.5-coder:1.5b-base', prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>}\n<|fim_middle|>`, raw: true, stream: true, options: { num_predict: 64 } }),
      });
      await res.text();
    },
  };
  const layer = {
    chat: async () => {
      for await (const _ of hub.chat({ role: 'chat', messages: [{ role: 'user', content: 'bench hello' }], maxTokens: 64 })) void _;
    },
    fim: async () => {
      for await (const _ of hub.complete({ prefix, suffix: '}\n', maxTokens: 64 })) void _;
    },
  };

  const results: Record<string, unknown> = {};
  for (const kind of ['chat', 'fim'] as const) {
    for (let i = 0; i < WARMUP; i++) {
      await raw[kind]();
      await layer[kind]();
    }
    const perRun: { rawMedianMs: number; layerMedianMs: number; overheadMedianMs: number; overheadP95Ms: number }[] = [];
    const allOverheads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const rawMs: number[] = [];
      const layerMs: number[] = [];
      const overhead: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        // Alternate the order so neither side always gets the warmer connection.
        const first = i % 2 === 0;
        let a = 0;
        let b = 0;
        if (first) {
          let t = performance.now();
          await raw[kind]();
          a = performance.now() - t;
          t = performance.now();
          await layer[kind]();
          b = performance.now() - t;
        } else {
          let t = performance.now();
          await layer[kind]();
          b = performance.now() - t;
          t = performance.now();
          await raw[kind]();
          a = performance.now() - t;
        }
        rawMs.push(a);
        layerMs.push(b);
        overhead.push(b - a);
      }
      allOverheads.push(...overhead);
      perRun.push({ rawMedianMs: stats(rawMs).median, layerMedianMs: stats(layerMs).median, overheadMedianMs: stats(overhead).median, overheadP95Ms: stats(overhead).p95 });
      process.stderr.write(`[bench] ${kind} run ${run + 1}/${RUNS}: overhead median ${stats(overhead).median} ms\n`);
    }
    results[kind] = {
      route: kind === 'chat' ? 'openai-compatible /v1/chat/completions (openai SDK)' : 'ollama /api/generate (raw FIM, Qwen template)',
      overheadMs: stats(allOverheads),
      rawMs: stats(perRun.map((r) => r.rawMedianMs)),
      runs: perRun,
    };
  }
  await hub.dispose();
  await agent.close();
  await fake.close();
  console.log(JSON.stringify({ bench: 'models', node: process.version, runs: RUNS, requestsPerRun: REQUESTS, fakeLatencyMs: 0, results }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
