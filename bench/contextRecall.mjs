#!/usr/bin/env node
// Context-recall bench (issue 5, item 7): does `banyan context` put the cross-file definition the next
// identifier needs into a completion's context? Runs ../shared/bench/context-recall on cases generated
// from real code on this machine (TypeScript/JavaScript packages under node_modules, Python's standard
// library when present) against the harness's bm25-window and jaccard-window baselines, and prints JSON.
//
//   node bench/contextRecall.mjs [--n 50] [--seed 11] [--limit N] [--budgets 512 1024 2048]
//        [--corpora openai,zod,undici,asyncio,email] [--cli dist/cli.js] [--out DIR] [--keep] [--harness DIR]
//
// With --repos tune|heldout|all it measures real repositories from git mirrors instead, per language,
// in one process (see bench/contextRecallRepos.mjs for the sets and options).
//
// Without --cli the CLI is bundled into a temporary folder (so a concurrent `npm run build` cannot pull
// dist/ away mid-run). The index snapshots go to a temporary XDG cache that is removed afterwards.
// Tuning used --seed 7; the reported numbers use the default seed 11 (different cases). Latency is per
// call including the node process start, on whatever else the machine runs (see machine.loadavg*).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from './buildCli.mjs';
import { parseArgs } from './parseArgs.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = parseArgs(process.argv.slice(2));
const N = Number(args.n ?? 50);
const SEED = Number(args.seed ?? 11);
const budgets = (args.budgets ?? '512 1024 2048').split(/[\s,]+/).filter(Boolean);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-recall-'));
const log = (m) => process.stderr.write(`[recall] ${m}\n`);

// 1. The harness, with its pinned tree-sitter grammars installed (in a copy when the shared folder is read-only).
// Beside the checkout (../shared), or beside the folder of worktrees (../../shared), or --harness DIR.
const shared = [args.harness, path.resolve(root, '..', 'shared', 'bench', 'context-recall'), path.resolve(root, '..', '..', 'shared', 'bench', 'context-recall')]
  .find((d) => d && fs.existsSync(path.join(d, 'run.mjs')));
if (!shared) throw new Error('the context-recall harness is not at ../shared/bench/context-recall: pass --harness DIR');
const harness = ensureHarness(shared);

if (args.repos) {
  const { runRepos } = await import('./contextRecallRepos.mjs');
  const report = await runRepos({ args, harness, root, work, log });
  console.log(JSON.stringify(report, null, 2));
  if (args.out) {
    fs.mkdirSync(path.resolve(args.out), { recursive: true });
    fs.writeFileSync(path.join(path.resolve(args.out), 'context-recall-repos.json'), JSON.stringify(report, null, 2));
  }
  if (!args.keep) fs.rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
  process.exit(0);
}

// 2. Corpora present on every machine after `npm ci` (and Python's stdlib where Python is installed).
const stdlib = pythonStdlib();
const ALL = [
  { name: 'openai', lang: 'ts', dir: path.join(root, 'node_modules', 'openai') },
  { name: 'zod', lang: 'ts', dir: path.join(root, 'node_modules', 'zod') },
  { name: 'undici', lang: 'js', dir: path.join(root, 'node_modules', 'undici') },
  ...(stdlib ? [{ name: 'asyncio', lang: 'py', dir: path.join(stdlib, 'asyncio') }, { name: 'email', lang: 'py', dir: path.join(stdlib, 'email') }] : []),
];
const wanted = args.corpora ? new Set(args.corpora.split(',')) : undefined;
const corpora = ALL.filter((c) => (!wanted || wanted.has(c.name)) && fs.existsSync(c.dir));
if (!corpora.length) throw new Error('no corpus found (run npm ci first)');

