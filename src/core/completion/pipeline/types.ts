/**
 * The shared vocabulary of the completion pipeline (`completionEngine.ts` runs the stages in order:
 * skip → reuse → debounce → context → prompt → request → post-process).
 */
import { type Clock, systemClock as wallClock } from '../../llm/reliability/clock';
import type { FimRequest, StreamEvent } from '../../llm/types';
import type { ContextSnippet } from './contextStage';

/** One inline-completion request as the server sees it. */
export interface CompletionInput {
  /** Document identity (URI); per-document state (typed-ahead, typing rhythm) is keyed by it. */
  readonly uri: string;
  /** Absolute file-system path, when the document is a file. */
  readonly file?: string;
  /** Workspace-relative path with forward slashes (shown to repo-level prompt formats). */
  readonly relPath?: string;
  readonly text: string;
  /** Cursor as a character offset into `text`, and as a 0-based line/character. */
  readonly offset: number;
  readonly position: { readonly line: number; readonly character: number };
  readonly languageId: string;
  /** The user asked (keybinding) rather than typed. */
  readonly explicit: boolean;
  /** Editor indentation when known. */
  readonly indentUnit?: string;
  readonly tabSize?: number;
}

/** Where a suggestion came from. */
export type SuggestionSource = 'model' | 'inFlight' | 'typedAhead' | 'nextLines' | 'cache';

export interface Suggestion {
  /** Unique per shown suggestion; reported back on accept. */
  readonly id: string;
  readonly text: string;
  /** Characters left / right of the cursor the text replaces. */
  readonly replaceBefore: number;
  readonly replaceAfter: number;
}

/** Milliseconds spent per stage of one request (0 where a stage did not run). */
export interface CompletionTimings {
  skip: number;
  reuse: number;
  debounce: number;
  context: number;
  prompt: number;
  /** Request sent → first streamed text (model time). */
  firstToken: number;
  /** Request sent → stream ended or cut (model time). */
  model: number;
  postprocess: number;
  total: number;
}

export type CompletionOutcome =
  | { readonly kind: 'suggestion'; readonly suggestion: Suggestion; readonly source: SuggestionSource; readonly multiline: boolean; readonly timings: CompletionTimings; readonly snippets: readonly ContextSnippet[] }
  /** Nothing to show, and why (skip reason, empty after filters, model failure…). */
  | { readonly kind: 'none'; readonly reason: string; readonly timings: CompletionTimings; readonly error?: unknown }
  /** The request was cancelled (the user typed on, or moved away). */
  | { readonly kind: 'cancelled'; readonly timings: CompletionTimings };

/** The model as the pipeline needs it (the model layer's ModelClient satisfies it). */
export interface CompletionModel {
  complete(req: FimRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent>;
}

/**
 * Time, injected so the stages are testable without real waiting: the reliability layer's clock
 * (abortable sleep), with the pipeline's own system clock below.
 */
export type PipelineClock = Clock;

/**
 * The reliability clock with a monotonic, sub-millisecond `now` (stage timings are a few ms) and a
 * sleep that rejects with CancelledError, like every other stage, once the request's signal aborts.
 */
export const systemClock: PipelineClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    wallClock.sleep(ms, signal).catch(() => {
      throw new CancelledError();
    }),
};

/** Thrown by stages when the request's signal aborts. */
export class CancelledError extends Error {
  constructor() {
    super('completion request cancelled');
    this.name = 'CancelledError';
  }
}

export function emptyTimings(): CompletionTimings {
  return { skip: 0, reuse: 0, debounce: 0, context: 0, prompt: 0, firstToken: 0, model: 0, postprocess: 0, total: 0 };
}
