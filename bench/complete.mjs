#!/usr/bin/env node
// Inline-completion bench (issue 5, item 7): replays typing sessions on real code against the real
// server over LSP (dist/server.js over stdio) and the fake model server at 0 ms and 150 ms latency.
//
// Corpus: JavaScript from packages under node_modules (vscode-jsonrpc, vscode-languageserver(-protocol),
// vscode-languageclient), copied into a temporary workspace and indexed whole, so context assembly
// searches the whole index. A session deletes one real line and re-types it character by character the
// way an editor client would drive the server: didChange per key, the previous inlineCompletion request
// cancelled, a new automatic one sent. Keystroke gaps are log-normal around ~150 ms with thinking pauses
// (0.4–1.6 s) after some words and a long pause at each line's end. The fake model answers like a model
// that is right most of the time: the rest of the real line for 2 requests in 3, something else otherwise.
//
//   npm run bench:complete [-- --lines 16 --seed 5 --no-recall]
//   BANYAN_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=DIR' …   (Node flags for the server, e.g. to profile it)
//   BANYAN_BENCH_SERVER=OTHER/dist/server.js …                   (another build's server, to compare two builds)
//
// Prints one JSON object: pipeline overhead (server-side time that is not the debounce window or model
// wait, p50/p95/p99; context assembly overlaps the window's end and counts only where it runs past it,
// its own duration is printed as contextAssemblyMs), model requests per 100 typed characters, pause coverage, cache-served share and the
// latency split per latency setting, then the context-recall bench's JSON (bench/contextRecall.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { FakeModelServer } from '../test/fixtures/fakeModelServer/index.ts';
import { CompletionMetricsRequest, IndexStatusRequest } from '../src/protocol/lsp.ts';
import { INDEX_HOST_EXEC_ARGV } from '../src/core/index/hostFlags.ts';
import { buildWorkspace, listFiles, PACKAGES, pickTargets, rng } from './completeCorpus.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const LINES = arg('lines', 16);
const SEED = arg('seed', 5);
const LATENCIES = [0, 150];
const serverJs = path.resolve(process.env.BANYAN_BENCH_SERVER ?? path.join(root, 'dist', 'server.js'));
const DEBOUNCE_MAX_MS = 350;
const log = (m) => process.stderr.write(`[complete] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Gap before each character: log-normal typing rhythm, thinking pauses after some words. */
function cadence(text, random) {
  const gaps = [];
  for (let i = 0; i < text.length; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let gap = Math.min(600, 40 + Math.exp(Math.log(100) + 0.45 * normal));
    const prev = text[i - 1] ?? '';
    if (i > 0 && /[\s.(,=]/.test(prev) && random() < 0.18) gap = 400 + random() * 1200;
    gaps.push(gap);
  }
  return gaps;
}

// ── one latency setting ──
async function replay(latencyMs, ws, storage, targets, random) {
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:1.5b-base'], latencyMs });
  await fake.start();
  const state = { target: '', indent: '' };
  // A model that is right 2 times in 3: the rest of the real line, else a plausible wrong one.
  fake.addRule({
    route: '/api/generate',
    reply: (req) => {
      const prompt = String(req.body?.prompt ?? '');
      const prefix = prompt.slice(prompt.lastIndexOf('<|fim_prefix|>') + 14, prompt.lastIndexOf('<|fim_suffix|>'));
      const typed = prefix.slice(prefix.lastIndexOf('\n') + 1);
      const right = random() < 2 / 3 && state.target.startsWith(typed);
      return { text: right ? state.target.slice(typed.length) : 'undefined;' };
    },
  });
  const session = await startServer(ws, {
    storageDir: storage,
    grammarsDir: path.join(root, 'dist', 'grammars'),
    settings: { models: { completion: { provider: 'ollama', baseUrl: fake.baseUrl, model: 'qwen2.5-coder:1.5b-base' } } },
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const st = await session.request(IndexStatusRequest, undefined);
    if (Date.now() > deadline) throw new Error(`the index did not finish: ${JSON.stringify(st)}\n${session.stderr.slice(-2000)}`);
    if (st.state === 'idle' && st.files > 0) {
      log(`latency ${latencyMs} ms: index ready (${st.files} files, ${st.chunks} chunks)`);
      break;
    }
    await sleep(200);
  }

  let typedChars = 0;
  const pauses = [];
  const clientRoundTrips = [];
  for (const [n, t] of targets.entries()) {
    const uri = pathToFileURL(t.file).toString();
    const original = fs.readFileSync(t.file, 'utf8');
    const lines = original.split('\n');
    const line = lines[t.line];
    const indent = line.match(/^\s*/)[0];
    state.target = line;
    lines[t.line] = indent;
    let version = 1;
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version, text: lines.join('\n') } });
    const toType = line.slice(indent.length);
    const gaps = cadence(toType, random);
    let pending;
    for (let i = 0; i <= toType.length; i++) {
      const gap = i < toType.length ? gaps[i] : 1500;
      // The pause before the next key (or the end of the line): was a suggestion on screen in time?
      const watch = { got: false };
      if (pending) {
        const p = pending;
        p.promise.then((items) => {
          if (p === pending && items?.length) watch.got = true;
        }, () => undefined);
      }
      await sleep(gap);
      // The pause after the line's last character is not counted: the real line is complete there.
      if (pending && i < toType.length && gap > DEBOUNCE_MAX_MS) {
        pauses.push({ gap, got: watch.got });
        if (process.env.BENCH_DEBUG) log(`pause ${Math.round(gap)} ms after "${toType.slice(0, i)}": ${watch.got ? 'suggestion' : 'none'}`);
      }
      if (i === toType.length) break;
      pending?.source.cancel();
      const character = indent.length + i;
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line: t.line, character }, end: { line: t.line, character } }, text: toType[i] }],
      });
      typedChars++;
      const source = new CancellationTokenSource();
      const sent = performance.now();
      const promise = session.connection.sendRequest('textDocument/inlineCompletion', { textDocument: { uri }, position: { line: t.line, character: character + 1 }, context: { triggerKind: 2 } }, source.token);
      pending = { source, promise };
      promise.then(() => clientRoundTrips.push(performance.now() - sent), () => undefined);
    }
    pending?.source.cancel();
    pending = undefined;
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    if ((n + 1) % 4 === 0) log(`latency ${latencyMs} ms: ${n + 1}/${targets.length} lines`);
  }
  await sleep(300);
  const metrics = await session.request(CompletionMetricsRequest, undefined);
  const modelRequests = fake.requests({ path: '/api/generate' }).length;
  await session.close();
  await fake.close();
  const covered = (min) => {
    const ps = pauses.filter((p) => p.gap >= min);
    return { pauses: ps.length, withSuggestion: ps.filter((p) => p.got).length, share: ps.length ? round(ps.filter((p) => p.got).length / ps.length) : null };
  };
  return {
    modelLatencyMs: latencyMs,
    typedChars,
    lines: targets.length,
    inlineCompletionRequests: metrics.engine.requests,
    modelRequests,
    modelRequestsPer100Chars: round((100 * modelRequests) / typedChars),
    pipelineOverheadMs: metrics.engine.overheadMs,
    pipelineOverheadWithoutContextMs: metrics.engine.overheadWithoutContextMs,
    // Only the requests the client was still waiting for (not cancelled by the next key): the latency a
    // user can see. pipelineOverheadMs counts every request, since a cancelled one's work delays the next.
    pipelineOverheadAnsweredMs: metrics.engine.overheadAnsweredMs,
    // Context assembly's own duration per run; it starts contextLeadMs before the debounce ends, so only
    // the part running past the window counts in pipelineOverheadMs.
    contextAssemblyMs: metrics.engine.contextMs,
    contextLeadMs: metrics.engine.contextLeadMs,
    // Assemblies made for a request cancelled before its prompt went out: the cost of a longer lead.
    contextDiscarded: metrics.engine.contextDiscarded,
    // Each post-processing of a model answer (the filters and their syntax-tree parses), inside the overhead.
    postprocessMs: metrics.engine.postprocessMs,
    // The requests with the most overhead (they make its p99), slowest first: their phases, the context
    // sources' own compute, the time no phase accounts for (the event loop busy elsewhere) and GC.
    slowestRequests: metrics.engine.slowest,
    pauseCoverage: {
      [`pausesOver${DEBOUNCE_MAX_MS}ms`]: covered(DEBOUNCE_MAX_MS),
      [`pausesOverDebouncePlusLatency(${DEBOUNCE_MAX_MS + latencyMs + 100}ms)`]: covered(DEBOUNCE_MAX_MS + latencyMs + 100),
    },
    shown: metrics.shown,
    cacheServedShare: round(metrics.cacheServedShare),
    servedBy: metrics.engine.served,
    noSuggestion: metrics.engine.none,
    cancelled: metrics.engine.cancelled,
    latencySplitMs: Object.fromEntries(Object.entries(metrics.latency).map(([k, v]) => [k, { p50: round(v.p50), p95: round(v.p95), n: v.count }])),
    clientRoundTripMs: pct(clientRoundTrips),
  };
}

/**
 * dist/server.js over stdio, initialized for the workspace, answering the server's own requests minimally;
 * with the V8 flags the extension starts it with (its young generation's size changes how often it collects).
 */
async function startServer(ws, initializationOptions) {
  const child = spawn(process.execPath, [...INDEX_HOST_EXEC_ARGV, ...(process.env.BANYAN_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean), serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d.toString();
    if (process.env.BENCH_DEBUG) process.stderr.write(d);
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const uri = pathToFileURL(ws).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true } },
    initializationOptions: { clientKind: 'cli', ...initializationOptions },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    get stderr() {
      return stderr;
    },
    request: (def, params) => connection.sendRequest(def.method, params),
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}

function round(v) {
  return Math.round(v * 1000) / 1000;
}
function pct(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => (s.length ? round(s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]) : 0);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

async function main() {
  if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\` first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-complete-'));
  const ws = path.join(work, 'ws');
  try {
    buildWorkspace(ws);
    const files = listFiles(ws);
    const targets = pickTargets(files, LINES, rng(SEED));
    log(`${files.length} files, ${targets.length} lines to re-type`);
    const results = [];
    for (const latency of LATENCIES) results.push(await replay(latency, ws, path.join(work, 'storage'), targets, rng(SEED + latency)));
    const out = {
      bench: 'complete',
      server: path.relative(root, serverJs),
      corpus: { packages: PACKAGES, files: files.length, lines: targets.length, seed: SEED },
      targets: { overheadP99Ms: 10, modelRequestsPer100CharsAt150ms: 35, pauseCoverage: 1 },
      runs: results,
    };
    // The typing results first (the recall bench takes minutes): one line on stderr.
    log(`typing replay: ${JSON.stringify(out.runs)}`);
    const recall = path.join(root, 'bench', 'contextRecall.mjs');
    if (fs.existsSync(recall) && !argv.includes('--no-recall')) {
      log('running bench/contextRecall.mjs');
      const r = spawnSync(process.execPath, [recall, '--cli', path.join(root, 'dist', 'cli.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
      try {
        out.contextRecall = JSON.parse(r.stdout);
      } catch {
        out.contextRecall = { error: `exit ${r.status}`, stdoutTail: r.stdout.slice(-2000) };
      }
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
