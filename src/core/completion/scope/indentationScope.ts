import { isBlank, lineIndentWidth } from '../text/indentation';
import { isOnlyClosers } from '../text/splitCursorLine';
import { beforeLine, endOfLine, lineStartsOf, type ScopeEnd, type ScopeInput } from './scopeInput';

/** A line that closes a block rather than starting a new statement. */
const CLOSING_LINE = /^\s*([)\]}]|end\b)/;
/** A line at the statement's own indentation that still continues that statement. */
const CONTINUATION_LINE = /^\s*(else\b|elif\b|except\b|finally\b|catch\b|case\b|default\b)/;

/**
 * Finds where a completion leaves the block the cursor is in, judging by indentation: a line
 * indented less than the cursor's statement belongs to an enclosing block. A closing line (`}`) is
 * kept once if the document does not already close the block below the cursor, since then the
 * user is writing the block's end too.
 *
 * With `complete` false (streaming) the last line is judged only once its indentation is known,
 * and a "keep this closing line" decision waits for that line to end.
 */
export function findIndentationScopeEnd(text: string, input: ScopeInput, complete = true): ScopeEnd {
  const lines = text.split('\n');
  const starts = lineStartsOf(text);
  const fullLines = [input.linePrefix + lines[0]!, ...lines.slice(1)];
  const refLine = fullLines.findIndex((line) => !isBlank(line));
  if (refLine < 0) return undefined;
  const refIndent = lineIndentWidth(fullLines[refLine]!, input.tabSize);
  // Starting on a fresh line the user writes whole statements, so siblings belong; mid-statement
  // the completion should only finish that statement.
  const siblingsAllowed = isBlank(input.linePrefix);
  const closedBelow = blockClosedBelow(input, refIndent);

  for (let i = refLine + 1; i < fullLines.length; i++) {
    const line = fullLines[i]!;
    const isLast = i === fullLines.length - 1;
    if (isBlank(line)) continue;
    const indent = lineIndentWidth(line, input.tabSize);
    if (indent > refIndent) continue;
    if (indent === refIndent) {
      if (siblingsAllowed || CLOSING_LINE.test(line) || CONTINUATION_LINE.test(line)) continue;
      return { offset: beforeLine(text, starts, i), reason: 'new statement after the one at the cursor' };
    }
    if (CLOSING_LINE.test(line) && !closedBelow) {
      if (!complete && isLast) return undefined;
      return { offset: endOfLine(text, starts, i), reason: 'closes the block, which the document leaves open' };
    }
    return { offset: beforeLine(text, starts, i), reason: 'leaves the block at the cursor' };
  }
  return undefined;
}

/**
 * Whether the document already ends the cursor's block: a closer right of the cursor, or the next
 * non-blank line below is indented less than the cursor's statement.
 */
function blockClosedBelow(input: ScopeInput, refIndent: number): boolean {
  const newline = input.suffix.indexOf('\n');
  const rest = input.lineSuffix.trim();
  if (rest.length > 0 && isOnlyClosers(rest) && /[)\]}]/.test(rest)) return true;
  if (newline < 0) return false;
  for (const line of input.suffix.slice(newline + 1).split('\n')) {
    if (isBlank(line)) continue;
    return lineIndentWidth(line, input.tabSize) < refIndent;
  }
  return false;
}
