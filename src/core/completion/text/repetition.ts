/**
 * Detecting a model stuck in a loop, on lines (compared exactly, trailing spaces ignored). Each
 * function returns the index of the first line to drop (keeping the first copy), or undefined.
 */

/** How many identical lines in a row mean a loop rather than code. */
const LOOP_RUN = 3;

/**
 * One line repeated `LOOP_RUN` times in a row (`i++;` ×20). With `lastLineMayBeCut`, a last line that
 * is the start of the repeated line counts as one more copy (the token limit stopped it mid-line).
 */
export function findRepeatedLine(lines: readonly string[], lastLineMayBeCut: boolean): number | undefined {
  const trimmed = lines.map((line) => line.trimEnd());
  for (let start = 0; start < trimmed.length; start++) {
    const line = trimmed[start]!;
    if (line.trim().length === 0) continue;
    let run = 1;
    while (start + run < trimmed.length && trimmed[start + run] === line) run++;
    const next = trimmed[start + run];
    const cutCopy = lastLineMayBeCut && start + run === trimmed.length - 1 && next !== undefined && next.trim().length > 0 && line.startsWith(next);
    if (run + (cutCopy ? 1 : 0) >= LOOP_RUN) return start + 1;
    start += run - 1;
  }
  return undefined;
}

/**
 * A block of two or more lines followed right away by an identical copy. The block must carry real
 * content (a line of four or more non-blank characters) so runs of closing braces are not a loop.
 */
export function findRepeatedBlock(lines: readonly string[]): number | undefined {
  const trimmed = lines.map((line) => line.trimEnd());
  for (let start = 0; start < trimmed.length; start++) {
    for (let size = 2; start + 2 * size <= trimmed.length; size++) {
      if (hasContent(trimmed, start, size) && sameBlock(trimmed, start, start + size, size)) return start + size;
    }
  }
  return undefined;
}

function sameBlock(lines: readonly string[], a: number, b: number, size: number): boolean {
  for (let i = 0; i < size; i++) if (lines[a + i] !== lines[b + i]) return false;
  return true;
}

function hasContent(lines: readonly string[], start: number, size: number): boolean {
  for (let i = start; i < start + size; i++) if (lines[i]!.trim().length >= 4) return true;
  return false;
}
