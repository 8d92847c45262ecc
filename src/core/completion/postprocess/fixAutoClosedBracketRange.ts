import { mayHoldJsx, tagEndInSuggestion, type TagEnd } from '../text/jsxTags';
import { languageSyntax } from '../text/languageSyntax';
import { scanBrackets } from '../text/scanBrackets';
import { isOnlyClosers } from '../text/splitCursorLine';
import { keptLinePrefix, keptPrefix } from './candidateLines';
import type { PostprocessFilter } from './types';

const BRACKETS_AND_QUOTES = new Set([')', ']', '}', '"', "'", '`']);

/**
 * The user typed `foo(` and the editor auto-inserted `)`; the model, which saw `foo(` and `)`, may
 * still write `bar)`. Inserted as is that reads `foo(bar))`. When the closers right of the cursor are
 * the ones the suggestion itself closes (by bracket stack, strings included), the suggestion's range
 * is widened to replace them, so `bar) {` lands as `foo(bar) {`. Punctuation after those closers
 * (`;`, `,`) is replaced too when the suggestion writes it in the same place.
 *
 * In JSX the end of the tag the cursor is in counts as a closer too: `</├Main>┤>` and a retyped
 * `<Avatar ├user={u} />┤/>` replace the document's `>` / `/>` instead of doubling it (or, cut from the
 * suggestion, losing the model's space before `/>`).
 */
export const fixAutoClosedBracketRange: PostprocessFilter = (item, context) => {
  const rest = context.lineSuffix.slice(item.replaceAfter);
  if (rest.trim().length === 0 || !isOnlyClosers(rest)) return item;

  const syntax = languageSyntax(context.languageId);
  const atCursor = scanBrackets(keptLinePrefix(item, context), syntax).state;
  const owed = scanBrackets(item.text, syntax, atCursor).unmatchedClosers;
  let tag: TagEnd | undefined | null = null; // looked up on the first `>` / `/>`

  let matched = 0; // closers of `owed` matched so far
  let cursorInText = -1; // where in the suggestion the last matched character sits
  let replaced = 0; // how many characters of `rest` the suggestion covers
  for (let k = 0; k < rest.length; k++) {
    const ch = rest[k]!;
    if (ch === ' ' || ch === '\t') continue;
    if (BRACKETS_AND_QUOTES.has(ch)) {
      const closer = owed[matched];
      if (closer === undefined || closer.char !== ch || closer.index <= cursorInText) break;
      matched++;
      cursorInText = closer.index;
    } else if (ch === '>' || (ch === '/' && rest[k + 1] === '>')) {
      const token = ch === '>' ? '>' : '/>';
      if (tag === null) tag = mayHoldJsx(context.languageId) ? tagEndInSuggestion(keptPrefix(item, context), item.text) : undefined;
      if (tag === undefined || tag.token !== token || tag.index <= cursorInText) break;
      cursorInText = tag.index + token.length - 1;
      k += token.length - 1;
      tag = undefined; // one tag is open at the cursor; a second `>` is not its end
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
