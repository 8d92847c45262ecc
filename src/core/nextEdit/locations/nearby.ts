/**
 * Source: plain proximity. With nothing better to go on, the next edit is most often just below or
 * above the region around the cursor; these windows rank after every place other evidence found.
 */
import type { Candidate, LocatorContext } from './locatorContext';
import type { LineSpan } from '../types';

const WINDOW = 12;
const COUNT = 6;

export function nearbyWindows(ctx: LocatorContext, region: LineSpan): Candidate[] {
  const last = ctx.input.lines.length - 1;
  const out: Candidate[] = [];
  let below = region.endLine + 1;
  let above = region.startLine - 1;
  for (let i = 0; out.length < COUNT && (below <= last || above >= 0); i++) {
    const score = 1 / (1 + i);
    if (i % 2 === 0 && below <= last) {
      out.push({ file: ctx.file, line: below, endLine: Math.min(last, below + WINDOW - 1), score, reason: 'nearby' });
      below += WINDOW;
    } else if (i % 2 === 1 && above >= 0) {
      out.push({ file: ctx.file, line: Math.max(0, above - WINDOW + 1), endLine: above, score, reason: 'nearby' });
      above -= WINDOW;
    }
  }
  return out;
}
