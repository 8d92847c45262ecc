/**
 * The shapes the edit engine speaks. Positions follow LSP and VS Code: 0-based lines, and characters
 * counted in UTF-16 code units (JavaScript string indices), so they can be handed to
 * `workspace/applyEdit` or a `vscode.TextEdit` without conversion.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Replace `range` of the original text with `newText`; several edits never overlap and all refer to the original. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** What the answer may change: the whole file (chat Apply, agent edit) or a selected range (rewrite). */
export type EditTarget =
  | { readonly kind: 'file' }
  | { readonly kind: 'range'; readonly range: Range };

export type EditStrategyName = 'whole-replacement' | 'unified-diff' | 'search-replace';

export interface ApplyOptions {
  /** Force a strategy (the agent's edit tool asks for search/replace blocks); default: detected from the answer's shape. */
  readonly strategy?: EditStrategyName;
  /** The document's file name or path: picks the right code block or diff section when the answer has several. */
  readonly fileName?: string;
  /** VS Code language id of the document (`typescript`, `python`…): picks the code block whose fence tag matches. */
  readonly languageId?: string;
  /** True when the model stopped because of its token limit (finish_reason `length`): such an answer is refused. */
  readonly truncated?: boolean;
  /** Allow a whole-file replacement that deletes most of a large file (otherwise refused as a probable snippet). */
  readonly allowLargeDeletion?: boolean;
}

/**
 * One changed run of whole lines, for an inline diff with per-hunk Accept/Reject. Each hunk's `edit` is
 * independent of the others (all refer to the original), so any subset of them can be applied.
 */
export interface LineHunk {
  /** First original line replaced (0-based). */
  readonly originalStart: number;
  /** Number of original lines replaced (0 for a pure insertion before `originalStart`). */
  readonly originalLength: number;
  /** First line of the replacement in the new text. */
  readonly newStart: number;
  readonly newLength: number;
  /** The same change as a whole-line text edit against the original. */
  readonly edit: TextEdit;
}

export interface EditSuccess {
  readonly ok: true;
  readonly strategy: EditStrategyName;
  /** Minimal edits against the original (empty when the answer changes nothing). */
  readonly edits: readonly TextEdit[];
  /** The whole document after the edits, byte for byte (BOM, line endings and trailing newline preserved). */
  readonly newText: string;
  readonly hunks: readonly LineHunk[];
  /** What the engine adjusted to fit the document (re-indented, converted tabs, stripped prose…), for logs and tooltips. */
  readonly notes: readonly string[];
}

export type EditFailureCode =
  | 'empty-answer'
  | 'no-code'
  | 'truncated-answer'
  | 'unterminated-fence'
  | 'ambiguous-code-blocks'
  | 'ambiguous-file'
  | 'elided-code'
  | 'probable-snippet'
  | 'overlaps-surroundings'
  | 'malformed-diff'
  | 'malformed-blocks'
  | 'no-context'
  | 'not-found'
  | 'ambiguous-match'
  | 'overlapping-changes'
  | 'uneven-indentation'
  | 'invalid-range';

export interface EditFailure {
  readonly ok: false;
  /** The strategy that refused (absent when the answer was refused before one was chosen). */
  readonly strategy?: EditStrategyName;
  readonly code: EditFailureCode;
  /** A sentence for the user that says what went wrong and what to do next. */
  readonly message: string;
  /**
   * The model's proposal for a manual merge. `document`: the whole document with the model's code in
   * place of the target (open it in a diff editor against the original). `answer`: the model's
   * patch or blocks as written, when they could not be placed.
   */
  readonly candidate?: { readonly kind: 'document' | 'answer'; readonly text: string };
}

export type EditResult = EditSuccess | EditFailure;
