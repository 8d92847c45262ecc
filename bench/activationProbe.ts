/**
 * Runs inside the extension host (loaded as extensionTestsPath by bench/activation.mjs): waits for
 * Banyan to activate by its own activation event (onStartupFinished, not forced), reads the timing
 * the extension measured, waits for the server to report ready, and writes both to the file named by
 * BANYAN_BENCH_RESULT.
 */
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BanyanContext } from '../src/extension/banyanContext';
import { COMMANDS } from '../src/extension/commandIds';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const probeStart = performance.now();
  const ext = vscode.extensions.getExtension<BanyanContext>('banyan-dev.banyan');
  if (!ext) throw new Error('banyan-dev.banyan is not installed');
  while (!ext.isActive) {
    if (performance.now() - probeStart > 60_000) throw new Error('Banyan did not activate within 60 s');
    await sleep(20);
  }
  const timing = await vscode.commands.executeCommand<{ loadMs: number; evalMs: number; activateMs: number; totalMs: number }>(COMMANDS.activationTiming.id);
  while (ext.exports.server.serverStatus()?.state !== 'ready') {
    if (performance.now() - probeStart > 60_000) throw new Error('the Banyan server did not become ready within 60 s');
    await sleep(10);
  }
  const file = process.env.BANYAN_BENCH_RESULT;
  if (!file) throw new Error('BANYAN_BENCH_RESULT is not set');
  writeFileSync(file, JSON.stringify({ timing }));
}
