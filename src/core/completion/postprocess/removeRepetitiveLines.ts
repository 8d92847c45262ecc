import { cutBeforeLine, fullLines } from './candidateLines';
import type { PostprocessFilter } from './types';

/** How many identical lines in a row mean the model is looping rather than writing code. */
const LOOP_RUN = 3;

/**
 * Cuts a model loop of one line repeated again and again (`i++;` ×20, often ending in a copy cut off
 * mid-line by the token limit), keeping the first copy.
 */
export const removeRepetitiveLines: PostprocessFilter = (item, context) => {
  const lines = fullLines(item, context).map((line) => line.trimEnd());
  for (let start = 0; start < lines.length; start++) {
    const line = lines[start]!;
    if (line.trim().length === 0) continue;
    let run = 1;
    while (start + run < lines.length && lines[start + run] === line) run++;
    // A truncated last copy counts: the stream stopped inside the next repetition.
    const next = lines[start + run];
    const truncatedCopy = start + run === lines.length - 1 && next !== undefined && next.trim().length > 0 && line.startsWith(next);
    if (run + (truncatedCopy ? 1 : 0) >= LOOP_RUN) return cutBeforeLine(item, start + 1);
    start += run - 1;
  }
  return item;
};
