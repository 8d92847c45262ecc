/** Drops a suggestion the user already rejected (Esc, or typed over it) in this document. */
import type { SuggestionFilter } from './suggestionFilter';

export const rejectedBefore: SuggestionFilter = {
  name: 'rejected-before',
  check: (s, ctx) => (ctx.rejectedBefore(s.file, s.edits, s.document) ? 'the user rejected this change before' : undefined),
};
