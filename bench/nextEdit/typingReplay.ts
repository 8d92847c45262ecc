/**
 * Next-edit typing replay over LSP (issue 14, item 6): the real server (dist/server.js) and the fake
 * model server answering after 300 ms, driven the way the editor drives it — per key a didChange, the
 * previous banyan/nextEdit request cancelled and a new `edit` one sent. Sessions on real code (the
 * JavaScript of vscode-jsonrpc and vscode-languageserver under node_modules, indexed whole): rename a
 * declared name by typing the new one, then re-type a real line of the same file, with a log-normal
 * typing rhythm and thinking pauses. With --repo, the sessions are on a real repository instead (a
 * checkout, copied and indexed whole; TypeScript, JavaScript, Go, Python or Java files), since figures
 * that hold on installed packages need not hold there (a larger index, longer files, other languages).
 *
 *   node --import tsx bench/nextEdit/typingReplay.ts [--sessions 12] [--seed 7] [--latency 300] [--repo DIR]
 *   BANYAN_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=DIR' …   (more Node flags for the server, e.g. to profile it)
 *   BANYAN_BENCH_HOST_FLAGS=0 …                                   (without the V8 flags the extension starts the server with)
 *   BANYAN_BENCH_SERVER=OTHER/dist/server.js …                   (another build's server, to compare two builds)
 *
 * Prints one JSON object: model requests per 100 typed characters, the most model requests in flight
 * for one document at any moment (from the fake server's request log), the server's overhead per
 * prediction (all its time that is not the debounce or the model) and where the slowest three spent
 * it (phases, garbage collection; undefined from a build that does not report them), the client's round trips, and per
 * trigger where the requests ended (answered without the model, given up in the debounce, aborted at
 * the model, answered; see NextEditStage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { NextEditMetricsRequest, NextEditRequest } from '../../src/protocol/lsp';
import { INDEX_HOST_EXEC_ARGV } from '../../src/core/index/hostFlags';
import { languageOf, type LanguageId } from '../../src/core/index/languages';
import { FakeModelServer } from '../../test/fixtures/fakeModelServer';
import { LspSession, REPO_ROOT } from '../../test/integration/helpers/lspSession';

const argv = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const SESSIONS = arg('sessions', 12);
const SEED = arg('seed', 7);
const LATENCY = arg('latency', 300);
const REPO = argv.includes('--repo') ? path.resolve(argv[argv.indexOf('--repo') + 1]!) : undefined;
const PACKAGES = ['vscode-jsonrpc/lib', 'vscode-languageserver/lib'];
const log = (m: string) => process.stderr.write(`[next-edit replay] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The server runs with the V8 flags the extension gives it (its young generation's size decides how often a collection lands in a request). */
const SERVER_ARGS = [...(process.env.BANYAN_BENCH_HOST_FLAGS === '0' ? [] : INDEX_HOST_EXEC_ARGV), ...(process.env.BANYAN_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The languages a session can be typed in (the bench sets' five), by the index's own mapping. */
const SESSION_LANGUAGES = new Set<LanguageId>(['typescript', 'javascript', 'python', 'java', 'go']);
/** Folders a repository copy leaves out: history, dependencies, build output. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'vendor', 'dist', 'build', 'target', 'out']);

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = fs.lstatSync(full);
    if (st.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) listFiles(full, out);
    } else if (st.isFile() && st.size < 400_000) {
      const lang = languageOf(full);
      if (lang && SESSION_LANGUAGES.has(lang)) out.push(full);
    }
  }
  return out;
}

/**
 * A line declaring a name, per language: group 1 is the name. Go methods carry a receiver, Java
 * declarations a type, Python assignments none; a name of four characters or more, so that its uses
 * are found by a word match.
 */
const DECLARATION: Readonly<Record<string, RegExp>> = {
  typescript: /^\s*(?:export\s+)?(?:async\s+)?(?:function|const|let|class)\s+([A-Za-z_]\w{3,})/,
  // The packages corpus's own pattern, so that its sessions (and figures) stay what they were.
  javascript: /^\s*(?:function|const|let|class)\s+([A-Za-z_]\w{3,})/,
  go: /^\s*(?:func\s+(?:\([^)]*\)\s*)?|var\s+|const\s+|type\s+)([A-Za-z_]\w{3,})|^\s*([A-Za-z_]\w{3,})\s*:=/,
  python: /^\s*(?:def|class)\s+([A-Za-z_]\w{3,})|^\s*([a-z_]\w{3,})\s*=[^=]/,
  java: /^\s*(?:(?:public|private|protected|static|final)\s+)*(?:class|interface|enum|[A-Z]\w*(?:<[^>]*>)?|int|long|boolean|double|var)\s+([A-Za-z_]\w{3,})\s*[=;({]/,
};
const COMMENT_LINE = /^(\/\/|\/\*|\*|#)/;

function languageIdOf(file: string): string {
  const lang = languageOf(file)!;
  return lang === 'tsx' ? 'typescriptreact' : lang;
}

interface Session { file: string; declLine: number; name: string; start: number; newName: string; line: number }

/** A declared name used at least twice more in its file, and a real code line of that file to re-type. */
function pickSessions(files: string[], n: number, random: () => number): Session[] {
  const out: Session[] = [];
  const shuffled = [...files].sort(() => random() - 0.5);
  for (const file of shuffled) {
    if (out.length >= n) break;
    const declaration = DECLARATION[languageOf(file)!]!;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (let i = 5; i < lines.length; i++) {
      const m = declaration.exec(lines[i]!);
      const name = m?.[1] ?? m?.[2];
      if (!name) continue;
      const uses = lines.filter((l) => new RegExp(`\\b${name}\\b`).test(l)).length;
      const code = lines.map((l, j) => ({ l: l.trim(), j })).filter(({ l, j }) => j > i + 1 && l.length >= 16 && l.length <= 80 && !COMMENT_LINE.test(l));
      if (uses < 3 || !code.length) continue;
      const pick = code[Math.floor(random() * code.length)]!;
      out.push({ file, declLine: i, name, start: lines[i]!.indexOf(name, m!.index + /^\s*/.exec(lines[i]!)![0].length), newName: `${name}Next`, line: pick.j });
      break;
    }
  }
  return out;
}

function cadence(text: string, random: () => number): number[] {
  return [...text].map((_, i) => {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let gap = Math.min(600, 40 + Math.exp(Math.log(100) + 0.45 * normal));
    if (i > 0 && /[\s.(,=]/.test(text[i - 1]!) && random() < 0.18) gap = 400 + random() * 1200;
    return gap;
  });
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function pct(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]! * 1000) / 1000 : 0);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

async function main() {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `node esbuild.mjs` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-next-edit-'));
  const ws = path.join(work, 'ws');
  if (REPO) {
    fs.cpSync(REPO, ws, { recursive: true, filter: (f) => !SKIPPED_DIRS.has(path.basename(f)) });
  } else {
    for (const p of PACKAGES) {
      const src = path.join(REPO_ROOT, 'node_modules', p);
      fs.cpSync(src, path.join(ws, p.split('/')[0]!), { recursive: true, filter: (f) => fs.statSync(f).isDirectory() || f.endsWith('.js') });
    }
  }
  const files = listFiles(ws);
  const random = rng(SEED);
  const sessions = pickSessions(files, SESSIONS, random);
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:7b-instruct'], latencyMs: LATENCY });
  await fake.start();
  fake.addRule({ route: '/v1/chat/completions', reply: { text: 'NO_CHANGE' } });
  const lsp = new LspSession({
    workspace: ws,
    nodeArgs: SERVER_ARGS,
    ...(process.env.BANYAN_BENCH_SERVER ? { serverJs: path.resolve(process.env.BANYAN_BENCH_SERVER) } : {}),
    initializationOptions: {
      storageDir: path.join(work, 'storage'), grammarsDir: path.join(REPO_ROOT, 'dist', 'grammars'),
      settings: { index: { enabled: true }, nextEdit: { enabled: true }, models: { edit: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'qwen2.5-coder:7b-instruct' } } },
    },
  });
  try {
    await lsp.initialize();
    const st = await lsp.indexIdle(files.length > 10 ? 10 : 1, 240_000);
    log(`${files.length} files indexed (${JSON.stringify(st).slice(0, 120)}), ${sessions.length} sessions, model latency ${LATENCY} ms`);
    let typed = 0;
    const roundTrips: number[] = [];
    const windows: { uri: string; from: number; to: number }[] = [];
    for (const [n, s] of sessions.entries()) {
      const uri = pathToFileURL(s.file).toString();
      const lines = fs.readFileSync(s.file, 'utf8').split('\n');
      const target = lines[s.line]!;
      const indent = /^\s*/.exec(target)![0];
      lines[s.line] = indent;
      let version = 1;
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: languageIdOf(s.file), version, text: lines.join('\n') } });
      const from = Date.now();
      let pending: CancellationTokenSource | undefined;
      const type = async (line: number, character: number, ch: string, gap: number, replace = 0) => {
        await sleep(gap);
        pending?.cancel();
        await lsp.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: ++version },
          contentChanges: [{ range: { start: { line, character }, end: { line, character: character + replace } }, text: ch }],
        });
        typed += ch.length;
        const source = new CancellationTokenSource();
        pending = source;
        const sent = performance.now();
        lsp.connection.sendRequest(NextEditRequest.method, { textDocument: { uri, version }, position: { line, character: character + ch.length }, trigger: 'edit' }, source.token)
          .then(() => roundTrips.push(performance.now() - sent), () => undefined);
      };
      // 1. The rename: the old name selected and replaced by typing the new one.
      const gaps = cadence(s.newName, random);
      for (let i = 0; i < s.newName.length; i++) await type(s.declLine, s.start + i, s.newName[i]!, gaps[i]!, i === 0 ? s.name.length : 0);
      await sleep(1500);
      // 2. A real line of the file typed again.
      const text = target.slice(indent.length);
      const g2 = cadence(text, random);
      for (let i = 0; i < text.length; i++) await type(s.line, indent.length + i, text[i]!, g2[i]!);
      await sleep(LATENCY + 1200);
      pending?.cancel();
      await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      windows.push({ uri, from, to: Date.now() });
      log(`${n + 1}/${sessions.length} sessions`);
    }
    await sleep(LATENCY + 200);
    const metrics = await lsp.request(NextEditMetricsRequest, undefined);
    const reqs = fake.requests({ path: '/v1/chat/completions' });
    // Most model requests open at once within one session (one document at a time).
    let maxInFlight = 0;
    for (const w of windows) {
      const spans = reqs.filter((q) => q.receivedAt >= w.from && q.receivedAt <= w.to).map((q) => [q.receivedAt, q.completedAt ?? q.abortedAt ?? q.droppedAt ?? Infinity] as const);
      for (const [start] of spans) maxInFlight = Math.max(maxInFlight, spans.filter(([a, b]) => a <= start && start < b).length);
    }
    const out = {
      bench: 'next-edit-typing-replay', node: process.version, server: process.env.BANYAN_BENCH_SERVER ?? 'dist/server.js', serverArgs: SERVER_ARGS, seed: SEED, modelLatencyMs: LATENCY,
      corpus: { ...(REPO ? { repo: REPO } : { packages: PACKAGES }), files: files.length, sessions: sessions.length, languages: countBy(sessions.map((x) => languageIdOf(x.file))) },
      machine: { cpus: os.cpus().length, loadavg1m: +os.loadavg()[0].toFixed(2) },
      typedChars: typed,
      nextEditRequests: metrics.requests,
      modelRequests: reqs.length,
      modelRequestsAborted: reqs.filter((q) => q.state === 'aborted').length,
      modelRequestsPer100Chars: Math.round((10000 * reqs.length) / typed) / 100,
      maxModelRequestsInFlightPerDocument: maxInFlight,
      serverOverheadMs: metrics.latency.overhead,
      locateMs: metrics.latency.locate,
      slowestPredictions: metrics.slowest,
      stagesByTrigger: metrics.stages,
      clientRoundTripMs: pct(roundTrips),
      targets: { overheadP99Ms: 15, modelRequestsPer100Chars: 15, inFlightPerDocument: 1 },
    };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await lsp.close();
    await fake.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
