/** Drops a suggestion that changes nothing (the model gave the region back as it was). */
import type { SuggestionFilter } from './suggestionFilter';

export const noOp: SuggestionFilter = {
  name: 'no-op',
  check: (s) => (s.edits.length === 0 || s.newText === s.document ? 'the answer changes nothing' : undefined),
};
