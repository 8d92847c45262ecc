/**
 * Stage: repository context for the prompt (definitions of the symbols near the cursor, similar
 * snippets, recent edits), assembled by the context engine under a token budget and time-boxed: a
 * slow index must not hold the suggestion back, so when the box closes the prompt goes out with what
 * the source found by then (it is told to stop, and gets one event-loop turn to answer), else without.
 */
import type { PipelineClock } from './types';
import { CancelledError } from './types';

export interface ContextSnippet {
  /** Workspace-relative path. */
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
  readonly source: string;
  readonly score: number;
}

export interface ContextRequest {
  readonly file: string;
  readonly text: string;
  readonly position: { readonly line: number; readonly character: number };
  readonly languageId: string;
  readonly budgetTokens: number;
  /** The time box: by then the source should have answered with what it has (the stage passes it). */
  readonly timeBoxMs?: number;
}

/**
 * Where context comes from (the server wires the index's context assembler here). When `signal` aborts
 * with ContextTimeBoxClosed, a source should resolve at once with what it has found.
 */
export type ContextSource = (request: ContextRequest, signal: AbortSignal) => Promise<{ readonly snippets: readonly ContextSnippet[]; readonly timings?: ContextSourceTimings }>;

/** Milliseconds of the source's own work, per step (the slowest requests' report shows them). */
export type ContextSourceTimings = Readonly<Record<string, number>>;

export interface ContextResult {
  readonly snippets: readonly ContextSnippet[];
  /** Why there is none: no source, no file, budget 0, timed out, failed. */
  readonly missing?: string;
  /** Why the snippets are partial: the time box closed before the source was done. */
  readonly cut?: string;
  readonly timings?: ContextSourceTimings;
}

/** The abort reason a source sees when the time box closes (as opposed to a cancelled request). */
export class ContextTimeBoxClosed extends Error {
  constructor(readonly timeBoxMs: number) {
    super(`context took over ${timeBoxMs} ms`);
    this.name = 'ContextTimeBoxClosed';
  }
}

export async function contextStage(
  source: ContextSource | undefined,
  request: Omit<ContextRequest, 'file'> & { readonly file: string | undefined },
  clock: PipelineClock,
  timeBoxMs: number,
  signal: AbortSignal,
): Promise<ContextResult> {
  if (!source) return { snippets: [], missing: 'no index' };
  if (!request.file) return { snippets: [], missing: 'not a file' };
  if (request.budgetTokens <= 0) return { snippets: [], missing: 'budget 0' };
  const box = new AbortController();
  const onAbort = () => box.abort(new CancelledError());
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const timeout = clock.sleep(timeBoxMs, box.signal).then(() => 'timeout' as const, () => 'cancelled' as const);
    const work = source({ ...request, file: request.file, timeBoxMs }, box.signal).then((r) => r, (err: unknown) => ({ error: err }));
    const first = await Promise.race([work, timeout]);
    if (signal.aborted) throw new CancelledError();
    if (first === 'cancelled') throw new CancelledError();
    if (first === 'timeout') {
      // A cooperative source waiting for its next turn packs what it found as soon as it is told.
      box.abort(new ContextTimeBoxClosed(timeBoxMs));
      const late = await Promise.race([work, new Promise<'late'>((resolve) => setImmediate(() => resolve('late')))]);
      if (signal.aborted) throw new CancelledError();
      if (late !== 'late' && !('error' in late) && late.snippets.length) return { snippets: late.snippets, cut: `took over ${timeBoxMs} ms`, ...timingsOf(late) };
      return { snippets: [], missing: `took over ${timeBoxMs} ms` };
    }
    if ('error' in first) return { snippets: [], missing: `failed: ${first.error instanceof Error ? first.error.message : String(first.error)}` };
    return { snippets: first.snippets, ...timingsOf(first) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    box.abort();
  }
}

function timingsOf(result: { readonly timings?: ContextSourceTimings }): { timings?: ContextSourceTimings } {
  return result.timings ? { timings: result.timings } : {};
}
