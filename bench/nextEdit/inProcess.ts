// The location engine run in-process over next-edit cases, as the server runs it: one index per
// repository kept open, the case's state written and re-indexed, then one locate call timed. Scores with
// the harness's own score.mjs, so its figures match run.mjs; the latency is the server-side compute
// (syntax + ranking), which the harness's per-process figures cannot show.
//   npx tsx bench/nextEdit/inProcess.ts --cases A.jsonl [B.jsonl …] --root NAME=DIR … [--work DIR] [--limit N] [--record DIR] [--why]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeIndex } from '../../src/core/index/codeIndex';
import { TreeSitterRuntime } from '../../src/core/index/parse/treeSitterRuntime';
import { historyFromDiff } from '../../src/core/nextEdit/historyFromDiff';
import { LocatorCache } from '../../src/core/nextEdit/locations/locatorCache';
import { type LocateRequest, NextEditLocator } from '../../src/core/nextEdit/nextEditLocator';
import { SyntaxTrees } from '../../src/core/nextEdit/syntaxTrees';

export interface Case {
  id: string; repo: string; file: string; line: number; character: number; history: string; sameFile: boolean;
  target: { file: string; startLine: number; endLine: number; insertion: boolean };
  remaining: unknown[]; revert: Record<string, unknown[]>;
}

export interface InProcessOptions {
  readonly cases: readonly string[];
  readonly roots: Readonly<Record<string, string>>;
  readonly work: string;
  readonly limit?: number;
  /** A folder to write each case's answer to, as `<id>.json` in the CLI's contract (compareCli.mjs reads it). */
  readonly record?: string;
  readonly log?: (m: string) => void;
  /** Called after each case is scored, while its state is in the workspace (for the miss analysis). */
  /** Sees each case's candidates before ranking (bench/nextEdit/rankingData.ts keeps them to fit the ranking). */
  readonly observe?: LocateRequest['observe'];
  readonly onCase?: (c: Case, scored: { rank: number; inRegion: boolean }, ws: { root: string; index: CodeIndex; result: { region: unknown; locations: readonly { file: string; startLine: number; endLine: number; reason: string }[] } }) => void;
}

export async function runInProcess(o: InProcessOptions) {
  const { harnessDir } = (await import(path.join(__dirname, 'harnessDir.mjs'))) as { harnessDir: () => string };
  const harness = harnessDir();
  const lib = await import(path.join(harness, 'lib.mjs')) as any;
  const score = await import(path.join(harness, 'score.mjs')) as any;
  // Kept as the server keeps them: one tree per document, index lookups across requests.
  const locator = new NextEditLocator(() => TreeSitterRuntime.shared(), { trees: new SyntaxTrees(), cache: new LocatorCache() });
  const rows: Record<string, any[]> = {};
  if (o.record) fs.mkdirSync(o.record, { recursive: true });
  const reasons: Record<string, { hits: number; first: number }> = {};
  const timings: number[] = [];
  /** Per case, the milliseconds of each step (syntax, context, each source, rank), to say where the slow ones go. */
  const phaseRows: { id: string; ms: number; phases: Readonly<Record<string, number>> }[] = [];
  for (const file of o.cases) {
    const cases: Case[] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).slice(0, o.limit ?? Infinity);
    if (!cases.length) continue;
    const repo = cases[0]!.repo;
    const root = o.roots[repo];
    if (!root) throw new Error(`no --root for ${repo}`);
    const ws = path.join(o.work, 'ws', repo);
    if (!fs.existsSync(ws)) {
      fs.mkdirSync(path.dirname(ws), { recursive: true });
      fs.cpSync(root, ws, { recursive: true });
    }
    const t0 = Date.now();
    const index = await CodeIndex.open({ roots: [ws], storageDir: path.join(o.work, 'index', repo), workers: 1 });
    await index.refresh();
    o.log?.(`${repo}: index ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${index.stats().files} files)`);
    rows[repo] = [];
    for (const c of cases) {
      const states: Record<string, string> = lib.caseStates(c, (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8'));
      for (const [rel, text] of Object.entries(states)) fs.writeFileSync(path.join(ws, rel), text);
      for (const rel of Object.keys(states)) await index.updateFromDisk(path.join(ws, rel));
      try {
        const abs = path.join(ws, c.file);
        const text = fs.readFileSync(abs, 'utf8');
        const cursor = { line: c.line, character: c.character };
        const history = historyFromDiff(c.history, ws, { file: abs, position: cursor });
        // In the server the document's tree was parsed when it opened and kept through the edits: the
        // request re-parses the last keystroke. Here: the text without the character before the cursor.
        await locator.warm(abs, undefined, withoutLastKeystroke(text, cursor));
        const t = performance.now();
        const r = await locator.locate({ file: abs, text, lines: text.split('\n'), cursor, history, index, limit: 100, ...(o.observe ? { observe: o.observe } : {}) });
        const ms = performance.now() - t;
        locator.forget(abs);
        timings.push(ms);
        phaseRows.push({ id: c.id, ms, phases: r.timings.phases });
        const rel = (p: string) => path.relative(ws, p).split(path.sep).join('/');
        const out = { region: { ...r.region, file: rel(r.region.file) }, locations: r.locations.map((l) => ({ ...l, file: rel(l.file) })) };
        const sc = score.scoreCase(c, score.normalize(out, ws));
        if (o.record) fs.writeFileSync(path.join(o.record, `${c.id}.json`), JSON.stringify(out));
        rows[repo]!.push({ id: c.id, sameFile: c.sameFile, ms, ...sc });
        o.onCase?.(c, sc, { root: ws, index, result: out });
        if (process.env.NE_DEBUG) {
          const t = c.target;
          const hit = (l: { file: string; startLine: number; endLine: number }) => l.file === t.file && (t.insertion ? l.startLine - 1 <= t.startLine && t.startLine <= l.endLine + 1 : l.startLine <= t.endLine && t.startLine <= l.endLine);
          const firstHit = out.locations.findIndex(hit);
          process.stderr.write(`DBG ${c.id} same=${+c.sameFile} rank=${sc.rank} region=${out.region.startLine}-${out.region.endLine} cursor=${c.line} target=${t.file === c.file ? '' : t.file + ':'}${t.startLine}-${t.endLine} hitAt=${firstHit} top=${out.locations.slice(0, 4).map((l) => `${l.file === out.region.file ? '' : l.file.split('/').pop() + ':'}${l.startLine}-${l.endLine}/${l.reason}/${l.score}`).join(' ')}${firstHit >= 3 ? ` hit=${out.locations[firstHit]!.reason}/${out.locations[firstHit]!.score}` : ''}\n`);
        }
        if (sc.rank > 1) {
          const hit = out.locations[sc.rank - 2]!;
          const k = (reasons[hit.reason] ??= { hits: 0, first: 0 });
          k.hits++;
        }
      } finally {
        for (const rel of Object.keys(states)) {
          fs.copyFileSync(path.join(root, rel), path.join(ws, rel));
          await index.updateFromDisk(path.join(ws, rel));
        }
      }
    }
    await index.close({ save: true });
  }
  const all = Object.values(rows).flat();
  const sorted = [...timings].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2) : null);
  return {
    repos: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, score.aggregate(v)])),
    overall: score.aggregate(all),
    split: { 'same-file': score.aggregate(all.filter((r) => r.sameFile)), 'cross-file': score.aggregate(all.filter((r) => !r.sameFile)) },
    hitsByReason: reasons,
    locateMs: { p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: sorted.at(-1) ?? null, n: sorted.length },
    locatePhases: phaseSummary(phaseRows),
    perCase: rows,
  };
}

