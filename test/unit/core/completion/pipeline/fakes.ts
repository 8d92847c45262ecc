/** Test doubles for the pipeline: a clock that never really waits, and a scriptable streaming model. */
import type { FimRequest, StreamEvent } from '@src/core/llm/types';
import { CancelledError, type CompletionModel, type PipelineClock } from '@src/core/completion/pipeline/types';

/** Time advances only by the sleeps asked for; a sleep resolves on the next microtask. */
export class FakeClock implements PipelineClock {
  time = 1000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return Promise.resolve().then(() => {
      if (signal?.aborted) throw new CancelledError();
      this.time += ms;
    });
  }
}

/** Resolves when `release()` is called; used to hold a stream open. */
export function gate(): { promise: Promise<void>; release(): void } {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

export interface ModelCall {
  request: FimRequest;
  signal: AbortSignal | undefined;
  /** The consumer stopped reading (early stop or abort): the HTTP request would be closed. */
  closed: boolean;
}

/**
 * A model that streams `chunks(request)` piece by piece; `hold` keeps the stream open after the
 * pieces until released (or aborted); `fail` throws instead.
 */
export class FakeModel implements CompletionModel {
  readonly calls: ModelCall[] = [];
  constructor(
    private readonly chunks: (req: FimRequest) => string[],
    private readonly options: { hold?: Promise<void>; fail?: Error } = {},
  ) {}

  async *complete(request: FimRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
    const call: ModelCall = { request, signal, closed: false };
    this.calls.push(call);
    try {
      if (this.options.fail) throw this.options.fail;
      for (const text of this.chunks(request)) {
        if (signal?.aborted) throw new CancelledError();
        yield { type: 'text', text };
      }
      if (this.options.hold) {
        await Promise.race([this.options.hold, new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new CancelledError())))]);
      }
      yield { type: 'done', finishReason: 'stop', usage: { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reported: false }, timing: { queuedMs: 0, headersMs: 0, firstTokenMs: 0, totalMs: 0, attempts: 1 }, endpoint: 'fake', model: 'fake' };
    } finally {
      call.closed = true;
    }
  }
}
