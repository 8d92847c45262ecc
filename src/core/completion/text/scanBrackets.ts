import type { LanguageSyntax } from './languageSyntax';

/**
 * A small lexer that balances brackets while skipping strings and comments, enough to tell where a
 * completion closes something opened before the cursor. It is deliberately approximate (no regex
 * literals, no string interpolation nesting): the filters that use it only need bracket balance.
 */

export interface LexState {
  /** The quote of the string the scan is inside, if any. */
  inString: string | null;
  inBlockComment: boolean;
}

export const START_STATE: LexState = { inString: null, inBlockComment: false };

export interface BracketMark {
  char: string;
  index: number;
}

export interface BracketScan {
  /** Lexer state at the end of the text (to continue scanning after it). */
  state: LexState;
  /** Brackets opened in the text and not closed in it, innermost last. */
  open: BracketMark[];
  /**
   * In order: closers that close something opened before the text, and the quote that ends a string
   * the text started inside. These are what the text "owes" to its left context.
   */
  unmatchedClosers: BracketMark[];
  /** The text ends inside a line comment (a cursor there is writing prose). */
  endsInLineComment: boolean;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const OPENERS = new Set(['(', '[', '{']);

export function scanBrackets(text: string, syntax: LanguageSyntax, start: LexState = START_STATE): BracketScan {
  let inString = start.inString;
  let inBlockComment = start.inBlockComment;
  let inLineComment = false;
  const open: BracketMark[] = [];
  const unmatchedClosers: BracketMark[] = [];
  const startedInString = start.inString;
  let leftStartString = false;

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      inLineComment = false;
      // Only template/raw strings span lines; an unterminated ordinary string ends with its line.
      if (inString !== null && inString !== '`') inString = null;
      continue;
    }
    if (inLineComment) continue;
    if (inBlockComment) {
      const close = syntax.blockComment?.[1];
      if (close && text.startsWith(close, i)) {
        inBlockComment = false;
        i += close.length - 1;
      }
      continue;
    }
    if (inString !== null) {
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === inString) {
        if (!leftStartString && startedInString === inString) {
          unmatchedClosers.push({ char: ch, index: i });
          leftStartString = true;
        }
        inString = null;
      }
      continue;
    }
    if (syntax.lineComments.some((c) => text.startsWith(c, i))) {
      inLineComment = true;
      continue;
    }
    if (syntax.blockComment && text.startsWith(syntax.blockComment[0], i)) {
      inBlockComment = true;
      i += syntax.blockComment[0].length - 1;
      continue;
    }
    if (syntax.quotes.includes(ch)) {
      if (ch === "'" && syntax.singleQuoteIsCharLiteral) {
        const literalEnd = text[i + 1] === '\\' ? text.indexOf("'", i + 2) : text[i + 2] === "'" ? i + 2 : -1;
        if (literalEnd > 0 && literalEnd - i <= 10) i = literalEnd;
        continue; // a lifetime such as 'a is not a string
      }
      inString = ch;
      leftStartString = true; // a new string: the one we started in (if any) is no longer the open one
      continue;
    }
    if (OPENERS.has(ch)) {
      open.push({ char: ch, index: i });
    } else if (ch in PAIRS) {
      if (open.length > 0 && open[open.length - 1]!.char === PAIRS[ch]) open.pop();
      else if (open.length === 0) unmatchedClosers.push({ char: ch, index: i });
      // A mismatched closer inside the text (e.g. `(]`) is model noise; it neither opens nor closes.
    }
  }
  return { state: { inString, inBlockComment }, open, unmatchedClosers, endsInLineComment: inLineComment };
}
