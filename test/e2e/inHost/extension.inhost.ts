/** The installed extension activates, registers every declared command, and reports its activation cost. */
import * as vscode from 'vscode';
import type { BanyanContext } from '@src/extension/banyanContext';
import { COMMANDS } from '@src/extension/commandIds';
import { assert, test } from './framework';

const EXTENSION_ID = 'banyan-dev.banyan';

async function activeExtension(): Promise<vscode.Extension<BanyanContext>> {
  const ext = vscode.extensions.getExtension<BanyanContext>(EXTENSION_ID);
  assert(ext, `${EXTENSION_ID} is not installed`);
  // onStartupFinished may not have fired yet when the tests start.
  await ext.activate();
  assert(ext.isActive, `${EXTENSION_ID} did not activate`);
  return ext;
}

test('the extension is installed and activates', async () => {
  const ext = await activeExtension();
  assert(ext.packageJSON.main === './dist/extension.js', `unexpected main: ${String(ext.packageJSON.main)}`);
});

test('every declared command is registered and contributed', async () => {
  const ext = await activeExtension();
  const registered = new Set(await vscode.commands.getCommands(true));
  const contributed = new Set((ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const { id } of Object.values(COMMANDS)) {
    assert(registered.has(id), `command ${id} is not registered`);
    assert(contributed.has(id), `command ${id} is not in package.json contributes.commands`);
  }
  const stray = [...contributed].filter((id) => !Object.values(COMMANDS).some((c) => c.id === id));
  assert(stray.length === 0, `contributed but not declared: ${stray.join(', ')}`);
});

test('the activation timing command returns plausible numbers', async () => {
  await activeExtension();
  const t = await vscode.commands.executeCommand<{ loadMs: number; evalMs: number; activateMs: number; totalMs: number }>(COMMANDS.activationTiming.id);
  for (const key of ['loadMs', 'evalMs', 'activateMs', 'totalMs'] as const) {
    assert(typeof t[key] === 'number' && Number.isFinite(t[key]) && t[key] >= 0, `${key} is ${String(t[key])}`);
  }
  assert(Math.abs(t.totalMs - (t.loadMs + t.activateMs)) < 0.01, `totalMs ${t.totalMs} != loadMs + activateMs`);
  assert(t.evalMs > 0 && t.evalMs <= t.loadMs, `evalMs ${t.evalMs} is not part of loadMs ${t.loadMs} (is the bundle footer missing?)`);
  // How long it takes is bench:activation's to say: on a busy machine any bound here would be a coin toss.
});

test('the server reaches ready through the extension API', async () => {
  const ext = await activeExtension();
  const deadline = Date.now() + 50_000;
  while (ext.exports.server.serverStatus()?.state !== 'ready') {
    assert(Date.now() < deadline, `server state: ${ext.exports.server.state()} / ${JSON.stringify(ext.exports.server.serverStatus())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = ext.exports.server.serverStatus()!;
  assert(status.version === ext.packageJSON.version, `server version ${status.version} != extension ${String(ext.packageJSON.version)}`);
  assert(status.pid !== process.pid, 'the server runs inside the extension host');
}, 60_000);
