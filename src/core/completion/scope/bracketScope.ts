import { lineIndentWidth } from '../text/indentation';
import { languageSyntax, type LanguageSyntax } from '../text/languageSyntax';
import { type BracketMark, scanBrackets } from '../text/scanBrackets';
import { beforeLine, endOfLine, lineStartsOf, trimBack, type ScopeEnd, type ScopeInput } from './scopeInput';

/**
 * Finds where a completion in a brace language leaves the cursor's block, judging by bracket balance:
 * the first `}` in the completion that closes a brace opened before the cursor ends the block. If
 * the document right of the cursor closes that same brace, the completion's `}` (and what follows)
 * duplicates it and is cut; if the document leaves it open, the completion keeps its closing line
 * and stops there.
 *
 * Bracket counting pairs the document's next `}` with the innermost open brace, which is wrong when
 * that block's `}` is the one missing: so when the completion's `}` sits at its opening line's
 * indentation and the document's sits further left, the document's closes an enclosing block and
 * the completion's is kept.
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
    const lineEnd = endOfLine(text, starts, line);
    if (!complete && lineEnd === text.length) return undefined;
    const onlyIndentBefore = text.slice(starts[line]!, closer.index).trim().length === 0;
    const cut = onlyIndentBefore && line > 0 ? beforeLine(text, starts, line) : trimBack(text, closer.index);
    if (sameCloserInDocument && !documentClosesAnOuterBlock(text, starts, line, j, counterpart, input, syntax)) {
      return { offset: cut, reason: 'the document already closes this block', alternative: lineEnd };
    }
    return { offset: lineEnd, reason: 'closes the block, which the document leaves open', alternative: cut };
  }
  return undefined;
}

/**
 * Indentation says the document's `}` (the `j`-th closer below the cursor) closes a block enclosing
 * the one the completion's `}` on `line` closes: the document's `}` starts a line left of the line
 * that opened the block, while the completion's `}` starts a line at that line's indentation or
 * ends a one-line block on the opening line itself (`int x() { return x; }`).
 */
function documentClosesAnOuterBlock(
  text: string, starts: readonly number[], line: number, j: number, counterpart: BracketMark, input: ScopeInput, syntax: LanguageSyntax,
): boolean {
  const docLine = lineAround(input.suffix, counterpart.index);
  if (docLine.start + docLine.text.search(/\S/) !== counterpart.index) return false;
  const open = scanBrackets(input.prefix, syntax).open;
  const opener = open[open.length - 1 - j];
  if (opener?.char !== '{') return false;
  const openerIndent = lineIndentWidth(lineAround(input.prefix, opener.index).text, input.tabSize);
  if (lineIndentWidth(docLine.text, input.tabSize) >= openerIndent) return false;
  const onOpeningLine = line === 0 && opener.index >= input.prefix.length - input.linePrefix.length;
  const ownLine = (line === 0 ? input.linePrefix : '') + text.slice(starts[line]!, endOfLine(text, starts, line));
  return onOpeningLine || (/^\s*\}/.test(ownLine) && lineIndentWidth(ownLine, input.tabSize) === openerIndent);
}

/** The line of `text` holding `index`, and where it starts. */
function lineAround(text: string, index: number): { text: string; start: number } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return { text: text.slice(start, end < 0 ? text.length : end), start };
}

function lineOf(starts: readonly number[], index: number): number {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= index) line++;
  return line;
}

function isBracket(mark: { char: string }): boolean {
  return mark.char === ')' || mark.char === ']' || mark.char === '}';
}
