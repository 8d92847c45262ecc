/**
 * Source: the places around the edits already made. Edits of one change cluster: the next one is often
 * just above or below an earlier one, in this file or in another file the user touched.
 */
import type { Candidate, LocatorContext } from './locatorContext';

/** Lines above and below an earlier edit that a location covers. */
const SPAN = 6;

export function recentEdits(ctx: LocatorContext): Candidate[] {
  const out: Candidate[] = [];
  ctx.recent.forEach((h, age) => {
    const lines = ctx.linesOf(h.file);
    if (!lines) return;
    const end = h.newStart + Math.max(0, h.newLines.length - 1);
    const score = 1 / (1 + age);
    if (end + 1 < lines.length) out.push({ file: h.file, line: end + 1, endLine: Math.min(lines.length - 1, end + SPAN), score, reason: 'recent-edit' });
    if (h.newStart > 0) out.push({ file: h.file, line: Math.max(0, h.newStart - SPAN), endLine: h.newStart - 1, score: score * 0.8, reason: 'recent-edit' });
  });
  return out;
}
