import type { PostprocessFilter } from './types';

/**
 * Drops blank lines and spaces at the end of a suggestion: accepted, they would leave trailing
 * whitespace or push the code below the cursor down.
 */
export const trimTrailingWhitespace: PostprocessFilter = (item) => {
  const text = item.text.replace(/\s+$/, '');
  return text === item.text ? item : { ...item, text };
};
