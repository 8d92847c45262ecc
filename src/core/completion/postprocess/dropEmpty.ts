import type { PostprocessFilter } from './types';

/** Nothing to show: a suggestion of only whitespace would just move the cursor or delete closers. */
export const dropEmpty: PostprocessFilter = (item) => (item.text.trim().length === 0 ? null : item);
