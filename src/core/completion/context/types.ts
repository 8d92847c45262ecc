/**
 * The vocabulary of completion context: what the assembler takes, what each source proposes, and the
 * snippets it returns (the repository context a completion prompt carries, besides the file's own
 * prefix and suffix). Lines are 0-based and inclusive; paths absolute unless said otherwise.
 */
import type { CodeIndex } from '../../index/codeIndex';

export type ContextSource = 'definition' | 'import' | 'similar' | 'recentEdit' | 'recentFile';

export interface ContextSnippet {
  /** Absolute path (the CLI prints it relative to the workspace). */
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  /** What the prompt shows: source lines, or a compact outline (signatures) of the range. */
  readonly text: string;
  readonly source: ContextSource;
  /** Higher is more relevant; only comparable within one assembly. */
  readonly score: number;
  /** The symbol the snippet shows, e.g. `UserService` or `UserService.find`. */
  readonly symbol?: string;
}

/** A range the user just changed (the editor's recent edits), newest first. */
export interface RecentEdit {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The range's current text; read from the index/disk when absent. */
  readonly text?: string;
}

export interface AssembleContextInput {
  readonly index: CodeIndex;
  /** Absolute path of the document. */
  readonly file: string;
  /** The document's current text (the editor's, which may differ from the disk). */
  readonly text: string;
  readonly position: { readonly line: number; readonly character: number };
  readonly languageId: string;
  /** Token budget for all snippets together. */
  readonly budgetTokens: number;
  readonly recentEdits?: readonly RecentEdit[];
  /** Recently viewed files (absolute), most recent first. */
  readonly recentFiles?: readonly string[];
  /** Token counter; default ceil(chars / 4), the estimate the context-recall bench uses. */
  readonly countTokens?: (text: string) => number;
  /** Share of the budget the similar-snippet source may take (default 0.25). */
  readonly similarShare?: number;
}

export interface ContextTimings {
  /** Reading the cursor's surroundings (names, receiver, imports). */
  cursor: number;
  definitions: number;
  similar: number;
  recent: number;
  /** Ranking, de-duplication and packing under the budget. */
  pack: number;
  total: number;
}

export interface AssembledContext {
  /** In priority order; together within the budget. */
  readonly snippets: ContextSnippet[];
  /** Tokens of all snippets (by the input's counter). */
  readonly tokens: number;
  readonly timings: ContextTimings;
}

/** A proposal from one source, before de-duplication and packing. */
export interface ContextCandidate extends ContextSnippet {
  /** The whole chunk when `text` is a cut of it (similar snippets), for sources that read it. */
  readonly fullText?: string;
  /** A shorter rendering of the same thing, tried when `text` does not fit. */
  readonly fallback?: { readonly startLine: number; readonly endLine: number; readonly text: string };
}

export const defaultCountTokens = (text: string): number => Math.ceil(text.length / 4);
