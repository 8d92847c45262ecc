import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeServer } from './codeServer';

/**
 * The Banyan output channel as written to disk by the extension host (ud/logs/<session>/exthostN/
 * banyan-dev.banyan/Banyan.log). Each window has its own; the most recently written one is the
 * window a UI spec drives. Lets a spec see what only the log says (e.g. restart counts).
 */
export function banyanLogFile(server: CodeServer): string | undefined {
  return allBanyanLogs(server)[0];
}

/** Every window's Banyan log, the most recently written first. */
function allBanyanLogs(server: CodeServer): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'Banyan.log') found.push(full);
    }
  };
  walk(path.join(server.runDir, 'ud', 'logs'));
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/** Current length of the log, to look only at lines written after this point. */
export function banyanLogMark(server: CodeServer): number {
  const file = banyanLogFile(server);
  return file ? readFileSync(file, 'utf8').length : 0;
}

/** Waits for a line matching `re` written after `mark`. */
export async function waitForBanyanLog(server: CodeServer, re: RegExp, mark: number, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const file = banyanLogFile(server);
    const match = file ? re.exec(readFileSync(file, 'utf8').slice(mark)) : null;
    if (match) return match;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Banyan log never showed ${re} within ${timeoutMs} ms\n${describeLogs(server)}`);
}

/** Which Banyan logs exist and how the newest ends: what a failure report needs to be read without a rerun. */
export function describeLogs(server: CodeServer): string {
  const files = allBanyanLogs(server);
  if (files.length === 0) return `no Banyan.log under ${path.join(server.runDir, 'ud', 'logs')}`;
  const lines = files.map((f) => `${path.relative(server.runDir, f)} (${statSync(f).size} bytes)`);
  const tail = readFileSync(files[0]!, 'utf8').trimEnd().split('\n').slice(-25);
  return [`Banyan logs, newest first: ${lines.join(', ')}`, 'its last lines:', ...tail.map((l) => `  ${l}`)].join('\n');
}

/**
 * Waits until the server uses `model` at `baseUrl` for `role`: its log's latest "Model for <role>:"
 * line (written at start and whenever the role's endpoint changes) names them. A settings file a
 * test writes reaches the server asynchronously (seconds on a loaded machine); a request sent before
 * goes to the old endpoint.
 */
export async function waitForModelEndpoint(server: CodeServer, role: string, model: string, baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const line = new RegExp(`Model for ${role}: (.*)$`, 'gm');
  const want = `${model} at ${baseUrl.replace(/\/v1\/?$/, '')}`;
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    const file = banyanLogFile(server);
    last = file ? [...readFileSync(file, 'utf8').matchAll(line)].at(-1)?.[1]?.trim() : undefined;
    if (last === want) return;
    if (Date.now() > deadline) throw new Error(`the server never used ${want} for ${role} within ${timeoutMs} ms; its log last said: ${last ?? 'nothing'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
