import { findRepeatedBlock } from '../text/repetition';
import { cutBeforeLine, fullLines } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Cuts a model loop that repeats a block of lines verbatim (the same test case, the same `case`
 * arm, twice or more in a row), keeping the first copy.
 */
export const removeRepetitiveBlocks: PostprocessFilter = (item, context) => {
  const cut = findRepeatedBlock(fullLines(item, context));
  return cut === undefined ? item : cutBeforeLine(item, cut);
};
