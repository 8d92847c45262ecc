/**
 * bench:index on real repositories (issue #17): cold build, warm start and peak RSS, in the server's
 * way (CodeIndex opened in a fresh process, bench/indexRepoChild.ts) and through the CLI
 * (`banyan index`), plus the CLI's start-up (`banyan --version`, `banyan context`).
 *
 * The repositories come from local mirrors — bare git repositories at MIRRORS/<owner>+<name>/repo, as
 * /work/.mirror holds them (--mirrors DIR or $BANYAN_MIRRORS; default /work/.mirror) — checked out as
 * real git work trees (a clone sharing the mirror's objects) into os.tmpdir()/banyan-bench-repos, kept
 * between runs and never inside this repository. A missing mirror is skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INDEX_HOST_EXEC_ARGV } from '../src/core/index/hostFlags';
import { RACY_MS } from '../src/core/index/scan/scanListing';

export const DEFAULT_MIRRORS = '/work/.mirror';
/** A TypeScript repository of ~3,800 files and a Java one of ~11,900 (≈ 8,700 .java). */
export const DEFAULT_REPOS = ['typeorm/typeorm', 'spring-projects/spring-boot'];
const CHECKOUTS = path.join(os.tmpdir(), 'banyan-bench-repos');

export interface RepoBenchOptions {
  readonly mirrors: string;
  readonly repos: readonly string[];
  readonly runs: number;
  readonly workers: number;
  /** The bundled parse worker and the bundled child (see bench/index.ts's bundle()). */
  readonly workerScript: string;
  readonly childScript: string;
  /** dist/cli.js, built. */
  readonly cli: string;
  readonly log: (message: string) => void;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const round = (x: number, d = 0): number => Number(x.toFixed(d));

/** The checkout of `repo` at its mirror's HEAD, made (or updated) if needed; undefined when there is no mirror. */
function checkout(options: RepoBenchOptions, repo: string): { dir: string; commit: string } | undefined {
  const mirror = path.join(options.mirrors, repo.replace('/', '+'), 'repo');
  if (!existsSync(mirror)) {
    options.log(`${repo}: no mirror at ${mirror}, skipped (set --mirrors DIR or $BANYAN_MIRRORS to a folder of <owner>+<name>/repo bare clones)`);
    return undefined;
  }
  const git = (args: string[], cwd?: string) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = git(['--git-dir', mirror, 'rev-parse', 'HEAD']);
  const dir = path.join(CHECKOUTS, repo.replace('/', '+'));
  const marker = path.join(CHECKOUTS, `${repo.replace('/', '+')}.checked-out`);
  if (!existsSync(path.join(dir, '.git')) || git(['rev-parse', 'HEAD'], dir) !== commit || git(['status', '--porcelain'], dir) !== '') {
    options.log(`${repo}: checking out ${commit.slice(0, 10)} into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(CHECKOUTS, { recursive: true });
    git(['clone', '--quiet', '--shared', '--no-checkout', mirror, dir]);
    git(['checkout', '--quiet', '--detach', commit], dir);
    writeFileSync(marker, String(Date.now()));
  }
  return { dir, commit };
}

/**
 * Times read within RACY_MS of a change are not trusted by the next scan (racy-git): a checkout made
 * moments ago would be checked file by file on the first warm start. Waits until the checkout is older.
 */
async function settled(marker: string): Promise<void> {
  const at = existsSync(marker) ? Number(readFileSync(marker, 'utf8')) : 0;
  const wait = at + RACY_MS + 100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Reads every tracked file once, so cold builds find them in the page cache as warm starts do their folders. */
function primePageCache(dir: string): void {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const f of r.stdout.split('\0')) {
    if (!f) continue;
    try {
      readFileSync(path.join(dir, f));
    } catch {
      /* a link or a submodule */
    }
  }
}

interface ChildRun {
  ms: number;
  cpuMs: number;
  firstQueriesMs: number;
  peakRssBytes: number;
  startRssBytes: number;
  files: number;
  bytes: number;
  symbols: number;
  chunks: number;
  languages: Record<string, number>;
}

function child(options: RepoBenchOptions, root: string, storageDir: string): ChildRun {
  // Started as the extension starts the language server (its flags included).
  const r = spawnSync(process.execPath, [...INDEX_HOST_EXEC_ARGV, options.childScript, JSON.stringify({ root, storageDir, workers: options.workers, workerScript: options.workerScript })], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`index child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildRun;
}

/** `banyan index` through the built CLI: its in-process elapsedMs and peak RSS, and the process's wall time. */
function cliIndex(options: RepoBenchOptions, root: string, storageDir: string): { elapsedMs: number; processMs: number; peakRssBytes: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [options.cli, 'index', root, '--storage', storageDir, '--workers', String(options.workers), '--json'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`banyan index failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { elapsedMs: number; peakRssBytes: number };
  return { elapsedMs: out.elapsedMs, processMs, peakRssBytes: out.peakRssBytes };
}

export async function benchRepos(options: RepoBenchOptions): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const repo of options.repos) {
    const co = checkout(options, repo);
    if (!co) continue;
    await settled(path.join(CHECKOUTS, `${repo.replace('/', '+')}.checked-out`));
    if (options.runs === 0) continue; // --repo-runs 0: the checkouts only (for the CLI start-up bench)
    const server = { cold: [] as ChildRun[], warm: [] as ChildRun[], loads: [] as number[] };
    const cli = { cold: [] as ReturnType<typeof cliIndex>[], warm: [] as ReturnType<typeof cliIndex>[] };
    for (let run = 0; run < options.runs; run++) {
      for (const way of ['server', 'cli'] as const) {
        const store = mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-repo-store-'));
        try {
          primePageCache(co.dir);
          server.loads.push(os.loadavg()[0]!);
          if (way === 'server') {
            server.cold.push(child(options, co.dir, store));
            for (let w = 0; w < 3; w++) server.warm.push(child(options, co.dir, store));
          } else {
            cli.cold.push(cliIndex(options, co.dir, store));
            for (let w = 0; w < 3; w++) cli.warm.push(cliIndex(options, co.dir, store));
          }
        } finally {
          rmSync(store, { recursive: true, force: true });
        }
      }
      options.log(`${repo} run ${run + 1}: server cold ${round(server.cold.at(-1)!.ms)} ms, warm ${round(server.warm.at(-1)!.ms)} ms; CLI cold ${cli.cold.at(-1)!.elapsedMs} ms, warm ${cli.warm.at(-1)!.elapsedMs} ms`);
    }
    const st = server.cold[0]!;
    const coldMs = median(server.cold.map((r) => r.ms));
    const warmMs = median(server.warm.map((r) => r.ms));
    const cliColdMs = median(cli.cold.map((r) => r.elapsedMs));
    const cliWarmMs = median(cli.warm.map((r) => r.elapsedMs));
    // As issue #17 states the limit: 3 × the bytes indexed + 150 MB (10^6 bytes).
    const rssLimit = 3 * st.bytes + 150e6;
    const serverRss = median(server.cold.map((r) => r.peakRssBytes));
    const cliRss = median(cli.cold.map((r) => r.peakRssBytes));
    out.push({
      repo,
      commit: co.commit,
      files: st.files,
      bytes: st.bytes,
      symbols: st.symbols,
      chunks: st.chunks,
      languages: st.languages,
      loadAverage1mDuringRuns: server.loads.map((l) => round(l, 1)),
      server: {
        coldBuildMs: round(coldMs),
        coldBuildCpuMs: round(median(server.cold.map((r) => r.cpuMs))),
        warmStartMs: round(warmMs),
        warmStartCpuMs: round(median(server.warm.map((r) => r.cpuMs))),
        warmStartOverColdBuild: round(warmMs / coldMs, 3),
        firstQueriesAfterWarmStartMs: round(median(server.warm.map((r) => r.firstQueriesMs)), 1),
        peakRssBytes: serverRss,
        samples: { coldBuildMs: server.cold.map((r) => round(r.ms)), warmStartMs: server.warm.map((r) => round(r.ms)), peakRssBytes: server.cold.map((r) => r.peakRssBytes) },
      },
      cli: {
        coldBuildMs: cliColdMs,
        warmStartMs: cliWarmMs,
        warmStartOverColdBuild: round(cliWarmMs / cliColdMs, 3),
        warmStartProcessMs: round(median(cli.warm.map((r) => r.processMs))),
        peakRssBytes: cliRss,
        samples: { coldBuildMs: cli.cold.map((r) => r.elapsedMs), warmStartMs: cli.warm.map((r) => r.elapsedMs), peakRssBytes: cli.cold.map((r) => r.peakRssBytes) },
      },
      peakRssLimitBytes: rssLimit,
      targets: {
        warmStartWithin10PctOfCold: warmMs <= 0.1 * coldMs && cliWarmMs <= 0.1 * cliColdMs,
        peakRssWithinLimit: serverRss <= rssLimit && cliRss <= rssLimit,
      },
    });
  }
  return out;
}

/**
 * The CLI's start-up: `banyan --version` against a bare `node -e 0`, and `banyan context` on a warm
 * index of `workspace` — its wall time, the command's own time as it reports it, and the difference
 * (starting node, loading the bundles, exiting). Each process's CPU time (bench/cpuAtExit.cjs) too:
 * on a machine shared with other work, wall times mostly measure the wait for a core.
 */
export function benchCliStart(options: RepoBenchOptions, workspace: string | undefined, runs = 15): unknown {
  const cpuHook = path.join(__dirname, 'cpuAtExit.cjs');
  // NODE_EXTRA_CA_CERTS makes every Node process read and parse that CA bundle before any code runs
  // (this sandbox sets it to the system bundle): a cost of the environment, not of Banyan, so the
  // start-up is measured without it and the bare `node -e 0` with it is reported beside.
  const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const spawn = (args: string[], childEnv: NodeJS.ProcessEnv = env): { ms: number; cpuMs: number; stdout: string } => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', cpuHook, ...args], { encoding: 'utf8', maxBuffer: 1 << 24, env: childEnv });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const cpu = /banyan-bench-cpu-ms ([\d.]+)/.exec(r.stderr);
    return { ms, cpuMs: cpu ? Number(cpu[1]) : NaN, stdout: r.stdout };
  };
  const node: ReturnType<typeof spawn>[] = [];
  const version: ReturnType<typeof spawn>[] = [];
  const nodeWithExtraCa: ReturnType<typeof spawn>[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(spawn(['-e', '0']));
    version.push(spawn([options.cli, '--version']));
    if (extraCaCerts) nodeWithExtraCa.push(spawn(['-e', '0'], process.env));
  }
  const nodeMs = median(node.map((r) => r.ms));
  const nodeCpuMs = median(node.map((r) => r.cpuMs));
  let context: { startOverheadMs: number } & Record<string, unknown> | undefined;
  if (workspace) {
    const file = contextFile(workspace);
    const store = mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-context-store-'));
    try {
      const args = [options.cli, 'context', '--workspace', workspace, '--file', file.path, '--line', String(file.line), '--character', '0', '--storage', store, '--json'];
      spawnSync(process.execPath, [options.cli, 'index', workspace, '--storage', store], { encoding: 'utf8' });
      const calls = Array.from({ length: runs }, () => {
        const r = spawn(args);
        return { ...r, commandMs: (JSON.parse(r.stdout) as { timings: { command: number } }).timings.command };
      });
      context = {
        workspace: path.basename(workspace),
        file: path.relative(workspace, file.path),
        line: file.line,
        wallMs: round(median(calls.map((c) => c.ms)), 1),
        commandMs: round(median(calls.map((c) => c.commandMs)), 1),
        startOverheadMs: round(median(calls.map((c) => c.ms - c.commandMs)), 1),
        cpuMs: round(median(calls.map((c) => c.cpuMs)), 1),
        samples: { wallMs: calls.map((c) => round(c.ms)), commandMs: calls.map((c) => round(c.commandMs)), cpuMs: calls.map((c) => round(c.cpuMs)) },
      };
    } finally {
      rmSync(store, { recursive: true, force: true });
    }
  }
  const versionMs = median(version.map((r) => r.ms));
  return {
    runs,
    loadAverage1m: round(os.loadavg()[0]!, 1),
    nodeEmptyMs: round(nodeMs, 1),
    nodeEmptyCpuMs: round(nodeCpuMs, 1),
    versionMs: round(versionMs, 1),
    versionCpuMs: round(median(version.map((r) => r.cpuMs)), 1),
    versionBeyondNodeMs: round(versionMs - nodeMs, 1),
    ...(extraCaCerts ? { nodeEmptyWithExtraCaCertsMs: round(median(nodeWithExtraCa.map((r) => r.ms)), 1), extraCaCertsUnsetForTheseRuns: extraCaCerts } : {}),
    samples: { nodeEmptyMs: node.map((r) => round(r.ms)), versionMs: version.map((r) => round(r.ms)), nodeEmptyCpuMs: node.map((r) => round(r.cpuMs)), versionCpuMs: version.map((r) => round(r.cpuMs)) },
    ...(context ? { context } : {}),
    targets: {
      versionWithin100ms: versionMs <= 100,
      ...(context ? { contextStartWithin150ms: context.startOverheadMs <= 150 } : {}),
    },
  };
}

/** A deterministic position: the middle of the first tracked TypeScript/Java/Go/Python source file of 200+ lines. */
function contextFile(workspace: string): { path: string; line: number } {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd: workspace, encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const rel of r.stdout.split('\0').filter((f) => /\.(ts|java|go|py)$/.test(f) && !/test/i.test(f)).sort()) {
    const p = path.join(workspace, rel);
    if (!statSync(p).isFile()) continue;
    const lines = readFileSync(p, 'utf8').split('\n').length;
    if (lines >= 200) return { path: p, line: Math.floor(lines / 2) };
  }
  throw new Error(`no source file of 200+ lines in ${workspace}`);
}

/** Where benchRepos checked out `repo` (for benchCliStart). */
export function checkoutDir(repo: string): string {
  return path.join(CHECKOUTS, repo.replace('/', '+'));
}
