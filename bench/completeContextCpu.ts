/**
 * The typing replay's context assemblies in one process, in CPU time: bench:complete's corpus and lines
 * (bench/completeCorpus.ts), each line re-typed key by key with the index updated every `--every` keys
 * and `assembleCompletionContext` run at every key. CPU time (process.cpuUsage) is what other processes
 * on a loaded machine change least, so two builds compare under load where the replay's wall-clock
 * overhead cannot; `--src DIR` imports the engine from another checkout's src/ for that A/B.
 *
 *   npx tsx bench/completeContextCpu.ts [--src DIR] [--every 2] [--lines 16] [--seed 5]
 *
 * Prints JSON: per-assembly CPU and wall milliseconds (p50/p95/p99/max/sum), the load average.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWorkspace, listFiles, pickTargets, rng } from './completeCorpus';

const argv = process.argv.slice(2);
const arg = (name: string, def: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : def;
};
const src = path.resolve(arg('src', path.join(path.dirname(new URL(import.meta.url).pathname), '..')), 'src');
const EVERY = Number(arg('every', '2'));
const LINES = Number(arg('lines', '16'));
const SEED = Number(arg('seed', '5'));

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]! * 100) / 100;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1), sum: Math.round(s.reduce((a, b) => a + b, 0)) };
}

async function main(): Promise<void> {
  const { assembleCompletionContext } = (await import(path.join(src, 'core/completion/context/assembleContext.ts'))) as typeof import('../src/core/completion/context/assembleContext');
  const { CodeIndex } = (await import(path.join(src, 'core/index/codeIndex.ts'))) as typeof import('../src/core/index/codeIndex');
  const { pipelineSettings } = (await import(path.join(src, 'core/completion/pipeline/pipelineSettings.ts'))) as typeof import('../src/core/completion/pipeline/pipelineSettings');
  const { defaultSettings } = (await import(path.join(src, 'core/config/settings.ts'))) as typeof import('../src/core/config/settings');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-context-cpu-'));
  try {
    const ws = path.join(work, 'ws');
    buildWorkspace(ws);
    const targets = pickTargets(listFiles(ws), LINES, rng(SEED));
    // Parsed on this thread: the CPU counted is the process's, and no worker adds to it.
    const index = await CodeIndex.open({ roots: [ws], workers: 0 });
    await index.refresh();
    const budgetTokens = pipelineSettings(defaultSettings()).contextTokens;
    const cpu: number[] = [];
    const wall: number[] = [];
    const loadBefore = os.loadavg();
    for (const t of targets) {
      const original = fs.readFileSync(t.file, 'utf8');
      const lines = original.split('\n');
      const indent = lines[t.line]!.match(/^\s*/)![0];
      const toType = lines[t.line]!.slice(indent.length);
      for (let i = 0; i <= toType.length; i++) {
        lines[t.line] = indent + toType.slice(0, i);
        const text = lines.join('\n');
        if (i % EVERY === 0) await index.updateDocument(t.file, text);
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        assembleCompletionContext({ index, file: t.file, text, position: { line: t.line, character: indent.length + i }, languageId: 'javascript', budgetTokens });
        wall.push(performance.now() - w0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      await index.updateDocument(t.file, original);
    }
    await index.close();
    const out = { bench: 'completeContextCpu', src: path.dirname(src), lines: targets.length, assemblies: cpu.length, every: EVERY, cpuMs: summary(cpu), wallMs: summary(wall), loadavg: [loadBefore, os.loadavg()].map((l) => l.map((x) => Math.round(x * 100) / 100)) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
