/**
 * The part of the current file that goes into the prompt: up to a token budget before and after the
 * cursor, cut at line boundaries so the model never sees half a line at the edges. Tokens are
 * estimated at 3 characters each (code tokenizes denser than prose), erring towards a short prompt.
 */
const CHARS_PER_TOKEN = 3;

export interface CursorWindows {
  readonly prefix: string;
  readonly suffix: string;
}

export function cursorWindows(text: string, offset: number, prefixTokens: number, suffixTokens: number): CursorWindows {
  let start = Math.max(0, offset - prefixTokens * CHARS_PER_TOKEN);
  if (start > 0) {
    const nextLine = text.indexOf('\n', start - 1);
    start = nextLine < 0 || nextLine >= offset ? start : nextLine + 1;
  }
  let end = Math.min(text.length, offset + suffixTokens * CHARS_PER_TOKEN);
  if (end < text.length) {
    const lineEnd = text.lastIndexOf('\n', end);
    end = lineEnd > offset ? lineEnd : end;
  }
  return { prefix: text.slice(start, offset), suffix: text.slice(offset, end) };
}
