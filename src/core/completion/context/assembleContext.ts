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
 * so the completion pipeline's time box and cancellation can cut a slow assembly short.
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
 * Builds the per-index tables context assembly reads (the symbol-name table), so the first completion
 * after indexing does not pay for them; later edits patch them file by file.
 */
export function warmCompletionContext(index: CodeIndex): void {
  symbolNames(index);
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

/**
 * The same result, giving the event loop a turn between steps once a slice of time is used (a fast
 * assembly never yields). Rejects with the signal's reason once it is aborted.
 */
export async function assembleCompletionContextCooperatively(input: AssembleContextInput, signal: AbortSignal, sliceMs = COOPERATIVE_SLICE_MS): Promise<AssembledContext> {
  const steps = assemblySteps(input);
  let sliceStart = performance.now();
  for (;;) {
    signal.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** The assembly, paused (`yield`) between its steps: cursor, similar, definitions, recent, pack. */
export function* assemblySteps(input: AssembleContextInput): Generator<void, AssembledContext, void> {
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

  // Similar snippets first: the definitions source reads what they write after the cursor's tokens.
  const similar = budget > 0 ? similarCandidates(index, file, cursor) : [];
  timings.similar = performance.now() - t;
  yield;
  t = performance.now();
  const definitions = budget > 0 ? definitionCandidates({ index, file, cursor, bindings, similarTexts: similar.map((s) => s.fullText ?? s.text) }) : [];
  timings.definitions = performance.now() - t;
  yield;
  t = performance.now();
  const edits = budget > 0 && input.recentEdits?.length ? recentEditCandidates(index, file, input.recentEdits) : [];
  const recentFiles = budget > 0 && input.recentFiles?.length ? recentFileCandidates(index, file, input.recentFiles, cursor) : [];
  timings.recent = performance.now() - t;
  yield;
  t = performance.now();

  const strong: ContextCandidate[] = [];
  const rest: ContextCandidate[] = [];
  for (const d of definitions) (d.score >= STRONG_DEFINITION ? strong : rest).push(d);
  const shares = [
    { candidates: edits, share: RECENT_EDIT_SHARE },
    { candidates: similar, share: input.similarShare ?? DEFAULT_SIMILAR_SHARE },
    { candidates: recentFiles, share: RECENT_FILE_SHARE },
  ].filter((g) => g.candidates.length);
  // The other definitions take what the sources above leave (at least their old minimum share).
  const restShare = Math.max(MIN_REST_SHARE, 1 - shares.reduce((n, g) => n + g.share, 0));
  const packed = packPrefix({ first: strong, shared: [...shares, { candidates: rest, share: restShare }] }, budget, count);
  timings.pack = performance.now() - t;
  timings.total = performance.now() - t0;
  return { snippets: packed.snippets, tokens: packed.tokens, timings };
}
