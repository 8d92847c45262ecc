/**
 * Context recall in one process: the cases of ../shared/bench/context-recall scored against
 * assembleCompletionContext directly (the index opened once per repository, the case's file re-indexed
 * with its cursor line cut at the cursor, as the harness's private copy holds it, then restored). Same
 * scoring as the harness (its score.mjs); no process start per call, so a tuning round over hundreds of
 * cases takes seconds, and budgets are checked for monotony case by case. `bench:recall` (which calls
 * the CLI through the harness) gives the figures to report; this is the instrument for finding misses.
 *
 *   npx tsx bench/contextRecallInProcess.ts --cases DIR_OR_FILES… [--root NAME=DIR] [--budgets 512 1024 2048]
 *        [--only ID,ID] [--misses 1024] [--show ID] [--json OUT]
 */
import fs from 'node:fs';
import path from 'node:path';
import { assembleCompletionContext } from '../src/core/completion/context/assembleContext';
import { CodeIndex } from '../src/core/index/codeIndex';
import { languageOf } from '../src/core/index/languages';

interface Def { file: string; startLine: number; endLine: number; nameLine: number; kind: string }
interface Case { id: string; repo: string; root: string; lang: string; file: string; line: number; character: number; identifier: string; defs: Def[] }
interface Row { id: string; lang: string; repo: string; hits: boolean[]; rank: number; ms: number }

const args = parseArgs(process.argv.slice(2));
const budgets = (args.budgets ?? '512 1024 2048').split(/[\s,]+/).filter(Boolean).map(Number);
const MRR_BUDGET = 8192;
const roots = Object.fromEntries((args.root ?? '').split(/\s+/).filter(Boolean).map((s) => s.split('=') as [string, string]));
const only = args.only ? new Set(args.only.split(',')) : undefined;

const caseFiles = (args.cases ?? '').split(/\s+/).filter(Boolean).flatMap((p) =>
  fs.statSync(p).isDirectory() ? fs.readdirSync(p).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(p, f)) : [p]);
if (!caseFiles.length) throw new Error('--cases DIR_OR_FILES… required');

