/**
 * Drops a suggestion that only changes whitespace (re-indents, trailing spaces, blank lines), unless
 * `banyan.nextEdit.allowWhitespaceOnly` is on: users find them noise.
 */
import type { SuggestionFilter } from './suggestionFilter';

const squash = (t: string) => t.replace(/\s+/g, '');

export const whitespaceOnly: SuggestionFilter = {
  name: 'whitespace-only',
  check(s, ctx) {
    if (ctx.allowWhitespaceOnly) return undefined;
    return squash(s.document) === squash(s.newText) ? 'the suggestion only changes whitespace' : undefined;
  },
};
