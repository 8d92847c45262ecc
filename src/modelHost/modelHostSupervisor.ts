/**
 * Starts and watches the model host process for whoever runs models (the language server, the CLI)
 * and is the ModelHostTransport the `embedded` provider talks to. The host starts on first use, a
 * crash fails the requests in flight with a clear error and the host starts again (with backoff, and
 * not at all after too many crashes in a row until the next request), so the index and the language
 * server never go down with llama.cpp.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ModelError } from '../core/llm/errors';
import type { HostCall, HostEvent, HostMessage, HostModelRef, HostOptions, HostRequest } from '../core/llm/embedded/hostProtocol';
import type { ModelHostTransport } from '../core/llm/embedded/modelHostTransport';
import type { LocalModelStore } from '../core/localModels/localModelStore';
import type { Logger } from '../core/logging/logger';

export interface HostEntry {
  readonly script: string;
  readonly execArgv: readonly string[];
}

/** dist/modelHost.js next to the bundle; from source (tests under tsx) this folder's main.ts. */
export function defaultHostEntry(): HostEntry {
  const bundled = path.join(__dirname, 'modelHost.js');
  if (existsSync(bundled)) return { script: bundled, execArgv: [] };
  return { script: path.join(__dirname, 'main.ts'), execArgv: ['--import', 'tsx'] };
}

export interface SupervisorOptions {
  readonly store: LocalModelStore;
  readonly logger: Logger;
  readonly host?: HostEntry;
  /** Folder relative model paths are resolved against (the first workspace folder, the CLI's cwd). */
  readonly baseDir?: () => string | undefined;
  /** Folders whose .gguf files are not run: an untrusted workspace's (the server's trust state). */
  readonly untrustedFolders?: () => readonly string[];
  /** Crashes within `crashWindowMs` after which the host is only started again by a request. */
  readonly maxRestarts?: number;
  readonly crashWindowMs?: number;
}

interface Pending {
  readonly child: ChildProcess;
  push(ev: HostEvent): void;
}

export class ModelHostSupervisor implements ModelHostTransport {
  private child: ChildProcess | undefined;
  private ready: Promise<ChildProcess> | undefined;
  private options: HostOptions = { threads: 0, contextSize: 0, gpu: 'auto', idleUnloadMs: 15 * 60_000 };
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private crashes: number[] = [];
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private warm = false;
  /** For tests and the bench: how many times a host process was started. */
  starts = 0;

  constructor(private readonly o: SupervisorOptions) {}

  configure(options: HostOptions): void {
    const changed = JSON.stringify(options) !== JSON.stringify(this.options);
    this.options = options;
    if (changed && this.child?.connected) this.send(this.child, { op: 'configure', options });
  }

  /** Starts the host and loads its runtime now (a role was set to the built-in model). */
  warmUp(): void {
    this.warm = true;
    void this.start().then((c) => this.send(c, { op: 'warmUp' }), (err: unknown) => this.o.logger.warn(`the model host did not start: ${String(err)}`));
  }

  /** The host's process id while it runs. */
  pid(): number | undefined {
    return this.child?.pid;
  }

  resolveModel(model: string, role: string): HostModelRef {
    const r = this.o.store.resolve(model, role, this.o.baseDir?.(), this.o.untrustedFolders?.());
    return { path: r.path, label: r.label };
  }

  localModels(): string[] {
    return this.o.store.list().map((m) => m.id);
  }

