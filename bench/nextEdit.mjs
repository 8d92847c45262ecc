#!/usr/bin/env node
// Next-edit bench (issue 14): where will the user edit next? Runs ../shared/bench/next-edit on cases it
// generates from the commit histories of real repositories (bare mirrors, read only), against the
// harness's built-in baselines, through `banyan next-edit --locations` (the harness's contract, one
// process per case). Also runs the same engine in-process, as the server does, for the compute latency
// per request, and (unless --no-replay) the typing replay over LSP for overhead and request economy.
//
//   npm run bench:next-edit -- [--mirrors /work/.mirror] [--set dev|held-out|all] [--repos a,b]
//        [--n 60] [--seed 1] [--limit N] [--timeout-ms 300000] [--no-cli] [--no-baselines] [--no-replay] [--work DIR] [--keep]
//
// Repositories (dev = tuned on; held-out = never tuned on): see CORPORA below; a mirror is looked up as
// MIRRORS/<owner>+<name>/repo (a git dir with full history; clone one with `git clone --mirror`).
// --no-baselines skips the harness's built-in retrievers (their figures do not depend on this code), e.g.
// to check the CLI against the in-process engine sooner (cliVsInProcess: every answer must be the same).
// Generated checkouts and cases go to --work (default .bench/next-edit, ignored by git) and are reused
// for the same HEAD and seed. Prints one JSON object; the tables also go to WORK/results/*.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli } from './buildCli.mjs';
import { parseArgs } from './parseArgs.mjs';
import { checkoutHead } from './nextEdit/checkout.mjs';
import { compareAnswers } from './nextEdit/compareCli.mjs';
import { harnessDir } from './nextEdit/harnessDir.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = parseArgs(process.argv.slice(2));
const log = (m) => process.stderr.write(`[next-edit] ${m}\n`);

const CORPORA = [
  { name: 'typeorm', mirror: 'typeorm+typeorm', lang: 'ts', set: 'dev' },
  { name: 'express', mirror: 'expressjs+express', lang: 'js', set: 'dev' },
  { name: 'prometheus', mirror: 'prometheus+prometheus', lang: 'go', set: 'dev' },
  { name: 'requests', mirror: 'psf+requests', lang: 'py', set: 'dev' },
  { name: 'commons-lang', mirror: 'apache+commons-lang', lang: 'java', set: 'dev' },
  { name: 'restify', mirror: 'restify+node-restify', lang: 'js', set: 'held-out' },
  { name: 'gin', mirror: 'gin-gonic+gin', lang: 'go', set: 'held-out' },
  { name: 'cobra', mirror: 'spf13+cobra', lang: 'go', set: 'held-out' },
  { name: 'flask', mirror: 'pallets+flask', lang: 'py', set: 'held-out' },
  { name: 'dubbo', mirror: 'apache+dubbo', lang: 'java', set: 'held-out' },
];
const BASELINES = args['no-baselines'] ? [] : ['window-2-5', 'syntax-ish', 'syntax-fill', 'tile', 'grep-removed'];
const mirrors = path.resolve(args.mirrors ?? process.env.BANYAN_MIRRORS ?? '/work/.mirror');
const set = args.set ?? 'all';
const wanted = args.repos ? new Set(String(args.repos).split(',')) : undefined;
const N = Number(args.n ?? 60);
const SEED = Number(args.seed ?? 1);
const work = path.resolve(args.work ?? path.join(root, '.bench', 'next-edit'));
const harness = harnessDir();

const corpora = CORPORA.filter((c) => (set === 'all' || c.set === set) && (!wanted || wanted.has(c.name)) && fs.existsSync(path.join(mirrors, c.mirror, 'repo')));
if (!corpora.length) throw new Error(`no mirror found under ${mirrors} for the chosen repositories (--mirrors DIR)`);
fs.mkdirSync(path.join(work, 'results'), { recursive: true });

