/**
 * The shapes the next-edit engine speaks. Lines are 0-based and ranges of lines inclusive; positions
 * follow LSP (UTF-16 characters). Files are absolute paths inside the engine; the protocol turns them
 * into URIs and the CLI into workspace-relative paths.
 */
import type { Position, Range, TextEdit } from '../edit/types';

export type { Position, Range, TextEdit };

/**
 * One change the user made, as whole lines: `oldLines` were replaced by `newLines`, which now start at
 * `newStart` in the file's current text (for a pure deletion: the line the removed lines were before).
 */
export interface HistoryHunk {
  readonly file: string;
  readonly newStart: number;
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** Higher is more recent. Hunks of one diff share the order of the diff unless the cursor says otherwise. */
  readonly seq: number;
  /** The user accepted this change from a suggestion (the history keeps it, marked). */
  readonly accepted?: boolean;
}

export interface LineSpan {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** Why a place is a candidate for the next edit, strongest first in the ranking's eyes. */
export type LocationReason =
  | 'renamed-identifier'
  | 'repeated-edit'
  | 'similar-code'
  | 'changed-signature'
  | 'missing-import'
  | 'missing-definition'
  | 'new-symbol-usage'
  | 'sibling'
  | 'test-counterpart'
  | 'test-of-edit'
  | 'twin-file'
  | 'recent-edit'
  | 'diagnostic'
  | 'nearby';

export interface NextEditLocation extends LineSpan {
  readonly score: number;
  readonly reason: LocationReason;
  /** The identifier or text that made it a candidate, for logs and the jump label. */
  readonly detail?: string;
}

/** A problem the editor reported after an edit (the server passes the client's diagnostics). */
export interface EditorDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}
