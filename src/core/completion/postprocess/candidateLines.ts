import type { ScopeInput } from '../scope/scopeInput';
import type { CompletionCandidate, PostprocessContext } from './types';

/** Views of a candidate by line, shared by the filters that judge whole lines. */

/** The part of the cursor line left of the candidate once applied. */
export function keptLinePrefix(item: CompletionCandidate, context: PostprocessContext): string {
  return context.linePrefix.slice(0, context.linePrefix.length - item.replaceBefore);
}

/** The document before the cursor, less what the candidate replaces. */
export function keptPrefix(item: CompletionCandidate, context: PostprocessContext): string {
  return context.prefix.slice(0, context.prefix.length - item.replaceBefore);
}

/** The suffix lines after the cursor line: what the document continues with below the suggestion. */
export function linesBelowCursor(context: PostprocessContext): string[] {
  const newline = context.suffix.indexOf('\n');
  return newline < 0 ? [] : context.suffix.slice(newline + 1).split('\n');
}

export function withText(item: CompletionCandidate, text: string): CompletionCandidate {
  return { ...item, text };
}

/** The scope rules' view of a candidate: the cursor line and suffix as they will be once applied. */
export function scopeInputOf(item: CompletionCandidate, context: PostprocessContext): ScopeInput {
  return {
    prefix: keptPrefix(item, context),
    linePrefix: keptLinePrefix(item, context),
    lineSuffix: context.lineSuffix.slice(item.replaceAfter),
    suffix: context.suffix.slice(item.replaceAfter),
    languageId: context.languageId,
    tabSize: context.tabSize,
    listAbove: context.listAbove,
  };
}

/** The candidate's lines with the first one completed by the cursor line's kept prefix. */
export function fullLines(item: CompletionCandidate, context: PostprocessContext): string[] {
  const lines = item.text.split('\n');
  lines[0] = keptLinePrefix(item, context) + lines[0];
  return lines;
}

/** Character offset in the candidate's text where line `line` (of `item.text.split('\n')`) starts. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

/** Cuts the candidate's text before line `line` (dropping the newline that precedes it). */
export function cutBeforeLine(item: CompletionCandidate, line: number): CompletionCandidate {
  return withText(item, line === 0 ? '' : item.text.slice(0, offsetOfLine(item.text, line) - 1));
}
