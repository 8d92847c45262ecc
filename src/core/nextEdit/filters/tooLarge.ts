/** Drops a suggestion that changes more lines than a next edit should (a model rewriting the whole region). */
import type { SuggestionFilter } from './suggestionFilter';

export const tooLarge: SuggestionFilter = {
  name: 'too-large',
  check(s, ctx) {
    let changed = 0;
    for (const e of s.edits) {
      changed += e.range.end.line - e.range.start.line + 1 + (e.newText.match(/\n/g)?.length ?? 0);
    }
    return changed > ctx.maxChangedLines ? `it changes ${changed} lines (at most ${ctx.maxChangedLines})` : undefined;
  },
};
