import { languageSyntax } from '../text/languageSyntax';
import { scanBrackets } from '../text/scanBrackets';
import { beforeLine, endOfLine, lineStartsOf, trimBack, type ScopeEnd, type ScopeInput } from './scopeInput';

/**
 * Finds where a completion in a brace language leaves the cursor's block, judging by bracket balance:
 * the first `}` in the completion that closes a brace opened before the cursor ends the block. If
 * the document right of the cursor closes that same brace, the completion's `}` (and what follows)
 * duplicates it and is cut; if the document leaves it open, the completion keeps its closing line
 * and stops there.
 *
 * Closers that match auto-closed characters on the cursor line (`foo(│)`) are left to
 * `fixAutoClosedBracketRange`, and `)`/`]` closing a prefix's bracket stay (they end an expression,
 * not a scope).
 */
export function findBracketScopeEnd(text: string, input: ScopeInput, complete = true): ScopeEnd {
  const syntax = languageSyntax(input.languageId);
  if (!syntax.braceBlocks) return undefined;
  const atCursor = scanBrackets(input.linePrefix, syntax).state;
  // A string the cursor sits in is closed by a quote, not a bracket: only brackets matter here.
  const brackets = scanBrackets(text, syntax, atCursor).unmatchedClosers.filter(isBracket);
  const document = scanBrackets(input.suffix, syntax, atCursor).unmatchedClosers.filter(isBracket);
  const starts = lineStartsOf(text);

  for (let j = 0; j < brackets.length; j++) {
    const closer = brackets[j]!;
    const counterpart = document[j];
    const sameCloserInDocument = counterpart !== undefined && counterpart.char === closer.char;
    if (sameCloserInDocument && counterpart.index < input.lineSuffix.length) continue; // auto-closed on this line
    if (closer.char !== '}') continue;
    const line = lineOf(starts, closer.index);
    if (sameCloserInDocument) {
      const onlyIndentBefore = text.slice(starts[line]!, closer.index).trim().length === 0;
      const offset = onlyIndentBefore && line > 0 ? beforeLine(text, starts, line) : trimBack(text, closer.index);
      return { offset, reason: 'the document already closes this block' };
    }
    const lineEnd = endOfLine(text, starts, line);
    if (!complete && lineEnd === text.length) return undefined;
    return { offset: lineEnd, reason: 'closes the block, which the document leaves open' };
  }
  return undefined;
}

function lineOf(starts: readonly number[], index: number): number {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= index) line++;
  return line;
}

function isBracket(mark: { char: string }): boolean {
  return mark.char === ')' || mark.char === ']' || mark.char === '}';
}
