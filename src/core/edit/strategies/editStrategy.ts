/**
 * The one signature every edit strategy has: the normalised answer and the target region in, the
 * region's new text (or a refusal) out. The entry point does everything around it — choosing the
 * strategy, cutting the region out of the document, and turning the result into TextEdits.
 */
import type { IndentStyle } from '../indentation';
import type { Eol, Line } from '../textLines';
import type { ApplyOptions, EditFailureCode, EditStrategyName } from '../types';

export interface EditRegion {
  /** The whole document, as the editor holds it. */
  readonly documentText: string;
  /** True for a whole-file target, false for a selection. */
  readonly wholeFile: boolean;
  /** The region's text and lines (each with its own ending). */
  readonly text: string;
  readonly lines: readonly Line[];
  /** The document line the region starts on (0-based), to name lines in messages. */
  readonly firstLine: number;
  readonly endsWithBreak: boolean;
  /** True when the region starts at the beginning of a line (so its indentation is part of it). */
  readonly startsAtLineStart: boolean;
  /** The document's lines before and after the region (contents only), for overlap checks. */
  readonly linesBefore: readonly string[];
  readonly linesAfter: readonly string[];
  readonly eol: Eol;
  readonly indentStyle: IndentStyle | undefined;
  /** A document without lines is a new file. */
  readonly documentEmpty: boolean;
  readonly languageId: string | undefined;
}

export interface StrategyInput {
  /** The answer with LF line endings, no BOM and no reasoning section. */
  readonly answer: string;
  readonly region: EditRegion;
  readonly options: ApplyOptions;
}

export type StrategyOutcome =
  | { readonly ok: true; readonly text: string; readonly notes: readonly string[] }
  | {
      readonly ok: false;
      readonly code: EditFailureCode;
      readonly message: string;
      /** The model's code for the region (whole replacement) or its raw patch text (other strategies). */
      readonly candidate?: { readonly kind: 'region' | 'answer'; readonly text: string };
    };

export interface EditStrategy {
  readonly name: EditStrategyName;
  apply(input: StrategyInput): StrategyOutcome;
}

export type StrategyRefusal = Extract<StrategyOutcome, { ok: false }>;

/** A refusal; `candidateLines` is the model's code for the region, offered for a manual merge. */
export function refuse(code: EditFailureCode, message: string, candidateLines?: readonly string[]): StrategyRefusal {
  return candidateLines ? { ok: false, code, message, candidate: { kind: 'region', text: candidateLines.join('\n') } } : { ok: false, code, message };
}
