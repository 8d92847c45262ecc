/**
 * One cold build of the code index in a process of its own, for bench/index.ts's peak-RSS figure.
 * The bench bundles this file like the product (esbuild) and runs it with plain node, so tooling
 * (tsx) does not count against the index's memory. Args: JSON {roots, options, workers, workerScript}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { peakRssBytes } from '../src/cli/peakRss';
import { CodeIndex, type CodeIndexOptions } from '../src/core/index/codeIndex';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]!) as { roots: string[]; options: Partial<CodeIndexOptions>; workers: number; workerScript: string };
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-rss-'));
  const baseline = process.memoryUsage().rss;
  const index = await CodeIndex.open({ ...args.options, roots: args.roots, storageDir, workers: args.workers, workerScript: args.workerScript });
  await index.refresh();
  await index.close();
  rmSync(storageDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ peakRssBytes: peakRssBytes(), startRssBytes: baseline })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