const caseFiles = [];
for (const c of corpora) {
  const out = path.join(work, 'cases', `${c.name}.jsonl`);
  const r = spawnSync(process.execPath, [path.join(harness, 'gen-cases.mjs'), '--repo', c.dir, '--lang', c.lang, '--n', String(N), '--seed', String(SEED), '--name', c.name, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-cases ${c.name}: ${r.stderr}`);
  const meta = JSON.parse(r.stdout.trim().split('\n').pop());
  log(`${c.name} (${c.lang}): ${meta.cases} cases from ${meta.filesParsed} files`);
  if (meta.cases > 0) caseFiles.push(out);
}

// 3. The CLI under test.
const cli = args.cli ? path.resolve(args.cli) : await buildCli(path.join(work, 'cli'));
const template = `cmd:${process.execPath} ${cli} context --workspace {repo} --file {file} --line {line} --character {character} --budget {budget} --json`;
const outBase = path.join(args.out ? path.resolve(args.out) : work, 'context-recall');
const loadBefore = os.loadavg();
const started = Date.now();
const run = spawnSync(process.execPath, [
  path.join(harness, 'run.mjs'), '--cases', ...caseFiles, '--retriever', 'bm25-window', 'jaccard-window', template, '--label', 'banyan',
  '--budgets', ...budgets, '--out', outBase, ...(args.limit ? ['--limit', String(args.limit)] : []),
], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: path.join(work, 'cache'), BANYAN_INDEX_DIR: '' }, maxBuffer: 64 << 20 });
if (run.status !== 0) throw new Error(`run.mjs failed: ${run.stderr.slice(-2000)}`);
const results = JSON.parse(fs.readFileSync(`${outBase}.json`, 'utf8'));
const machine = { cpus: os.cpus().length, loadavg1mBefore: +loadBefore[0].toFixed(2), loadavg1mAfter: +os.loadavg()[0].toFixed(2), runSeconds: Math.round((Date.now() - started) / 1000) };

// 4. Where a call's time goes: the CLI's own timings (index open + refresh, assembly stages, command
// total) and the wall time including process start, on the first cases of the first corpus, each run
// with the case's file rewritten as the harness does.
const breakdown = timingBreakdown(cli, path.join(work, 'cases', `${corpora[0].name}.jsonl`), corpora[0].dir, Number(args.probe ?? 15));

// 5. Summary JSON: per retriever and repo, hit@B, sig, MRR, latency; the target checked.
const summarize = (a) => ({ n: a.n, hit: a.hit, sig: a.sig, mrr: a.mrr, p50ms: a.p50ms, p95ms: a.p95ms, errors: a.errors });
const langOf = Object.fromEntries(corpora.map((c) => [c.name, c.lang]));
// Per language: hit@B over that language's cases (perCase rows: id, hit@B…, sig, rank, meanMs[, error]).
const byLanguage = (r) => {
  const out = {};
  for (const [repo, rows] of Object.entries(r.perCase)) {
    const l = (out[langOf[repo]] ??= { n: 0, hits: budgets.map(() => 0) });
    for (const row of rows) { l.n++; budgets.forEach((_, i) => (l.hits[i] += row[1 + i])); }
  }
  return Object.fromEntries(Object.entries(out).map(([l, v]) => [l, { n: v.n, hit: Object.fromEntries(budgets.map((bb, i) => [bb, +((100 * v.hits[i]) / v.n).toFixed(1)])) }]));
};
const byName = Object.fromEntries(results.results.map((r) => [r.name, { overall: summarize(r.overall), languages: byLanguage(r), repos: Object.fromEntries(Object.entries(r.repos).map(([k, v]) => [k, summarize(v)])) }]));
const b = budgets.includes('1024') ? '1024' : budgets[0];
const banyan = byName.banyan.overall.hit[b];
const bm25 = byName['bm25-window'].overall.hit[b];
const summary = {
  bench: 'context-recall', seed: SEED, casesPerRepo: N, limit: args.limit ? Number(args.limit) : null, budgets: budgets.map(Number), node: process.version,
  corpora: Object.fromEntries(corpora.map((c) => [c.name, { lang: c.lang, dir: c.dir, ...(results.corpora[c.name] ? { cases: results.corpora[c.name].cases, sources: results.corpora[c.name].sources } : {}) }])),
  machine,
  timingBreakdown: breakdown,
  retrievers: byName,
  target: { budget: Number(b), banyanHit: banyan, bm25Hit: bm25, pointsAboveBm25: +(banyan - bm25).toFixed(1), met: banyan >= 85 && banyan - bm25 >= 25, rule: 'hit@1024 >= 85 % and >= 25 points above bm25-window' },
  table: fs.readFileSync(`${outBase}.md`, 'utf8').split('\n').filter((l) => l.startsWith('|')).join('\n'),
};
console.log(JSON.stringify(summary, null, 2));
if (!args.keep && !args.out) fs.rmSync(work, { recursive: true, force: true });
else log(`kept ${work}`);

function ensureHarness(dir) {
  if (fs.existsSync(path.join(dir, 'node_modules', 'web-tree-sitter'))) return dir;
  let target = dir;
  // Read-only by its mode (root could write anyway, but the shared folder is not ours to change).
  if ((fs.statSync(dir).mode & 0o200) === 0) {
    target = path.join(os.tmpdir(), 'banyan-context-recall-harness');
    if (fs.existsSync(path.join(target, 'node_modules', 'web-tree-sitter'))) return target;
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(dir, target, { recursive: true });
    fs.chmodSync(target, 0o755);
    for (const f of fs.readdirSync(target)) fs.chmodSync(path.join(target, f), 0o644);
  }
  log(`npm ci in ${target}`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: target, stdio: ['ignore', 'ignore', 'inherit'] });
  return target;
}

function timingBreakdown(cliPath, casesFile, dir, n) {
  if (!fs.existsSync(casesFile) || n <= 0) return null;
  const ws = path.join(work, 'probe-ws');
  fs.cpSync(dir, ws, { recursive: true });
  const env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'probe-cache') };
  const cases = fs.readFileSync(casesFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).slice(0, n);
  const call = (c) => {
    // As the harness does: the case's file ends its cursor line at the cursor during the call.
    const target = path.join(ws, c.file);
    const original = fs.readFileSync(target, 'utf8');
    const lines = original.split('\n');
    lines[c.line] = lines[c.line].slice(0, c.character);
    fs.writeFileSync(target, lines.join('\n'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cliPath, 'context', '--workspace', ws, '--file', c.file, '--line', String(c.line), '--character', String(c.character), '--budget', '1024', '--json'], { encoding: 'utf8', env });
    const wall = performance.now() - t0;
    fs.writeFileSync(target, original);
    return r.status === 0 ? { wall, ...JSON.parse(r.stdout).timings } : null;
  };
  const cold = call(cases[0]); // builds the index snapshot
  const rows = cases.map(call).filter(Boolean);
  const median = (k) => { const xs = rows.map((r) => r[k]).sort((a, b) => a - b); return xs.length ? +xs[Math.floor(xs.length / 2)].toFixed(1) : null; };
  return {
    corpus: corpora[0].name, calls: rows.length, coldFirstCallMs: cold ? Math.round(cold.wall) : null,
    medianMs: Object.fromEntries(['wall', 'command', 'index', 'cursor', 'similar', 'definitions', 'pack', 'total'].map((k) => [k, median(k)])),
    note: 'wall = process start to exit; command = inside the CLI; index = snapshot load + disk refresh; total = context assembly',
  };
}

function pythonStdlib() {
  const r = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && fs.existsSync(path.join(dir, 'asyncio')) ? dir : undefined;
}