  async *call(request: HostCall, signal: AbortSignal): AsyncGenerator<HostEvent> {
    if (signal.aborted) throw signal.reason;
    const child = await this.start();
    if (signal.aborted) throw signal.reason;
    const id = ++this.nextId;
    const queue: HostEvent[] = [];
    let wake: (() => void) | undefined;
    const push = (ev: HostEvent) => {
      queue.push(ev);
      wake?.();
    };
    this.pending.set(id, { child, push });
    const onAbort = () => {
      // The host stops generating and frees the sequence; the caller is told at once.
      if (child.connected) this.send(child, { op: 'cancel', id });
      wake?.();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (!child.connected) push({ id, type: 'error', kind: 'server', message: 'the built-in model\'s host process stopped before the request reached it; it is started again for the next request' });
      else this.send(child, { id, ...request } as HostRequest);
      for (;;) {
        if (signal.aborted) throw signal.reason;
        const ev = queue.shift();
        if (!ev) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        yield ev;
        if (ev.type === 'done' || ev.type === 'result' || ev.type === 'error') return;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.pending.delete(id);
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Disconnecting lets the host unload its models and exit; a host that hangs is killed.
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  // ─────────────── process ───────────────

  private start(): Promise<ChildProcess> {
    if (this.disposed) return Promise.reject(new ModelError('config', 'the model host was shut down'));
    if (this.ready) return this.ready;
    const entry = this.o.host ?? defaultHostEntry();
    this.starts++;
    const child = fork(entry.script, [], { execArgv: [...entry.execArgv], stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
    this.child = child;
    const log = (data: Buffer) => {
      for (const line of data.toString('utf8').split('\n')) if (line.trim()) this.o.logger.debug(`model host: ${line.trimEnd()}`);
    };
    child.stdout?.on('data', log);
    child.stderr?.on('data', log);
    this.ready = new Promise<ChildProcess>((resolve, reject) => {
      child.on('message', (m: HostMessage) => {
        if (m.type === 'ready') {
          this.o.logger.info(`model host started (pid ${m.pid})`);
          this.send(child, { op: 'configure', options: this.options });
          resolve(child);
        } else if (m.type === 'log') this.o.logger[m.level](`model host: ${m.message}`);
        else this.pending.get(m.id)?.push(m);
      });
      child.once('error', (err) => reject(new ModelError('server', `the model host could not start: ${err.message}`)));
      child.once('exit', (code, sig) => {
        reject(new ModelError('server', `the model host exited during start-up (${sig ?? `code ${code}`})`, { fix: 'See the Banyan log' }));
        this.onExit(child, code, sig);
      });
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private onExit(child: ChildProcess, code: number | null, sig: NodeJS.Signals | null): void {
    if (this.child === child) {
      this.child = undefined;
      this.ready = undefined;
    }
    const how = sig ? `signal ${sig}` : `exit code ${code}`;
    let failed = 0;
    for (const [id, p] of this.pending) {
      if (p.child !== child) continue;
      failed++;
      p.push({
        id, type: 'error', kind: 'server',
        message: `the built-in model's host process stopped unexpectedly (${how}); it is started again for the next request`,
        fix: 'If this repeats, the model may need more memory than is free: pick a smaller one (Banyan: Download Model…)',
      });
    }
    if (this.disposed) return;
    this.o.logger.warn(`model host (pid ${child.pid}) stopped: ${how}${failed ? `, ${failed} request(s) failed` : ''}`);
    const now = Date.now();
    const window = this.o.crashWindowMs ?? 180_000;
    this.crashes = [...this.crashes.filter((t) => now - t < window), now];
    const max = this.o.maxRestarts ?? 5;
    if (this.crashes.length > max) {
      this.o.logger.error(`model host crashed ${this.crashes.length} times in ${Math.round(window / 1000)} s; it starts again only for the next request`);
      return;
    }
    // Started again now (with backoff) so the next request finds the runtime loaded.
    const delay = Math.min(250 * 2 ** (this.crashes.length - 1), 10_000);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.disposed || this.child) return;
      if (this.warm) this.warmUp();
      else void this.start().catch(() => undefined);
    }, delay);
    this.restartTimer.unref?.();
  }

  private send(child: ChildProcess, message: HostRequest): void {
    try {
      child.send(message);
    } catch (err) {
      this.o.logger.debug(`model host: message not sent: ${String(err)}`);
    }
  }
}
