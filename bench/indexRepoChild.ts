/**
 * One open + refresh of the code index in a process of its own, as the language server does at start:
 * a cold build when the storage folder is empty, a warm start when it holds the previous snapshot. For
 * bench/indexRepos.ts, which bundles this file like the product and runs it with plain node (so tooling
 * does not count against time or memory). Args: JSON {root, storageDir, workers, workerScript}. Prints
 * one JSON line: ms and CPU ms of open + refresh, the first queries after it, peak RSS, statistics.
 */
import { peakRssBytes } from '../src/cli/peakRss';
import { CodeIndex } from '../src/core/index/codeIndex';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]!) as { root: string; storageDir: string; workers: number; workerScript: string };
  const startRssBytes = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // BANYAN_DEBUG=1: the index's own log on stderr (scan and snapshot timings).
  const logger = process.env.BANYAN_DEBUG ? { error: log, warn: log, info: log, debug: log } : undefined;
  const index = await CodeIndex.open({ roots: [args.root], storageDir: args.storageDir, workers: args.workers, workerScript: args.workerScript, ...(logger ? { logger } : {}) });
  await index.refresh();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // What a first completion or chat turn asks right after the start: a definition by name and a search.
  const q0 = performance.now();
  const anyFile = index.entries().next().value;
  const name = anyFile?.symbols[0]?.name ?? 'index';
  index.symbols(name);
  index.findSymbols(name.slice(0, 4), 20);
  index.search(`${name} config`, { limit: 10 });
  const firstQueriesMs = performance.now() - q0;
  await index.close();
  const st = index.stats();
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, firstQueriesMs, peakRssBytes: peakRssBytes(), startRssBytes, files: st.files, bytes: st.bytes, symbols: st.symbols, chunks: st.chunks, languages: st.languages, errors: st.errors.length })}\n`,
  );
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
