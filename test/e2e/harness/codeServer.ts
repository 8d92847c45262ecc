import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CODE_SERVER_BIN, EXTENSION_ID, VERSION } from './paths';

/**
 * One code-server 4.100.3 (VS Code 1.100.3 with a real Node extension host) in throwaway
 * directories, on loopback, following ../shared/docs/e2e-in-code-server.md: XDG dirs inside the run
 * folder, no gallery, the .vsix installed with --install-extension, then started on a fresh copy of
 * the workspace. Runs under `timeout` in its own process group so stop() ends the extension host
 * and the Banyan server too (they outlive the browser otherwise).
 */
export interface CodeServerOptions {
  /** Throwaway folder for this run (user data, extensions, XDG dirs, logs, workspace copy). */
  readonly runDir: string;
  readonly vsix: string;
  /** Copied to runDir/workspace (so typing in the browser never edits the original) unless copyWorkspace is false. */
  readonly workspace: string;
  readonly copyWorkspace?: boolean;
  /** Extra environment for code-server; the extension host inherits it. */
  readonly env?: Record<string, string>;
  readonly port?: number;
  /** Hard limit for the whole process group, in seconds (default an hour: the UI specs take minutes, many more on a busy machine); 0 for none. */
  readonly maxSeconds?: number;
  /** Workspace trust on (a folder opens in Restricted Mode); off by default, as the recipe says. */
  readonly workspaceTrust?: boolean;
  /** User settings beside the run's defaults (written when the settings file is new). */
  readonly userSettings?: Record<string, unknown>;
  /**
   * The remote machine's settings (ud/Machine/settings.json, written when new). code-server's window
   * is a remote one: VS Code takes `machine` and `machine-overridable` settings from here and drops
   * them from the User settings once the extension's schema is registered (before or after the
   * extension host reads them: a race), so a test that needs one set at user level puts it here.
   */
  readonly machineSettings?: Record<string, unknown>;
  /** The window's log level (`--log`): `debug` lets the Banyan log keep the server's debug lines. */
  readonly logLevel?: 'debug' | 'trace';
}

const USER_SETTINGS = {
  'files.autoSave': 'off',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
  'extensions.ignoreRecommendations': true,
  // The e2e workspace copy lives inside this repository; no "open the parent repository?" toast.
  'git.openRepositoryInParentFolders': 'never',
};

