/**
 * # The edit engine
 *
 * Every change a model proposes to a file — a rewrite of a selection, a chat code block applied to
 * a file, an agent's edit — becomes TextEdits here and nowhere else:
 *
 *     applyModelAnswer(originalText, modelAnswer, target, options) → EditResult
 *     applyCodeBlock(originalText, { code, language }, target, options) → EditResult   (chat Apply)
 *
 * `target` is `{ kind: 'file' }` or `{ kind: 'range', range }` (0-based lines, UTF-16 characters).
 * The result is either `{ ok: true, edits, newText, hunks, notes }` — minimal edits against the
 * original, the whole new text, whole-line hunks for a per-hunk Accept/Reject view — or
 * `{ ok: false, code, message, candidate }`: a reason the user can act on and, where there is one,
 * the model's proposal for a manual merge in a diff editor. `streamingPreview(partialAnswer)` gives
 * the code to show while a rewrite still streams.
 *
 * ## Strategies (one file each under `strategies/`, chosen by `detectStrategy` or by the caller)
 * - **whole-replacement**: the answer is the new code of the target. Fences and the prose around
 *   them are stripped (a fence's file name or language picks among several blocks; shell snippets
 *   are ignored; two candidate blocks are refused). For a selection: its base indentation, the
 *   blank lines around it and the file's tabs or spaces are restored, and an answer that repeats
 *   the whole file or the enclosing function is trimmed back to the selection (a one-sided or
 *   changed copy of surrounding code is refused). For a whole file: an answer that is one block
 *   (a function, a method) replaces the block of the file with the same first line; an answer
 *   that would drop much of the file without starting like it is refused as a snippet.
 * - **unified-diff**: hunks placed by their context and removed lines only (line numbers and
 *   counts in `@@` headers are ignored; a multi-file diff is cut to this document's section).
 * - **search-replace**: Aider/Cline `<<<<<<< SEARCH` / `=======` / `>>>>>>> REPLACE` blocks.
 *   Diff hunks and SEARCH parts are matched exactly, then ignoring trailing whitespace, then
 *   ignoring indentation (new lines re-indented by the one uniform rule that maps the quoted lines
 *   onto the file's); each must match exactly one place, and none may overlap another (blocks
 *   written as a sequence, a later one quoting an earlier one's result, are applied in order).
 *
 * ## Guarantees
 * - Never a guess: an answer that fits no place, fits several, overlaps itself, is cut off (an
 *   unclosed fence or block, or `options.truncated`), is empty, declines, or leaves code out
 *   (`// ... rest of the code`) is refused as a whole — no partial application.
 * - The result is exactly the model's change: unchanged lines keep their bytes and line endings,
 *   a BOM is never added or removed, the trailing newline stays as it was, new lines get the
 *   file's line ending. Character offsets count UTF-16 units and no edit splits a surrogate pair,
 *   a combining sequence or a CRLF.
 * - Pure and synchronous: no I/O, no editor, no clock. `staleGuard` stamps the document version
 *   (plus a text hash) an edit was computed on, and `RewriteSessions` cancels a rewrite when its
 *   document changes or a new rewrite of an overlapping range starts.
 *
 * Golden cases: `test/unit/core/edit/golden/<strategy>/*.toml`. The property test
 * (`test/unit/core/edit/editFuzz.test.ts`) checks that valid answers give exactly the intended
 * edit and malformed ones (cut off, reordered, duplicated, corrupted, with garbage) a refusal or
 * exactly the intended edit — never another file.
 */
export { applyModelAnswer, EDIT_STRATEGIES } from './applyModelAnswer';
export { applyCodeBlock, type CodeBlockToApply } from './applyCodeBlock';
export { streamingPreview, type StreamingPreview } from './streamingPreview';
export { applyTextEdits } from './applyTextEdits';
export { computeTextEdits } from './computeTextEdits';
export { detectStrategy } from './detectStrategy';
export { RewriteCancelledError, RewriteSessions, rangesOverlap, type RewriteCancelReason, type RewriteSession } from './rewriteSessions';
export { checkStamp, hashText, stampDocument, type DocumentStamp, type StampCheck } from './staleGuard';
export type {
  ApplyOptions, EditFailure, EditFailureCode, EditResult, EditStrategyName, EditSuccess, EditTarget, LineHunk, Position, Range, TextEdit,
} from './types';