// 1. A checkout of HEAD and cases per repository (reused for the same HEAD and seed).
for (const c of corpora) {
  const git = path.join(mirrors, c.mirror, 'repo');
  const head = spawnSync('git', ['--git-dir', git, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  c.snap = path.join(work, 'snap', `${c.name}-${head.slice(0, 12)}`);
  if (!fs.existsSync(c.snap)) {
    log(`${c.name}: checkout of ${head.slice(0, 12)}`);
    fs.mkdirSync(c.snap, { recursive: true });
    checkoutHead(git, c.snap);
  }
  c.cases = path.join(work, 'cases', `${c.name}-${head.slice(0, 12)}-s${SEED}-n${N}.jsonl`);
  if (!fs.existsSync(c.cases)) {
    log(`${c.name}: generating cases (${c.lang})`);
    const r = spawnSync(process.execPath, [path.join(harness, 'gen-cases.mjs'), '--git', git, '--name', c.name, '--lang', c.lang, '--n', String(N), '--seed', String(SEED), '--allow-later-changes', '--out', c.cases], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`gen-cases ${c.name}: ${r.stderr.slice(-1000)}`);
    log(r.stderr.trim().split('\n')[0]);
  }
}

// 2. The harness: baselines and banyan through the CLI, per set.
const loadBefore = os.loadavg()[0];
const results = {};
const sets = [...new Set(corpora.map((c) => c.set))];
for (const s of sets) {
  const cs = corpora.filter((c) => c.set === s);
  const roots = cs.flatMap((c) => ['--root', `${c.name}=${c.snap}`]);
  const limit = args.limit ? ['--limit', String(args.limit)] : [];
  // The first call per repository builds its index cold (a fresh copy per run): more than the harness's 60 s default on a busy machine.
  const timeout = ['--timeout-ms', String(args['timeout-ms'] ?? 300000)];
  const retrievers = [...BASELINES];
  const labels = [];
  // Each answer is also kept as <case id>.json, to be compared with the in-process engine's.
  const answers = { cli: path.join(work, 'answers', s, 'cli'), inProcess: path.join(work, 'answers', s, 'in-process') };
  for (const d of Object.values(answers)) { fs.rmSync(d, { recursive: true, force: true }); fs.mkdirSync(d, { recursive: true }); }
  if (!args['no-cli']) {
    const cli = process.env.BANYAN_BENCH_CLI ? path.resolve(process.env.BANYAN_BENCH_CLI) : await buildCli(path.join(work, 'cli'));
    const kept = `${answers.cli}/{id}.json`;
    retrievers.push(`cmd:${process.execPath} ${cli} next-edit --locations --workspace {repo} --file {file} --line {line} --character {character} --history {history} > ${kept} && cat ${kept}`);
    labels.push('banyan-cli');
  }
  log(`${s}: harness over ${cs.map((c) => c.name).join(', ')} (${retrievers.length} retrievers)`);
  const out = path.join(work, 'results', s);
  const env = { ...process.env, XDG_CACHE_HOME: path.join(work, 'xdg-cache'), BANYAN_INDEX_DIR: '' };
  const run = !retrievers.length ? { status: 0 } : spawnSync(process.execPath, [path.join(harness, 'run.mjs'), '--cases', ...cs.map((c) => c.cases), ...roots, '--retriever', ...retrievers, ...labels.flatMap((l) => ['--label', l]), ...limit, ...timeout, '--out', out],
    { encoding: 'utf8', env, maxBuffer: 256 << 20, cwd: harness });
  if (run.status !== 0) throw new Error(`run.mjs failed: ${run.stderr.slice(-2000)}`);
  const json = retrievers.length ? JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) : { results: [], corpora: {} };
  // 3. The same engine in-process, as the server runs it: the figures again, and the compute time per request.
  log(`${s}: in-process engine`);
  // A fresh index each run: a saved one opened again orders ties differently, and the figures with it.
  for (const c of cs) fs.rmSync(path.join(work, 'inprocess', 'index', c.name), { recursive: true, force: true });
  const inproc = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/nextEdit/inProcess.ts'), '--cases', ...cs.map((c) => c.cases), '--root', ...cs.map((c) => `${c.name}=${c.snap}`), '--work', path.join(work, 'inprocess'), '--record', answers.inProcess, ...limit],
    { encoding: 'utf8', cwd: root, maxBuffer: 256 << 20 });
  if (inproc.status !== 0) throw new Error(`in-process run failed: ${inproc.stderr.slice(-2000)}`);
  const engine = JSON.parse(inproc.stdout);
  const pick = (a) => ({ n: a.n, inRegion: a.inRegion, loc1: a.loc1, loc3: a.loc3, loc5: a.loc5, loc10: a.loc10, any5: a.any5, mrr10: a.mrr10, regionLines: a.regionLinesMedian, p50ms: a.p50ms, p95ms: a.p95ms, errors: a.errors });
  const table = Object.fromEntries(json.results.map((r) => [r.name, { overall: pick(r.overall), sameFile: pick(r.split['same-file']), crossFile: pick(r.split['cross-file']), repos: Object.fromEntries(Object.entries(r.repos).map(([k, v]) => [k, pick(v)])) }]));
  table['banyan-in-process'] = { overall: pick(engine.overall), sameFile: pick(engine.split['same-file']), crossFile: pick(engine.split['cross-file']), repos: Object.fromEntries(Object.entries(engine.repos).map(([k, v]) => [k, pick(v)])) };
  const ours = table['banyan-cli'] ?? table['banyan-in-process'];
  const bestBaseline = BASELINES.length ? Math.max(...BASELINES.map((b) => table[b].overall.loc3)) : null;
  results[s] = {
    repos: Object.fromEntries(cs.map((c) => [c.name, { lang: c.lang, cases: json.corpora[c.name]?.cases }])),
    retrievers: table,
    serverLocateMs: engine.locateMs,
    serverLocatePhases: engine.locatePhases,
    // The CLI's answers against the in-process engine's, case by case (any difference is a bug).
    cliVsInProcess: args['no-cli'] ? null : summarizeComparison(compareAnswers(answers.cli, answers.inProcess)),
    targets: {
      loc3: { value: ours.overall.loc3, met: ours.overall.loc3 >= 75 && (bestBaseline === null || ours.overall.loc3 > bestBaseline), rule: '>= 75 % and above every baseline', bestBaseline },
      crossFileLoc5: { value: ours.crossFile.loc5, met: ours.crossFile.loc5 >= 35, rule: '>= 35 %' },
      mrr10: { value: ours.overall.mrr10, met: ours.overall.mrr10 >= 0.7, rule: '>= 0.70' },
      inRegion: { value: ours.overall.inRegion, regionLines: ours.overall.regionLines, met: ours.overall.inRegion >= 57 && ours.overall.regionLines <= 40, rule: '>= 57 % with median region <= 40 lines' },
      serverP95: { value: engine.locateMs.p95, met: engine.locateMs.p95 <= 10, rule: 'p95 <= 10 ms per request, computed in-process (index open, syntax, ranking; no process start)' },
    },
    tableFile: `${out}.md`,
  };
}

// 4. Typing replay over LSP: overhead, requests per 100 characters, in flight per document.
const replay = args['no-replay'] ? null : runReplay();
console.log(JSON.stringify({
  bench: 'next-edit', seed: SEED, casesPerRepo: N, limit: args.limit ? Number(args.limit) : null, node: process.version,
  machine: { cpus: os.cpus().length, loadavg1mBefore: +loadBefore.toFixed(2), loadavg1mAfter: +os.loadavg()[0].toFixed(2) },
  results, replay,
}, null, 1));
if (!args.keep) fs.rmSync(path.join(work, 'inprocess', 'ws'), { recursive: true, force: true });

function summarizeComparison(c) {
  return { cases: c.cases, identical: c.identical, missing: c.missing.length, regionDiffers: c.regionDiffers.length, locationsDiffer: c.locationsDiffer.length, examples: [...c.regionDiffers, ...c.locationsDiffer].slice(0, 5) };
}

function runReplay() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/nextEdit/typingReplay.ts'), ...(args['replay-args'] ? String(args['replay-args']).split(' ') : [])], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`typing replay failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout);
}
