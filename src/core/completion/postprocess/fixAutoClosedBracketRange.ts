import { languageSyntax } from '../text/languageSyntax';
import { scanBrackets } from '../text/scanBrackets';
import { isOnlyClosers } from '../text/splitCursorLine';
import { keptLinePrefix } from './candidateLines';
import type { PostprocessFilter } from './types';

const BRACKETS_AND_QUOTES = new Set([')', ']', '}', '"', "'", '`']);

/**
 * The user typed `foo(` and the editor auto-inserted `)`; the model, which saw `foo(` and `)`, may
 * still write `bar)`. Inserted as is that reads `foo(bar))`. When the closers right of the cursor are
 * the ones the suggestion itself closes (by bracket stack, strings included), the suggestion's range
 * is widened to replace them, so `bar) {` lands as `foo(bar) {`. Punctuation after those closers
 * (`;`, `,`) is replaced too when the suggestion writes it in the same place.
 */
export const fixAutoClosedBracketRange: PostprocessFilter = (item, context) => {
  const rest = context.lineSuffix.slice(item.replaceAfter);
  if (rest.trim().length === 0 || !isOnlyClosers(rest)) return item;

  const syntax = languageSyntax(context.languageId);
  const atCursor = scanBrackets(keptLinePrefix(item, context), syntax).state;
  const owed = scanBrackets(item.text, syntax, atCursor).unmatchedClosers;

  let matched = 0; // closers of `owed` matched so far
  let cursorInText = -1; // where in the suggestion the last matched character sits
  let replaced = 0; // how many characters of `rest` the suggestion covers
  for (let k = 0; k < rest.length; k++) {
    const ch = rest[k]!;
    if (ch === ' ' || ch === '\t') continue;
    if (BRACKETS_AND_QUOTES.has(ch)) {
      const closer = owed[matched];
      if (closer === undefined || closer.char !== ch) break;
      matched++;
      cursorInText = closer.index;
    } else {
      // `;` `,` `:` count only if the suggestion writes them right after its last matched closer.
      if (cursorInText < 0) break;
      const next = nextNonSpace(item.text, cursorInText + 1);
      if (next < 0 || item.text[next] !== ch) break;
      cursorInText = next;
    }
    replaced = k + 1;
  }
  return replaced === 0 ? item : { ...item, replaceAfter: item.replaceAfter + replaced };
};

function nextNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] !== ' ' && text[i] !== '\t') return i;
  return -1;
}
