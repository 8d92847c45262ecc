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

const DECLINE = /^(sorry\b|i('m| am) sorry|i can('|no)t\b|i cannot\b|i('m| am) (not able|unable)\b|unfortunately\b|as an ai\b)/i;

/** An answer that opens by declining ("Sorry, I can't…") carries no code to apply. */
export function isDeclining(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  return first !== undefined && DECLINE.test(first.trim());
}

const EXPLANATION = /^(this|these|the|that|here|now|note|explanation|i|i've|in this|with this|changes?)\b/i;

/**
 * Drops a closing paragraph that explains the code ("This version uses reduce instead of a loop.")
 * from an answer without fences: a paragraph after a blank line that opens like an explanation,
 * ends like a sentence and has none of the punctuation code is made of.
 */
export function stripClosingExplanation(lines: readonly string[]): { lines: string[]; stripped: boolean } {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  let start = end;
  while (start > 0 && lines[start - 1]!.trim() !== '') start--;
  if (start === 0) return { lines: [...lines], stripped: false };
  const paragraph = lines.slice(start, end).join(' ').trim();
  const prose = EXPLANATION.test(paragraph) && /[.!:]$/.test(paragraph) && !/[;{}()=<>[\]]/.test(paragraph) && paragraph.split(/\s+/).length >= 4;
  return prose ? { lines: lines.slice(0, start), stripped: true } : { lines: [...lines], stripped: false };
}

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
