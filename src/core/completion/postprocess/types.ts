/**
 * The shared shape of the post-processing stage: every filter is a `PostprocessFilter`, one per file,
 * listed in order in `pipeline.ts`.
 */

/** One suggestion on its way to the editor. */
export interface CompletionCandidate {
  /** Text to insert at the cursor (replacing the range below, if any). */
  text: string;
  /**
   * How many characters left of the cursor the text replaces (e.g. an auto-indent the suggestion
   * re-indents). 0 for a plain insertion.
   */
  replaceBefore: number;
  /** How many characters right of the cursor the text replaces (e.g. an auto-closed `)`). */
  replaceAfter: number;
}

export interface PostprocessContext {
  /** Document text before the cursor (possibly a window ending at the cursor). */
  prefix: string;
  /** Document text after the cursor (possibly a window starting at the cursor). */
  suffix: string;
  /** The cursor line up to the cursor. */
  linePrefix: string;
  /** The cursor line after the cursor. */
  lineSuffix: string;
  /** VS Code language id (`typescript`, `python`, `go`, `rust`, `java`, …). */
  languageId: string;
  /** The document's indentation unit: `'\t'` or some spaces. */
  indentUnit: string;
  /** Columns per tab, to compare tab and space indentation. */
  tabSize: number;
  /** Whether a multi-line suggestion was requested (false: only the current line is completed). */
  multiline: boolean;
  /** From the syntax tree (see PostprocessSyntax.listAbove); the scope rules also judge by text. */
  listAbove?: boolean | undefined;
  /** A parser for the document around the cursor, when a grammar is loaded. */
  syntax?: PostprocessSyntax | undefined;
}

/**
 * What a syntax tree of the document around the cursor tells the filters (built by treeSyntax.ts
 * when a grammar is loaded). Without one the filters decide by brackets and indentation.
 */
export interface PostprocessSyntax {
  /**
   * The cursor is an element of a list (object or struct literal, arguments, array, dict) that opens
   * above the cursor line, so the lines after it at its indentation are further elements, not new
   * statements.
   */
  readonly listAbove: boolean;
  /** Syntax errors (ERROR and MISSING nodes) in a parse of the document with the candidate applied. */
  errorsWith(item: CompletionCandidate): number;
}

/** Returns the (possibly changed) candidate, or null to discard it. */
export type PostprocessFilter = (item: CompletionCandidate, context: PostprocessContext) => CompletionCandidate | null;

export function insertion(text: string): CompletionCandidate {
  return { text, replaceBefore: 0, replaceAfter: 0 };
}