export class CodeServer {
  private constructor(
    readonly port: number,
    readonly workspace: string,
    readonly runDir: string,
    readonly extensionDir: string,
    private readonly child: ChildProcess,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The workbench on the workspace copy. */
  get workbenchUrl(): string {
    return `${this.baseUrl}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  /**
   * Sets (or, with undefined, removes) settings in the workspace copy's .vscode/settings.json. The
   * window's file watcher sees workspace files change (it does not notice edits to the user settings
   * file made behind its back). Whole-line // comments are dropped in the rewrite.
   */
  updateWorkspaceSettings(changes: Record<string, unknown>): void {
    const file = path.join(this.workspace, '.vscode', 'settings.json');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '{}';
    const current = JSON.parse(text.split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete current[key];
      else current[key] = value;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    // Whole or not at all: the window's watcher may read the file while it is written, and a
    // truncated file would read as no settings for a moment (the server would get the defaults).
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(current, null, 2));
    renameSync(temp, file);
  }

  static async start(opts: CodeServerOptions): Promise<CodeServer> {
    const dirs = {
      userData: path.join(opts.runDir, 'ud'),
      extensions: path.join(opts.runDir, 'exts'),
      workspace: opts.copyWorkspace === false ? opts.workspace : path.join(opts.runDir, 'workspace'),
      logs: path.join(opts.runDir, 'logs'),
    };
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    // Kept when present: a person's own settings in a long-lived run folder survive restarts.
    const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
    if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify({ ...USER_SETTINGS, ...opts.userSettings }, null, 2));
    const machineFile = path.join(dirs.userData, 'Machine', 'settings.json');
    if (opts.machineSettings && !existsSync(machineFile)) {
      mkdirSync(path.dirname(machineFile), { recursive: true });
      writeFileSync(machineFile, JSON.stringify(opts.machineSettings, null, 2));
    }
    if (opts.copyWorkspace !== false) cpSync(opts.workspace, dirs.workspace, { recursive: true });

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(opts.runDir, 'xdg', 'config'),
      XDG_DATA_HOME: path.join(opts.runDir, 'xdg', 'data'),
      XDG_CACHE_HOME: path.join(opts.runDir, 'xdg', 'cache'),
      EXTENSIONS_GALLERY: '{}',
      ...opts.env,
    };
    const trust = opts.workspaceTrust ? [] : ['--disable-workspace-trust'];
    const common = ['--auth', 'none', '--disable-telemetry', '--disable-update-check', ...trust, '--disable-getting-started-override', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...(opts.logLevel ? ['--log', opts.logLevel] : [])];

    const install = spawnGroup([...common, '--install-extension', opts.vsix, '--force'], env, path.join(dirs.logs, 'install.log'), 120);
    const code = await exited(install);
    if (code !== 0) throw new Error(`code-server --install-extension failed (exit ${code}); see ${path.join(dirs.logs, 'install.log')}`);

    // A port found free can be taken before code-server binds it (another run on the machine, an
    // outgoing connection's local port): then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = opts.port ?? (await freePort());
      const logFile = path.join(dirs.logs, attempt === 1 ? 'code-server.log' : `code-server-${attempt}.log`);
      const child = spawnGroup([...common, '--bind-addr', `127.0.0.1:${port}`, dirs.workspace], env, logFile, opts.maxSeconds ?? 3600);
      const server = new CodeServer(port, dirs.workspace, opts.runDir, path.join(dirs.extensions, `${EXTENSION_ID}-${VERSION}`), child);
      try {
        await server.waitHealthy(60_000, logFile);
        return server;
      } catch (err) {
        await server.stop();
        const taken = opts.port === undefined && attempt < 3 && child.exitCode !== null && (await logged(logFile, 'EADDRINUSE'));
        if (!taken) throw err;
      }
    }
  }

  /** Waits for /healthz, then checks the workbench page itself answers 200 (a 500 looks like a slow start). */
  private async waitHealthy(timeoutMs: number, logFile: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`code-server exited early (exit ${this.child.exitCode}); see ${logFile}`);
      const ok = await fetch(`${this.baseUrl}/healthz`).then((r) => r.ok, () => false);
      if (ok) {
        const page = await fetch(this.workbenchUrl);
        if (page.status !== 200) throw new Error(`code-server answered ${page.status} for the workbench page`);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`code-server did not become healthy within ${timeoutMs} ms`);
  }

  /** Called once if code-server exits (by itself or by stop()). */
  onExit(listener: (code: number | null) => void): void {
    void exited(this.child).then(listener);
  }

  /** Ends code-server, its extension hosts and their children (the whole process group). */
  async stop(): Promise<void> {
    await stopGroup(this.child);
  }
}

function spawnGroup(args: string[], env: NodeJS.ProcessEnv, logFile: string, maxSeconds: number): ChildProcess {
  const out = createWriteStream(logFile);
  // detached: a new session and process group led by `timeout`; code-server and everything it forks join it.
  const child = spawn('timeout', ['-k', '5', String(maxSeconds), process.execPath, CODE_SERVER_BIN, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

/** Whether the log of an exited process says `text` (its output may still be on its way to the file). */
async function logged(file: string, text: string): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if (existsSync(file) && readFileSync(file, 'utf8').includes(text)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM to the group, SIGKILL after a grace period; resolves when the group leader is gone. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const done = exited(child);
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
  if ((await Promise.race([done, timer])) === 'timeout') signal('SIGKILL');
  await done;
  // Stragglers (e.g. a Banyan server that ignored SIGTERM) are still in the group.
  signal('SIGKILL');
}

export function freePort(start?: number): Promise<number> {
  const tryPort = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === 'object' && address ? address.port : port));
      });
    });
  if (start === undefined) return tryPort(0);
  const scan = async (port: number): Promise<number> => {
    try {
      return await tryPort(port);
    } catch {
      if (port - start > 100) throw new Error(`no free port in ${start}–${port}`);
      return scan(port + 1);
    }
  };
  return scan(start);
}
