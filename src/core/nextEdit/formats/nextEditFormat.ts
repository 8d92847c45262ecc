/**
 * A next-edit prompt format turns the region around the cursor, the recent edits and related code into
 * what one kind of model was trained on, and reads its answer back as the region's new text. One file
 * per format, each with golden cases in test/unit/core/nextEdit/golden/<id>.toml.
 *
 * An answer is read strictly: a format's markers must be where the format puts them and nowhere else;
 * a marker or sentinel of any format left in the text (a leak), a cut-off answer or a broken structure
 * is `invalid` — no suggestion, never text in the document.
 */
import type { ChatMessage } from '../../llm/types';
import type { Position } from '../types';

export type NextEditFormatId = 'zeta' | 'zeta2' | 'sweep' | 'chat';

/** One recent edit as the prompt shows it: `oldLines` became `newLines`, starting at `startLine` now. */
export interface PromptEvent {
  /** Workspace-relative, forward slashes. */
  readonly path: string;
  readonly startLine: number;
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
}

export interface RelatedSnippet {
  readonly path: string;
  readonly startLine: number;
  readonly text: string;
}

export interface NextEditPromptInput {
  /** Workspace-relative path of the document, forward slashes. */
  readonly path: string;
  readonly languageId?: string;
  /** The document's lines (split on \n, a \r kept at the end of its line). */
  readonly lines: readonly string[];
  /** Lines the model may rewrite (0-based, inclusive). */
  readonly region: { readonly startLine: number; readonly endLine: number };
  /** Lines shown around it, holding the region. */
  readonly context: { readonly startLine: number; readonly endLine: number };
  readonly cursor: Position;
  /** Recent edits, oldest first. */
  readonly events: readonly PromptEvent[];
  readonly related?: readonly RelatedSnippet[];
}

export type NextEditPrompt =
  /** One prompt string sent raw (no chat template): fine-tuned next-edit models. */
  | { readonly kind: 'raw'; readonly prompt: string; readonly stop: readonly string[] }
  | { readonly kind: 'chat'; readonly messages: readonly ChatMessage[]; readonly stop: readonly string[] };

export type ParsedAnswer =
  /** The region's new lines (no line terminators). */
  | { readonly kind: 'rewrite'; readonly lines: readonly string[] }
  /** The model says nothing should change. */
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly reason: string };

export interface NextEditFormat {
  readonly id: NextEditFormatId;
  readonly description: string;
  render(input: NextEditPromptInput): NextEditPrompt;
  /** `truncated`: the model stopped at its token limit. */
  parse(answer: string, input: NextEditPromptInput, truncated: boolean): ParsedAnswer;
}
