/**
 * The repository context of one completion: `assembleCompletionContext` runs the context sources
 * (definitions near the cursor, similar snippets, recent edits and files) and packs their proposals
 * under the token budget, in the order the prompt should carry them: strong definitions (typed name,
 * receiver members, imported/used-later names) first, then recent edits, similar snippets, recent
 * files and the other definitions interleaved, each near its share of the tokens. The order does not
 * depend on the budget (packSnippets): a larger budget only adds snippets at the end.
 * The document's own prefix and suffix are not part of it.
 *
 * The work runs as steps (assemblySteps): all at once for the CLI, or cooperatively for the editor
 * (assembleCompletionContextCooperatively): when a step has taken a while it yields to the event loop,
 * and a deadline or an abort skips the sources not run yet, so the completion pipeline's time box gets
 * what was found by then.
 */
import { readCursorContext } from './cursorContext';
import { definitionCandidates } from './definitionSource';
import { importBindings } from './importBindings';
import { packPrefix } from './packSnippets';
import { recentEditCandidates, recentFileCandidates } from './recentSource';
import { similarCandidates } from './similarSource';
import { symbolNames } from './symbolNames';
import type { CodeIndex } from '../../index/codeIndex';
import { type AssembleContextInput, type AssembledContext, type ContextCandidate, type ContextTimings, defaultCountTokens } from './types';

/** Definitions scoring at least this are placed before every other source. */
export const STRONG_DEFINITION = 40;
export const DEFAULT_SIMILAR_SHARE = 0.25;
const RECENT_EDIT_SHARE = 0.2;
const RECENT_FILE_SHARE = 0.15;
const MIN_REST_SHARE = 0.4;

/**
 * Builds what context assembly reads, so the first completion after indexing does not pay for it: the
 * symbol-name table (later edits patch it file by file) and, for an index restored from its snapshot,
 * the search postings it rebuilds on first use (one query does it; on a restart the first keystroke's
 * similar-code search paid for it, and it grows with the workspace).
 */
export function warmCompletionContext(index: CodeIndex): void {
  symbolNames(index);
  index.similar('warm', { limit: 1 });
}

/** A cooperative assembly yields after a step once this much time has passed since it last did. */
const COOPERATIVE_SLICE_MS = 4;

export function assembleCompletionContext(input: AssembleContextInput): AssembledContext {
  const steps = assemblySteps(input);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface CooperativeOptions {
  /** Yield once a step has used this much time since the last turn (default 4 ms). */
  readonly sliceMs?: number;
  /** Stop gathering once `now()` passes this (the time box), and pack what was found by then. */
  readonly deadline?: number;
  /** The clock `deadline` is on (default performance.now). */
  readonly now?: () => number;
}

/**
 * The same result, giving the event loop a turn between steps once a slice of time is used (a fast
 * assembly never yields). When `signal` aborts or the deadline passes, the sources not run yet are
 * skipped and what was found so far is packed (the strongest definitions first): a closing time box
 * gets a partial context, never nothing. Rejects only when `signal` was aborted before it started.
 */
export async function assembleCompletionContextCooperatively(input: AssembleContextInput, signal: AbortSignal, options: CooperativeOptions = {}): Promise<AssembledContext> {
  signal.throwIfAborted();
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? COOPERATIVE_SLICE_MS;
  const deadline = options.deadline ?? Infinity;
  const steps = assemblySteps(input, () => signal.aborted || now() >= deadline);
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/**
 * The assembly, paused (`yield`) between its steps: cursor, definitions (which ask for the similar
 * snippets when they need them), similar, recent, pack. Once `stop()` is true the remaining sources are
 * skipped (definitions return those found so far) and the candidates gathered are packed.
 */
export function* assemblySteps(input: AssembleContextInput, stop: () => boolean = () => false): Generator<void, AssembledContext, void> {
  const t0 = performance.now();
  const count = input.countTokens ?? defaultCountTokens;
  const budget = Math.max(0, Math.floor(input.budgetTokens));
  const timings: ContextTimings = { cursor: 0, definitions: 0, similar: 0, recent: 0, pack: 0, total: 0 };
  const { index, file } = input;
  const entry = index.file(file);
  const cursor = readCursorContext(input.text, input.position.line, input.position.character, entry?.imports ?? []);
  const bindings = importBindings(index, file, cursor.lines);
  let t = performance.now();
  timings.cursor = t - t0;
  yield;

  // Definitions first (the strongest context when the box closes early); they read what similar
  // snippets write after the cursor's tokens, so the similar source runs when they first ask.
  let similar: ContextCandidate[] | undefined;
  const similarNow = (): ContextCandidate[] => {
    if (similar) return similar;
    const ts = performance.now();
    similar = budget > 0 ? similarCandidates(index, file, cursor) : [];
    timings.similar = performance.now() - ts;
    return similar;
  };
  // The typed name's and the receiver's definitions are always looked up: a partial context has them.
  const definitions = budget > 0
    ? definitionCandidates({ index, file, cursor, bindings, similarTexts: () => similarNow().map((s) => s.fullText ?? s.text), stop })
    : [];
  timings.definitions = performance.now() - t - timings.similar;
  yield;
  if (!similar && !stop()) similarNow();
  yield;
  t = performance.now();
  const live = !stop();
  const edits = live && budget > 0 && input.recentEdits?.length ? recentEditCandidates(index, file, input.recentEdits) : [];
  const recentFiles = live && budget > 0 && input.recentFiles?.length ? recentFileCandidates(index, file, input.recentFiles, cursor) : [];
  timings.recent = performance.now() - t;
  yield;
  t = performance.now();

  const strong: ContextCandidate[] = [];
  const rest: ContextCandidate[] = [];
  for (const d of definitions) (d.score >= STRONG_DEFINITION ? strong : rest).push(d);
  const shares = [
    { candidates: edits, share: RECENT_EDIT_SHARE },
    { candidates: similar ?? [], share: input.similarShare ?? DEFAULT_SIMILAR_SHARE },
    { candidates: recentFiles, share: RECENT_FILE_SHARE },
  ].filter((g) => g.candidates.length);
  // The other definitions take what the sources above leave (at least their old minimum share).
  const restShare = Math.max(MIN_REST_SHARE, 1 - shares.reduce((n, g) => n + g.share, 0));
  const packed = packPrefix({ first: strong, shared: [...shares, { candidates: rest, share: restShare }] }, budget, count);
  timings.pack = performance.now() - t;
  timings.total = performance.now() - t0;
  return { snippets: packed.snippets, tokens: packed.tokens, timings };
}
