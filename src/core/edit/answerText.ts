/**
 * The first pass over a raw model answer, before any strategy reads it: one line ending (LF), no BOM,
 * and no reasoning section (`<think>…</think>` from DeepSeek-R1, Qwen3 and similar models).
 */

const REASONING = /^\s*<(think|thinking|reasoning)>[\s\S]*?<\/\1>\s*/i;
const UNCLOSED_REASONING = /^\s*<(think|thinking|reasoning)>/i;

export function normalizeAnswer(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  text = text.replace(REASONING, '');
  // A reasoning section that never closed means the answer itself never started.
  if (UNCLOSED_REASONING.test(text)) return '';
  return text;
}

const PREAMBLE = /^(here('s| is| are)|sure\b|certainly\b|of course\b|okay\b|ok\b|below\b|the following\b|i('ve| have| made| updated| rewrote| changed)\b|this (is|version|code)\b|updated\b|rewritten\b|refactored\b)/i;

/**
 * Drops a leading sentence like "Here is the updated function:" from an answer without fences.
 * Only recognisable openers are dropped: an unknown first line is kept, since it may be code.
 */
export function stripPreamble(lines: readonly string[]): { lines: string[]; stripped: boolean } {
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const first = lines[i];
  if (first === undefined || !PREAMBLE.test(first.trim())) return { lines: [...lines], stripped: false };
  i++;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  return { lines: lines.slice(i), stripped: true };
}
