import { isBlank, lineIndentWidth } from '../text/indentation';
import { languageSyntax } from '../text/languageSyntax';
import { scanBrackets } from '../text/scanBrackets';
import { isOnlyClosers, lineSuffixOf, linePrefixOf } from '../text/splitCursorLine';
import type { CursorFacts } from './cursorFacts';

/** Ends with an operator or separator: the expression continues after the cursor. */
const OPEN_EXPRESSION = /(?:[=+\-*/%&|^<>!?:,.(\[]|\b(?:return|await|yield|new|in|of|and|or|not))\s*$/;

/**
 * Cursor facts from text alone: the fallback when no syntax tree is available (an unsupported
 * language, or a parse not ready yet). Looks only at the cursor line and the lines right around it.
 */
export function cursorFactsFromText(prefix: string, suffix: string, languageId: string, tabSize = 4): CursorFacts {
  const syntax = languageSyntax(languageId);
  const linePrefix = linePrefixOf(prefix);
  const lineSuffix = lineSuffixOf(suffix).trim();
  const scan = scanBrackets(linePrefix, syntax);
  const emptyBlock = isEmptyBlockByText(prefix, suffix, languageId, tabSize);
  const code = linePrefix.trimEnd();
  return {
    isInStringOrComment: scan.state.inString !== null || scan.endsInLineComment || scan.state.inBlockComment,
    isEmptyBlockBody: emptyBlock,
    isInsideExpression: !emptyBlock && (scan.open.length > 0 || (code.length > 0 && OPEN_EXPRESSION.test(code) && !/[{:]\s*$/.test(code))),
    lineSuffixIsEmpty: lineSuffix.length === 0,
    lineSuffixIsOnlyClosers: isOnlyClosers(lineSuffix),
  };
}

/**
 * The last code before the cursor opens a block (`{`, or `:` in Python) and nothing but whitespace,
 * the matching `}`, or code indented no deeper than the opening line follows: the body is empty.
 */
export function isEmptyBlockByText(prefix: string, suffix: string, languageId: string, tabSize: number): boolean {
  const before = prefix.trimEnd();
  const opener = languageSyntax(languageId).braceBlocks ? '{' : languageId === 'python' ? ':' : undefined;
  if (opener === undefined || !before.endsWith(opener)) return false;
  const openingLine = before.slice(before.lastIndexOf('\n') + 1);
  const openingIndent = lineIndentWidth(openingLine, tabSize);
  const after = suffix.trimStart();
  if (after.length === 0) return true;
  if (opener === '{' && after.startsWith('}')) return true;
  // The suffix's next line with code: deeper means the block already has a body.
  const lines = suffix.split('\n');
  const firstCode = lines.slice(lineSuffixOf(suffix).trim().length === 0 ? 1 : 0).find((line) => !isBlank(line));
  return firstCode !== undefined && lineIndentWidth(firstCode, tabSize) <= openingIndent && !/^\s*[)\]]/.test(firstCode);
}
