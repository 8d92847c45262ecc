import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { IndexStatusRequest, type IndexStats } from '@src/protocol/lsp';
import type { NotificationDef, RequestDef } from '@src/protocol/typed';
import { until } from './until';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface LspSessionOptions {
  /** Spawn through `banyan serve --stdio` instead of dist/server.js --stdio. */
  viaCli?: boolean;
  workspace?: string;
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Node flags for the server process (a bench profiling it: `--cpu-prof`). */
  nodeArgs?: readonly string[];
  /** Another build's server (a bench comparing two builds in one run); dist/server.js by default. */
  serverJs?: string;
}

/**
 * A real LSP session against the built server over stdio: spawn, initialize, talk, shut down.
 * Records every notification the server sends and everything it logs.
 */
export class LspSession {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  stderr = '';
  private readonly waiters: { method: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];

  constructor(private readonly options: LspSessionOptions = {}) {
    const args = [...(options.nodeArgs ?? []), ...(options.viaCli ? [CLI_JS, 'serve', '--stdio'] : [options.serverJs ?? SERVER_JS, '--stdio'])];
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
      for (const w of [...this.waiters]) {
        if (w.method === method && w.pred(params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    // Answer the server's own requests the way a minimal client would.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }> {
    const ws = this.options.workspace;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: ws ? pathToFileURL(ws).toString() : null,
      workspaceFolders: ws ? [{ uri: pathToFileURL(ws).toString(), name: path.basename(ws) }] : null,
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true } },
      initializationOptions: { clientKind: 'cli', ...this.options.initializationOptions },
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** The index status once the server's index is idle with at least `minFiles` files. */
  indexIdle(minFiles = 1, timeoutMs?: number): Promise<IndexStats> {
    return until('the index to finish', async () => {
      const st = await this.request(IndexStatusRequest, undefined);
      return st.state === 'idle' && st.files >= minFiles ? st : undefined;
    }, timeoutMs);
  }

  request<P, R>(def: RequestDef<P, R, 'clientToServer'>, params: P): Promise<R> {
    return this.connection.sendRequest(def.method, params) as Promise<R>;
  }

  notify<P>(def: NotificationDef<P, 'clientToServer'>, params: P): Promise<void> {
    return this.connection.sendNotification(def.method, params);
  }

  /** Answers a server → client request the way the extension would. */
  onRequest<P, R>(def: RequestDef<P, R, 'serverToClient'>, handler: (params: P) => R | Promise<R>): void {
    this.connection.onRequest(def.method, (params: P): unknown => handler(params));
  }

  /** Resolves with the first notification (already received or future) that matches; 30 s by default like until(), for a busy machine. */
  waitForNotification<P>(def: NotificationDef<P, 'serverToClient'> | string, pred: (p: P) => boolean = () => true, timeoutMs = 30_000): Promise<P> {
    const method = typeof def === 'string' ? def : def.method;
    const seen = this.notifications.find((n) => n.method === method && pred(n.params as P));
    if (seen) return Promise.resolve(seen.params as P);
    return new Promise<P>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs);
      this.waiters.push({
        method,
        pred: (p) => pred(p as P),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as P);
        },
      });
    });
  }

  /** shutdown + exit; resolves with the process exit code. */
  async close(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
    return code;
  }
}
