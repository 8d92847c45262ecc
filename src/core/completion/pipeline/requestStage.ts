/**
 * Stage: the streamed model request, with early stop and in-flight reuse.
 *
 * A run belongs to the engine, not to the LSP request that started it: when the editor cancels that
 * request (the user typed another character) the run keeps streaming for a short grace period, so
 * the next request can adopt it if the new prefix extends it (`InFlightRequests.plan`). A run the
 * next request cannot use is aborted at once, and an orphan at the end of its grace period; either
 * way the AbortSignal closes the HTTP socket, so the model stops generating.
 *
 * The grace period only runs while no newer request has come (a newer one that cannot adopt the run
 * aborts it at once), so it can be long enough for a busy editor: an explicit re-ask (Alt+\) cancels
 * the request before it sends the new one, and a run that outlived every gap in between would start
 * over each time — on a CPU model whose prompt takes seconds, forever.
 */
/** How long a run nobody waits for keeps streaming for a request that may adopt it. */
export const ORPHAN_GRACE_MS = 1_000;
import type { FimRequest } from '../../llm/types';
import { InFlightRequests } from '../economy/inFlightReuse';
import { BlockEndDetector, type StreamCutInput } from '../streaming/blockEndDetector';
import { CancelledError, type CompletionModel, type PipelineClock } from './types';

export interface RunResult {
  /** The answer up to the early-stop cut. */
  readonly text: string;
  readonly firstTokenMs: number;
  readonly modelMs: number;
  /** Set when the model failed (the text is then whatever streamed before). */
  readonly error?: unknown;
}

export interface ModelRun {
  readonly id: number;
  readonly result: Promise<RunResult>;
}

interface RunState extends ModelRun {
  readonly controller: AbortController;
  attached: number;
  grace?: AbortController;
}

export class ModelRuns {
  private readonly inFlight = new InFlightRequests();
  private readonly runs = new Map<number, RunState>();
  private nextId = 1;
  /** Model requests started (for metrics and the bench). */
  started = 0;

  constructor(
    private readonly clock: PipelineClock,
    private readonly graceMs = ORPHAN_GRACE_MS,
  ) {}

  /**
   * For a new cursor context: a run to adopt (its answer minus what the user typed since), after
   * aborting every streaming run that cannot serve it.
   */
  adopt(prefix: string, suffix: string): { run: ModelRun; typed: string } | undefined {
    const plan = this.inFlight.plan(prefix, suffix);
    for (const id of plan.cancel) this.abort(id);
    if (!plan.reuse) return undefined;
    const run = this.runs.get(plan.reuse.id);
    return run ? { run, typed: plan.reuse.typed } : undefined;
  }

  /** Starts streaming `request` for the cursor context (full document `prefix`/`suffix`). */
  start(model: CompletionModel, request: FimRequest, prefix: string, suffix: string, cut: StreamCutInput): ModelRun {
    const id = this.nextId++;
    const controller = new AbortController();
    this.inFlight.start(id, prefix, suffix);
    this.started++;
    const state: RunState = { id, controller, attached: 0, result: this.stream(id, model, request, cut, controller.signal) };
    this.runs.set(id, state);
    void state.result.finally(() => {
      this.runs.delete(id);
      this.inFlight.remove(id);
    });
    return state;
  }

  /** Waits for a run's answer on behalf of one request; a cancelled request lets go of the run. */
  async resultFor(run: ModelRun, signal: AbortSignal): Promise<RunResult> {
    const state = this.runs.get(run.id);
    if (!state) return run.result;
    state.attached++;
    state.grace?.abort();
    state.grace = undefined;
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError());
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([run.result, cancelled]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
      state.attached--;
      if (state.attached === 0 && this.runs.has(run.id)) this.orphan(state);
    }
  }

  /** Aborts every run (shutdown, settings change). */
  abortAll(): void {
    for (const id of [...this.runs.keys()]) this.abort(id);
  }

  get inFlightCount(): number {
    return this.runs.size;
  }

  private orphan(state: RunState): void {
    const grace = new AbortController();
    state.grace = grace;
    this.clock.sleep(this.graceMs, grace.signal).then(
      () => {
        if (state.attached === 0) this.abort(state.id);
      },
      () => undefined,
    );
  }

  private abort(id: number): void {
    const state = this.runs.get(id);
    if (!state) return;
    state.grace?.abort();
    state.controller.abort();
    this.inFlight.remove(id);
  }

  private async stream(id: number, model: CompletionModel, request: FimRequest, cut: StreamCutInput, signal: AbortSignal): Promise<RunResult> {
    const started = this.clock.now();
    let firstTokenMs = 0;
    const detector = new BlockEndDetector(cut);
    try {
      for await (const ev of model.complete(request, signal)) {
        if (ev.type !== 'text') continue;
        if (!firstTokenMs) firstTokenMs = this.clock.now() - started;
        this.inFlight.append(id, ev.text);
        // Leaving the loop ends the generator, which closes the HTTP request: the early stop.
        if (detector.push(ev.text)) break;
      }
      this.inFlight.finish(id);
      return { text: detector.text, firstTokenMs, modelMs: this.clock.now() - started };
    } catch (error) {
      this.inFlight.finish(id);
      return { text: detector.text, firstTokenMs, modelMs: this.clock.now() - started, error: signal.aborted ? new CancelledError() : error };
    }
  }
}
