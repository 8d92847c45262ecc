/** What the scope rules know about the document around a completion (shared by filters and early stop). */
export interface ScopeInput {
  /** The document before where the completion is inserted (ends with `linePrefix`). */
  prefix: string;
  /** The cursor line left of where the completion is inserted. */
  linePrefix: string;
  /** The cursor line right of the cursor (after any range the completion replaces). */
  lineSuffix: string;
  /** The document from the cursor on (including `lineSuffix`). */
  suffix: string;
  languageId: string;
  tabSize: number;
  /**
   * From a syntax tree, when one was at hand: whether the cursor is an element of a list (object or
   * struct literal, arguments, array, dict) opened above the cursor line. The text rule is asked too.
   */
  listAbove?: boolean | undefined;
}

/**
 * Where a completion's text leaves the cursor's scope: cut the text at `offset`. `undefined` means
 * the text stays inside the scope (or, while streaming, that it is too early to tell).
 *
 * `alternative` is the other place to cut when the decision is whether a closing line belongs to the
 * suggestion (keep it, or cut before it because the document closes the block): text rules guess,
 * a syntax tree can check (see postprocess/chooseCut.ts). A stream is never cut before it.
 */
export type ScopeEnd = { offset: number; reason: string; alternative?: number } | undefined;

/** Offset of the newline that ends line `line` (or text end), i.e. where "cut after this line" cuts. */
export function endOfLine(text: string, lineStarts: readonly number[], line: number): number {
  const next = lineStarts[line + 1];
  return next === undefined ? text.length : next - 1;
}

/**
 * Where "cut before this line" cuts: the end of the last non-blank text before line `line`, so a cut
 * leaves no blank lines or spaces dangling.
 */
export function beforeLine(text: string, lineStarts: readonly number[], line: number): number {
  return trimBack(text, lineStarts[line]!);
}

/** Moves a cut offset back over whitespace. */
export function trimBack(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}
