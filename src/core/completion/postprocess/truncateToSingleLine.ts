import { isBlank } from '../text/indentation';
import type { PostprocessFilter } from './types';

/**
 * When only one line was asked for, keeps the first line that says something: the cursor line, or
 * the line after it when the cursor ends a line (`if (x) {│` completes to its first body line).
 */
export const truncateToSingleLine: PostprocessFilter = (item, context) => {
  if (context.multiline) return item;
  const lines = item.text.split('\n');
  const firstContent = lines.findIndex((line) => !isBlank(line));
  if (firstContent < 0) return item;
  return { ...item, text: lines.slice(0, firstContent + 1).join('\n') };
};
