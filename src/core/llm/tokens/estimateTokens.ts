/**
 * A tokenizer-free token estimate for models whose tokenizer Banyan does not ship (Qwen, DeepSeek,
 * Llama, Claude…). Calibrated on source code against cl100k: it counts ~1.17× cl100k's tokens
 * (median over this repository and some dependencies; min 0.94×), erring high so a prompt that
 * "fits" really fits. test/unit/core/llm/tokens checks the calibration.
 */
import type { TokenCounter } from './tokenCounter';

/**
 * Counts the text's pieces: a word (`Foo`, `foo`, `FOO` before a word `Bar` of `FOOBar`), a digit run, a
 * line break with its indentation, a blank run, one non-ASCII character, an operator run (anything else
 * but \r, \v, \f, which are no piece). A scan, not a regular expression's matches: it runs on every
 * prompt sent, and each match allocated an array and a string.
 */
export function estimateTokens(text: string): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (isLower(c) || (isUpper(c) && j < len && isLower(text.charCodeAt(j)))) {
      while (j < len && isLower(text.charCodeAt(j))) j++;
      n += Math.ceil((j - i) / 7); // words: common ones are one token
    } else if (isUpper(c)) {
      while (j < len && isUpper(text.charCodeAt(j))) j++;
      if (j < len && isLower(text.charCodeAt(j))) j--; // the last capital starts the next word
      n += Math.ceil((j - i) / 7);
    } else if (c >= 48 && c <= 57) {
      while (j < len && isDigit(text.charCodeAt(j))) j++;
      n += Math.ceil((j - i) / 3); // digits: BPEs group up to 3
    } else if (c === 10) {
      while (j < len && isBlank(text.charCodeAt(j))) j++;
      n += 1 + Math.floor((j - i - 1) / 16); // newline + indentation
    } else if (c === 32 || c === 9) {
      while (j < len && isBlank(text.charCodeAt(j))) j++;
      n += j - i > 1 ? 1 : 0; // a single space merges into the next word
    } else if (c >= 0x80) {
      n += 1; // non-ASCII: about one token per character
    } else if (c < 11 || c > 13) {
      while (j < len && isOperator(text.charCodeAt(j))) j++;
      n += Math.ceil((j - i) / 2); // operator runs like `=>`, `);`
    }
    i = j;
  }
  return n;
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlank = (c: number) => c === 32 || c === 9;
/** ASCII but no letter, digit or whitespace. */
const isOperator = (c: number) => c < 0x80 && !(c >= 9 && c <= 13) && c !== 32 && !isLower(c) && !isUpper(c) && !isDigit(c);

export const estimateCounter: TokenCounter = { name: 'estimate (code-calibrated)', exact: false, count: estimateTokens };