const estTokens = (s: string) => Math.ceil(s.length / 4);
interface Snip { file: string; startLine: number; endLine: number; text: string; source?: string; score?: number; symbol?: string }
function normalized(c: Case, snippets: readonly Snip[]): (Snip & { rel: string })[] {
  return snippets.map((s) => ({ ...s, rel: path.relative(c.root, s.file).split(path.sep).join('/') })).filter((s) => s.rel !== c.file);
}
const overlaps = (s: { rel: string; startLine: number; endLine: number }, d: Def) => s.rel === d.file && s.startLine <= d.endLine && d.startLine <= s.endLine;
function hitAt(c: Case, snippets: readonly Snip[], budget: number): boolean {
  let used = 0;
  for (const s of normalized(c, snippets)) {
    if ((used += estTokens(s.text)) > budget) break;
    if (c.defs.some((d) => overlaps(s, d))) return true;
  }
  return false;
}
function rankOf(c: Case, snippets: readonly Snip[]): number {
  let used = 0;
  const ss = normalized(c, snippets);
  for (let i = 0; i < Math.min(20, ss.length); i++) {
    if ((used += estTokens(ss[i]!.text)) > MRR_BUDGET) break;
    if (c.defs.some((d) => overlaps(ss[i]!, d))) return i + 1;
  }
  return 0;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const nonMonotonic: string[] = [];
  for (const f of caseFiles) {
    const cases = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case).filter((c) => !only || only.has(c.id));
    if (!cases.length) continue;
    const root = roots[cases[0]!.repo] ?? cases[0]!.root;
    for (const c of cases) c.root = root;
    const t0 = performance.now();
    const index = await CodeIndex.open({ roots: [root], workers: 1 });
    await index.refresh();
    process.stderr.write(`[in-process] ${cases[0]!.repo}: ${index.filePaths().length} files indexed in ${Math.round(performance.now() - t0)} ms\n`);
    for (const c of cases) {
      const file = path.join(root, c.file);
      const original = fs.readFileSync(file, 'utf8');
      const lines = original.split('\n');
      lines[c.line] = lines[c.line]!.slice(0, c.character);
      const text = lines.join('\n');
      await index.updateDocument(file, text);
      const input = { index, file, text, position: { line: c.line, character: c.character }, languageId: languageOf(file) ?? 'plaintext' };
      const t = performance.now();
      const at = budgets.map((b) => assembleCompletionContext({ ...input, budgetTokens: b }).snippets);
      const ms = (performance.now() - t) / budgets.length;
      const big = assembleCompletionContext({ ...input, budgetTokens: MRR_BUDGET }).snippets;
      const hits = budgets.map((b, i) => hitAt(c, at[i]!, b));
      if (hits.some((h, i) => i > 0 && hits[i - 1] && !h)) nonMonotonic.push(c.id);
      rows.push({ id: c.id, lang: c.lang, repo: c.repo, hits, rank: rankOf(c, big), ms });
      if (args.show === c.id || (args.misses && !hits[budgets.indexOf(Number(args.misses))])) {
        process.stderr.write(`\n=== ${c.id} ${c.file}:${c.line + 1}:${c.character} → ${c.identifier}  defs ${c.defs.map((d) => `${d.file}:${d.startLine + 1}-${d.endLine + 1}(${d.kind})`).join(' ')}  rank@8192 ${rows.at(-1)!.rank}\n`);
        process.stderr.write(`  line: ${lines[c.line]!.trim().slice(-120)}\n`);
        for (const s of normalized(c, big).slice(0, Number(args.top ?? 12))) process.stderr.write(`  ${s.source} ${s.score?.toFixed(1)} ${s.rel}:${s.startLine + 1}-${s.endLine + 1} ${s.symbol ?? ''} (${estTokens(s.text)} tok)\n`);
      }
      await index.updateDocument(file, original);
    }
    await index.close({ save: false });
  }
  const group = (key: (r: Row) => string) => {
    const out: Record<string, { n: number; hit: Record<number, number>; mrr: number }> = {};
    for (const r of rows) {
      const g = (out[key(r)] ??= { n: 0, hit: {}, mrr: 0 });
      g.n++;
      budgets.forEach((b, i) => (g.hit[b] = (g.hit[b] ?? 0) + +r.hits[i]!));
      g.mrr += r.rank ? 1 / r.rank : 0;
    }
    for (const g of Object.values(out)) {
      for (const b of budgets) g.hit[b] = +((100 * g.hit[b]!) / g.n).toFixed(1);
      g.mrr = +(g.mrr / g.n).toFixed(3);
    }
    return out;
  };
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const summary = {
    cases: rows.length, budgets, overall: group(() => 'all').all, languages: group((r) => r.lang), repos: group((r) => r.repo),
    nonMonotonic, assemblyMs: { p50: +(ms[Math.floor(ms.length / 2)] ?? 0).toFixed(2), p95: +(ms[Math.floor(ms.length * 0.95)] ?? 0).toFixed(2) },
  };
  for (const [k, g] of [...Object.entries(summary.repos), ...Object.entries(summary.languages).map(([l, g]) => [`[${l}]`, g] as const), ['ALL', summary.overall] as const]) {
    process.stderr.write(`${k.padEnd(16)} n=${String(g.n).padStart(3)}  ${budgets.map((b) => `@${b} ${g.hit[b]!.toFixed(1).padStart(5)}`).join('  ')}  mrr ${g.mrr.toFixed(3)}\n`);
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ ...summary, rows }, null, 1));
  console.log(JSON.stringify(summary, null, 1));
}

function parseArgs(argv: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i]!.startsWith('--')) continue;
    const key = argv[i]!.slice(2);
    const vals: string[] = [];
    while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) vals.push(argv[++i]!);
    o[key] = vals.join(' ') || 'true';
  }
  return o;
}

void main();
