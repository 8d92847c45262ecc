/**
 * `npm run bench:eval`: `banyan eval` on a real repository against fake-model variants whose quality is
 * known, so the table shows that the scores and timings measure what they claim: an empty model, an
 * oracle (each case's hidden span), the oracle's first line only, the oracle missing its last character,
 * and the oracle at 300 ms to its first token. The cases come from the built CLI's own first run (same
 * seed, same cases for every variant). Per-case rows go to .bench/eval/<variant>.jsonl; one JSON object
 * on stdout.
 *   npm run bench:eval -- --workspace DIR [--n 50] [--seed 1] [--task all]
 * A real repository: `mkdir -p /tmp/gin && git --git-dir=<mirror of gin-gonic/gin> archive HEAD | tar -x -C /tmp/gin`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FakeModelServer } from '../test/fixtures/fakeModelServer';

const MODEL = 'qwen2.5-coder:1.5b-base';
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const OUT = path.join(ROOT, '.bench', 'eval');

const opt = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

interface CaseRow {
  type: 'case'; caseId: string; task: string; language: string; rel: string; line: number; character: number;
  expected: string; predicted: string; exactMatch: boolean; editSimilarity: number; firstTokenMs?: number; totalMs: number;
}
interface GroupRow {
  task: string; language: string; n: number; exactMatch: number; editSimilarity: number; identifierMatch: number; syntaxMatch: number;
  firstTokenMs: { p50: number; p95: number }; totalMs: { p50: number; p95: number };
}
interface SummaryRow { type: 'summary'; summary: { groups: GroupRow[] }; elapsedMs: number }

interface Variant {
  readonly name: string;
  /** The reply to a case, or undefined for no rule (the default empty answer). */
  readonly answer?: (expected: string) => string;
  readonly firstTokenDelayMs?: number;
}

const VARIANTS: readonly Variant[] = [
  { name: 'empty' },
  { name: 'oracle', answer: (e) => e },
  { name: 'oracle-first-line', answer: (e) => e.split('\n')[0]! },
  { name: 'oracle-last-char-missing', answer: (e) => e.slice(0, -1) },
  { name: 'oracle-300ms-first-token', answer: (e) => e, firstTokenDelayMs: 300 },
];

function runEval(workspace: string, baseUrl: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const args = [CLI, 'eval', '--workspace', workspace, '--n', opt('n', '50'), '--seed', opt('seed', '1'), '--task', opt('task', 'all'),
    '--provider', 'ollama', '--base-url', baseUrl, '--model', MODEL, '--json'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, BANYAN_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function main(): Promise<void> {
  const workspace = path.resolve(opt('workspace', ''));
  if (!process.argv.includes('--workspace')) throw new Error('usage: npm run bench:eval -- --workspace DIR [--n 50] [--seed 1] [--task all]');
  mkdirSync(OUT, { recursive: true });
  const fake = new FakeModelServer({ models: [MODEL] });
  await fake.start();
  const results: Record<string, unknown>[] = [];
  let cases: CaseRow[] = [];
  try {
    for (const v of VARIANTS) {
      fake.reset();
      fake.configure({ defaultReply: { text: '' } });
      if (v.answer) {
        for (const c of cases) {
          const text = readFileSync(path.join(workspace, c.rel), 'utf8');
          const offset = text.split('\n').slice(0, c.line).reduce((n, l) => n + l.length + 1, 0) + c.character;
          // The FIM prompt's prefix ends at the case's cursor, right before the suffix token.
          const tail = escape(text.slice(Math.max(0, offset - 80), offset));
          fake.addRule({ route: '/api/generate', prompt: new RegExp(`${tail}<\\|fim_suffix\\|>`), reply: { text: v.answer(c.expected), firstTokenDelayMs: v.firstTokenDelayMs } });
        }
      }
      const r = await runEval(workspace, fake.baseUrl);
      if (r.status !== 0) throw new Error(`banyan eval (${v.name}) exited ${r.status}: ${r.stderr.trim().split('\n').at(-1)}`);
      const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as CaseRow | SummaryRow);
      const caseRows = rows.filter((x): x is CaseRow => x.type === 'case');
      if (!cases.length) cases = caseRows;
      writeFileSync(path.join(OUT, `${v.name}.jsonl`), caseRows.map((x) => JSON.stringify(x)).join('\n') + '\n');
      const summary = rows.at(-1) as SummaryRow;
      const rows3 = (x: number) => Math.round(x * 1000) / 1000;
      const byTask = summary.summary.groups.filter((g) => g.language === 'all').map((g) => ({
        task: g.task, n: g.n, exactMatch: rows3(g.exactMatch), editSimilarity: rows3(g.editSimilarity), identifierMatch: rows3(g.identifierMatch), syntaxMatch: rows3(g.syntaxMatch),
        firstTokenMsP50: g.firstTokenMs.p50, totalMsP50: g.totalMs.p50, totalMsP95: g.totalMs.p95,
      }));
      results.push({ variant: v.name, elapsedMs: summary.elapsedMs, byTask });
    }
  } finally {
    await fake.close();
  }
  console.log(JSON.stringify({ workspace, n: cases.length, seed: Number(opt('seed', '1')), casesDir: OUT, variants: results }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
