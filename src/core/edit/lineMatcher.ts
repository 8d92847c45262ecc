/**
 * Finds where a block of lines the model quoted (diff context, a SEARCH section) sits in the file.
 * Three levels, tried in order, each stricter than the next is tolerant: exact; ignoring trailing
 * whitespace; ignoring indentation. The first level that finds anything decides: one place is a
 * match, several are ambiguous and refused — a looser level is never consulted to break a tie.
 */
import { findIndentTransform, isBlank, leadingWhitespace, type IndentTransform } from './indentation';

export type MatchLevel = 'exact' | 'trailing-whitespace' | 'indentation';

export type MatchResult =
  | { readonly kind: 'unique'; readonly index: number; readonly level: MatchLevel; readonly transform: IndentTransform }
  | { readonly kind: 'ambiguous'; readonly level: MatchLevel; readonly indices: readonly number[] }
  | { readonly kind: 'uneven-indentation'; readonly index: number }
  | { readonly kind: 'none' };

const LEVELS: readonly { readonly level: MatchLevel; readonly key: (line: string) => string }[] = [
  { level: 'exact', key: (l) => l },
  { level: 'trailing-whitespace', key: (l) => l.trimEnd() },
  { level: 'indentation', key: (l) => l.trim() },
];

export function findUniqueBlock(haystack: readonly string[], needle: readonly string[]): MatchResult {
  if (needle.length === 0 || needle.length > haystack.length) return { kind: 'none' };
  for (const { level, key } of LEVELS) {
    const hay = haystack.map(key);
    const pin = needle.map(key);
    const indices: number[] = [];
    for (let i = 0; i + pin.length <= hay.length; i++) {
      let j = 0;
      while (j < pin.length && hay[i + j] === pin[j]) j++;
      if (j === pin.length) indices.push(i);
    }
    if (indices.length > 1) return { kind: 'ambiguous', level, indices };
    if (indices.length === 1) {
      const index = indices[0]!;
      if (level !== 'indentation') return { kind: 'unique', index, level, transform: (i) => i };
      const pairs = needle.flatMap((line, j) => (isBlank(line) ? [] : [[leadingWhitespace(line), leadingWhitespace(haystack[index + j]!)] as const]));
      const transform = findIndentTransform(pairs);
      return transform ? { kind: 'unique', index, level, transform } : { kind: 'uneven-indentation', index };
    }
  }
  return { kind: 'none' };
}
