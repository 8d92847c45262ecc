/**
 * A bounded pool of parse workers. Callers hand it batches of files and await the results; the pool
 * never runs more workers than it was given (default: all cores but one, so the editor keeps a core).
 * With size 0 it parses inline on the calling thread — for the CLI's few changed files, where starting
 * a worker costs more than the work.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { type FileResult, type FileTask, processFile } from './fileProcessor';
import { TreeSitterRuntime } from './treeSitterRuntime';

export interface WorkerSetup {
  readonly grammarsDir?: string;
}
export interface WorkerRequest {
  readonly id: number;
  readonly tasks: readonly FileTask[];
}
export type WorkerReply = { readonly id: number; readonly results: FileResult[] } | { readonly id: number; readonly error: string };

export interface ParserPoolOptions {
  /** Number of worker threads; 0 parses inline. */
  readonly size: number;
  readonly grammarsDir?: string;
  /** The worker script; found next to the bundle (dist/workers) or the source by default. */
  readonly workerScript?: string;
}

/** Default worker count: leave one core to the editor and everything else, at least one worker. */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

const WORKER_YOUNG_GENERATION_MB = 8;

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: FileResult[]) => void; reject: (e: Error) => void }>;
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private inlineRuntime: Promise<TreeSitterRuntime> | undefined;
  private closed = false;

  constructor(private readonly options: ParserPoolOptions) {}

  get size(): number {
    return this.options.size;
  }

  /** Processes one batch on the least busy worker. Rejects if the worker dies (the caller may retry per file). */
  async process(tasks: readonly FileTask[]): Promise<FileResult[]> {
    if (this.closed) throw new Error('parser pool is closed');
    if (this.options.size === 0) return this.processInline(tasks);
    const slot = this.pickSlot();
    const id = this.nextId++;
    return new Promise<FileResult[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref(); // keep the process alive while work is out
      slot.worker.postMessage({ id, tasks } satisfies WorkerRequest);
    });
  }

  /** Workers running now (they start with the first batch and end on releaseIdle or close). */
  get workers(): number {
    return this.slots.length;
  }

  /** Batches in flight across all workers. */
  inFlight(): number {
    return this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /**
   * Ends the workers that have nothing to do; the pool starts new ones when work comes (each loads the
   * tree-sitter runtime and its grammars again: ≈ 60 MB a worker holds while it lives).
   */
  async releaseIdle(): Promise<void> {
    const idle = this.slots.filter((s) => s.pending.size === 0);
    for (const s of idle) this.slots.splice(this.slots.indexOf(s), 1);
    await Promise.all(idle.map((s) => s.worker.terminate()));
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private async processInline(tasks: readonly FileTask[]): Promise<FileResult[]> {
    this.inlineRuntime ??= TreeSitterRuntime.shared(this.options.grammarsDir);
    const rt = await this.inlineRuntime;
    const out: FileResult[] = [];
    for (const task of tasks) out.push(await processFile(rt, task));
    return out;
  }

  private pickSlot(): Slot {
    if (this.slots.length < this.options.size) {
      const idle = this.slots.find((s) => s.pending.size === 0);
      if (idle) return idle;
      return this.spawn();
    }
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const script = resolveWorkerScript(this.options.workerScript);
    const workerData = { grammarsDir: this.options.grammarsDir } satisfies WorkerSetup;
    // From source (tests, bench) the worker is TypeScript: load it through tsx's CommonJS hook.
    // A worker's garbage is short-lived (query matches, node wrappers): a small young generation
    // keeps its memory down at no measurable cost in speed.
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    // Required here, not at the top: a CLI call that parses its few files inline never loads it.
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`, { eval: true, workerData, resourceLimits })
      : new Worker(script, { workerData, resourceLimits });
    worker.unref(); // an idle pool must not keep a CLI process alive
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.results);
    });
    const fail = (err: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const w of slot.pending.values()) w.reject(err);
      slot.pending.clear();
    };
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`parse worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

/** dist/workers/parseWorker.js from the bundle; the TypeScript source when running under tsx (tests, bench). */
function resolveWorkerScript(explicit: string | undefined): string {
  const candidates = [explicit, path.join(__dirname, 'workers', 'parseWorker.js'), path.join(__dirname, 'parseWorker.ts'), path.join(__dirname, 'parseWorker.js')];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error(`parse worker script not found (looked for ${candidates.filter(Boolean).join(', ')})`);
  return found;
}
