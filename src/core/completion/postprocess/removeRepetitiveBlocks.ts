import { cutBeforeLine, fullLines } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Cuts a model loop that repeats a block of lines verbatim (the same test case, the same `case`
 * arm, twice or more in a row), keeping the first copy. A block must carry real content (a line of
 * four or more non-blank characters) so runs of closing braces are not mistaken for a loop.
 */
export const removeRepetitiveBlocks: PostprocessFilter = (item, context) => {
  const lines = fullLines(item, context).map((line) => line.trimEnd());
  for (let start = 0; start < lines.length; start++) {
    for (let size = 2; start + 2 * size <= lines.length; size++) {
      if (!hasContent(lines, start, size)) continue;
      if (sameBlock(lines, start, start + size, size)) return cutBeforeLine(item, start + size);
    }
  }
  return item;
};

function sameBlock(lines: readonly string[], a: number, b: number, size: number): boolean {
  for (let i = 0; i < size; i++) if (lines[a + i] !== lines[b + i]) return false;
  return true;
}

function hasContent(lines: readonly string[], start: number, size: number): boolean {
  for (let i = start; i < start + size; i++) if (lines[i]!.trim().length >= 4) return true;
  return false;
}