/**
 * Where the locate time goes: per step its total over all cases, and its share of the slowest 5 % of
 * cases (those the p95 is made of); the five slowest cases with their three costliest steps.
 */
function phaseSummary(rows: readonly { id: string; ms: number; phases: Readonly<Record<string, number>> }[]) {
  const round = (x: number) => Math.round(x * 10) / 10;
  const slow = [...rows].sort((a, b) => b.ms - a.ms);
  const tail = slow.slice(0, Math.max(1, Math.ceil(rows.length * 0.05)));
  const sum = (rs: typeof rows, name: string) => rs.reduce((a, r) => a + (r.phases[name] ?? 0), 0);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.phases)))];
  const byStep = names
    .map((name) => ({ name, totalMs: round(sum(rows, name)), slowest5PctMs: round(sum(tail, name)) }))
    .sort((a, b) => b.slowest5PctMs - a.slowest5PctMs || b.totalMs - a.totalMs);
  const top3 = (p: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(p).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => [k, round(v)]));
  return { slowestCases: tail.length, byStep, slowest: slow.slice(0, 5).map((r) => ({ id: r.id, ms: round(r.ms), top: top3(r.phases) })) };
}

function withoutLastKeystroke(text: string, cursor: { line: number; character: number }): string {
  if (cursor.character === 0) return text;
  let offset = 0;
  for (let i = 0, at = 0; i < cursor.line; i++) {
    at = text.indexOf('\n', at) + 1;
    if (at === 0) return text;
    offset = at;
  }
  const at = offset + cursor.character;
  return at <= text.length ? text.slice(0, at - 1) + text.slice(at) : text;
}

/** The options of the command line: --cases A.jsonl … --root NAME=DIR … [--work DIR] [--limit N] [--record DIR]. */
export function optionsFromArgs(argv: readonly string[]): InProcessOptions {
  // A flag may be given once with several values or once per value (`--root a=A --root b=B`, as the harness takes it).
  const list = (k: string) => {
    const out: string[] = [];
    argv.forEach((a, i) => {
      if (a === `--${k}`) for (let j = i + 1; j < argv.length && !argv[j]!.startsWith('--'); j++) out.push(argv[j]!);
    });
    return out;
  };
  const roots = Object.fromEntries(list('root').map((s) => [s.slice(0, s.indexOf('=')), path.resolve(s.slice(s.indexOf('=') + 1))]));
  // Absolute: the history's paths are resolved against the workspace, and a relative workspace would
  // make the cursor's file another file than the edited one.
  const work = path.resolve(list('work')[0] ?? path.join(os.tmpdir(), 'banyan-next-edit-dev'));
  const limit = list('limit')[0];
  const record = list('record')[0];
  return { cases: list('cases'), roots, work, ...(limit ? { limit: Number(limit) } : {}), ...(record ? { record } : {}), log: (m) => process.stderr.write(`${m}\n`) };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const result = await runInProcess(optionsFromArgs(argv));
  const { perCase, ...summary } = result;
  if (argv.includes('--why')) {
    for (const [repo, rs] of Object.entries(perCase)) for (const r of rs) process.stderr.write(`${repo} ${r.id} same=${+r.sameFile} inRegion=${+r.inRegion} rank=${r.rank} lines=${r.regionLines}\n`);
  }
  console.log(JSON.stringify(summary, null, 1));
}

if (require.main === module) void main();
