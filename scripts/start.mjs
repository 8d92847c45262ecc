/**
 * `npm start`: sets up what is missing, then runs Banyan on sample-workspace/ for a person.
 *   - desktop VS Code when `code` is on PATH: `code --extensionDevelopmentPath=<repo> sample-workspace`
 *   - otherwise code-server 4.100.3 on 127.0.0.1 with the packaged .vsix installed, until Ctrl+C
 * Options: --code-server (use code-server even when `code` exists), --check (run the headless check
 * of this script: it starts, serves the workbench with Banyan's icon, and stops on Ctrl+C).
 * Environment: BANYAN_PORT (default: the first free port from 8080), BANYAN_RUN_DIR (default
 * .banyan-run/: code-server's user data, extensions and logs, kept between runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { newestBuildInput, root, setup } from './setup.mjs';

const args = process.argv.slice(2);
const log = (msg) => console.log(`[start] ${msg}`);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function runDesktop() {
  const workspace = path.join(root, 'sample-workspace');
  log(`code --extensionDevelopmentPath=${root} ${workspace}`);
  const result = spawnSync('code', [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

/** This platform's package (with the built-in model), else the universal one where there is none. */
function ensureVsix() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const universal = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  const platform = path.join(root, `${pkg.name}-${pkg.version}-${process.platform}-${process.arch}.vsix`);
  if (!existsSync(universal) || statSync(universal).mtimeMs < newestBuildInput()) {
    log('packaging the extension');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('packaging failed; see the output above');
  }
  return existsSync(platform) && statSync(platform).mtimeMs >= statSync(universal).mtimeMs ? platform : universal;
}

async function runCodeServer() {
  const vsix = ensureVsix();
  // The harness that the e2e tests use (TypeScript, CommonJS) through tsx's require, installed by setup.
  const tsx = await import('tsx/cjs/api');
  const { CodeServer, freePort } = tsx.require('../test/e2e/harness/codeServer.ts', import.meta.url);
  const port = process.env.BANYAN_PORT ? Number(process.env.BANYAN_PORT) : await freePort(8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`BANYAN_PORT is not a port number: ${process.env.BANYAN_PORT}`);
  const runDir = path.resolve(process.env.BANYAN_RUN_DIR ?? path.join(root, '.banyan-run'));

  // Ctrl+C may come while code-server is still starting: remember it and stop once there is something to stop.
  let server;
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping code-server`);
    if (!server) return;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  log(`code-server 4.100.3 on 127.0.0.1:${port} (logs in ${path.relative(root, runDir) || runDir}/logs)`);
  server = await CodeServer.start({
    runDir,
    vsix,
    workspace: path.join(root, 'sample-workspace'),
    copyWorkspace: false,
    port,
    maxSeconds: 0, // no time limit for a person (timeout 0 disables it)
  });
  if (stopping) {
    await server.stop();
    process.exit(0);
  }
  server.onExit((code) => {
    if (stopping) return;
    console.error(`[start] code-server exited unexpectedly (exit ${code}); see ${path.join(runDir, 'logs', 'code-server.log')}`);
    process.exit(1);
  });
  console.log(`\nBanyan is running at ${server.workbenchUrl}\nPress Ctrl+C to stop.\n`);
}

async function main() {
  const check = args.includes('--check');
  await setup({ needChromium: check });
  if (check) {
    const result = spawnSync(process.execPath, [path.join(root, 'test', 'e2e', 'run.mjs'), '--only', 'npmStart'], { cwd: root, stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
  if (onPath('code') && !args.includes('--code-server')) runDesktop();
  else await runCodeServer();
}

main().catch((err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
