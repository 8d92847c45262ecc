/**
 * A suggestion filter: one rule that can drop a suggestion before the user sees it, with the reason
 * (logged, counted in the metrics). Each rule is one file under ./filters with golden cases in
 * test/unit/core/nextEdit/golden/filters/<name>.toml; `filterSuggestion` runs them in order.
 */
import type { HistoryHunk, TextEdit } from '../types';

export interface CandidateSuggestion {
  readonly file: string;
  /** The document the edits apply to. */
  readonly document: string;
  readonly edits: readonly TextEdit[];
  /** The document after the edits. */
  readonly newText: string;
}

export interface FilterContext {
  /** The edit history, oldest first (hunks in the documents' current coordinates). */
  readonly history: readonly HistoryHunk[];
  /** Whether the user rejected this very change in this document before. */
  readonly rejectedBefore: (file: string, edits: readonly TextEdit[], document: string) => boolean;
  readonly allowWhitespaceOnly: boolean;
  /** Most changed lines (removed + added) a suggestion may have. */
  readonly maxChangedLines: number;
}

export interface SuggestionFilter {
  readonly name: string;
  /** A reason to drop the suggestion, or undefined to keep it. */
  check(s: CandidateSuggestion, ctx: FilterContext): string | undefined;
}
