import { findRepeatedLine } from '../text/repetition';
import { cutBeforeLine, fullLines } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Cuts a model loop of one line repeated again and again (`i++;` ×20, often ending in a copy cut off
 * mid-line by the token limit), keeping the first copy.
 */
export const removeRepetitiveLines: PostprocessFilter = (item, context) => {
  const cut = findRepeatedLine(fullLines(item, context), true);
  return cut === undefined ? item : cutBeforeLine(item, cut);
};
