import { isBlank, lineIndentWidth } from '../text/indentation';
import { languageSyntax } from '../text/languageSyntax';
import { scanBrackets } from '../text/scanBrackets';
import { isOnlyClosers } from '../text/splitCursorLine';
import { beforeLine, endOfLine, lineStartsOf, type ScopeEnd, type ScopeInput } from './scopeInput';

/** A line that closes a block rather than starting a new statement. */
const CLOSING_LINE = /^\s*([)\]}]|end\b)/;
/** A line at the statement's own indentation that still continues that statement. */
const CONTINUATION_LINE = /^\s*(else\b|elif\b|except\b|finally\b|catch\b|case\b|default\b)/;
/** The next arm of a switch: it ends the case body above it without a closer. */
const NEXT_ARM = /^\s*(case\b|default\b)/;

/**
 * Finds where a completion leaves the block the cursor is in, judging by indentation: a line
 * indented less than the cursor's statement belongs to an enclosing block. A closing line (`}`) is
 * kept once if the document does not already close the block below the cursor, since then the
 * user is writing the block's end too.
 *
 * With `complete` false (streaming) the last line is judged only once its indentation is known,
 * and a decision about a closing line waits for that line to end.
 */
export function findIndentationScopeEnd(text: string, input: ScopeInput, complete = true): ScopeEnd {
  const lines = text.split('\n');
  const starts = lineStartsOf(text);
  const fullLines = [input.linePrefix + lines[0]!, ...lines.slice(1)];
  const refLine = fullLines.findIndex((line) => !isBlank(line));
  if (refLine < 0) return undefined;
  const refIndent = lineIndentWidth(fullLines[refLine]!, input.tabSize);
  // Starting on a fresh line the user writes whole statements, so siblings belong; mid-statement
  // the completion should only finish that statement, unless that statement is an element of a
  // list opened above (a struct literal's field, an argument), whose next elements are siblings.
  let siblingsAllowed: boolean | undefined = isBlank(input.linePrefix) ? true : undefined;
  const closedBelow = blockClosedBelow(input, refIndent);

  for (let i = refLine + 1; i < fullLines.length; i++) {
    const line = fullLines[i]!;
    const isLast = i === fullLines.length - 1;
    if (isBlank(line)) continue;
    const indent = lineIndentWidth(line, input.tabSize);
    if (indent > refIndent) continue;
    if (indent === refIndent) {
      if (CLOSING_LINE.test(line) || CONTINUATION_LINE.test(line)) continue;
      // The tree knows list containers without a trailing comma; a comma-continued statement
      // (`let a = 1,`) is a list by text that the tree calls a block, and continues all the same.
      siblingsAllowed ??= input.listAbove === true || isListElementByText(input, fullLines[refLine]!);
      if (siblingsAllowed) continue;
      return { offset: beforeLine(text, starts, i), reason: 'new statement after the one at the cursor' };
    }
    if (CLOSING_LINE.test(line)) {
      if (!complete && isLast) return undefined;
      const keep = endOfLine(text, starts, i);
      const cut = beforeLine(text, starts, i);
      if (!closedBelow) return { offset: keep, reason: 'closes the block, which the document leaves open', alternative: cut };
      return { offset: cut, reason: 'leaves the block at the cursor', alternative: keep };
    }
    return { offset: beforeLine(text, starts, i), reason: 'leaves the block at the cursor' };
  }
  return undefined;
}

/**
 * Whether the document already ends the cursor's block: a closer right of the cursor, or the next
 * non-blank line below is indented less than the cursor's statement. In brace languages a dedented
 * line ends the block only if it closes it (`}`) or starts the next arm (`case`): a dedented
 * statement means the block's `}` is missing, and the suggestion may supply it.
 */
function blockClosedBelow(input: ScopeInput, refIndent: number): boolean {
  const newline = input.suffix.indexOf('\n');
  const rest = input.lineSuffix.trim();
  if (rest.length > 0 && isOnlyClosers(rest) && /[)\]}]/.test(rest)) return true;
  if (newline < 0) return false;
  for (const line of input.suffix.slice(newline + 1).split('\n')) {
    if (isBlank(line)) continue;
    if (lineIndentWidth(line, input.tabSize) >= refIndent) return false;
    return !languageSyntax(input.languageId).braceBlocks || CLOSING_LINE.test(line) || NEXT_ARM.test(line);
  }
  return false;
}

/**
 * Text rule for a list element: the completed cursor line ends with `,`, balances its own brackets,
 * and sits inside a bracket opened above it (fields of a literal, arguments, array items).
 */
function isListElementByText(input: ScopeInput, cursorLine: string): boolean {
  if (!cursorLine.trimEnd().endsWith(',')) return false;
  const syntax = languageSyntax(input.languageId);
  const line = scanBrackets(cursorLine, syntax);
  if (line.open.length > 0 || line.unmatchedClosers.length > 0 || line.endsInLineComment || line.state.inString !== null) return false;
  const above = input.prefix.slice(0, input.prefix.length - input.linePrefix.length);
  return scanBrackets(above, syntax).open.length > 0;
}
