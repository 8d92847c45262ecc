/**
 * Identifiers in code lines, for finding the places an edit affects. Keywords and names of fewer than
 * three characters are never worth following (they occur everywhere); the index's search token of a
 * name (lower-cased, see index/search/tokenizer.ts) finds the chunks that may hold it.
 */
import { keptIn } from '../keptIn';

const IDENT = /(?<![\w$])[A-Za-z_$][\w$]*/g;
const MIN_LENGTH = 3;

/** Keywords and names so common in every language that an edit touching them says nothing. */
const IGNORED = new Set(
  (
    'abstract any as assert async await boolean break byte case catch chan char class const continue debugger declare def default defer del ' +
    'delete do double elif else enum error except export extends false final finally float for from func function global go goto if implements ' +
    'import in instanceof int interface is keyof lambda let long map native never new nil none nonlocal not null number object of or package ' +
    'pass private protected public raise range readonly return rune select self cls short static strictfp string struct super switch ' +
    'synchronized this throw throws transient true try type typeof undefined unknown var void volatile while with yield None True False ' +
    'String Object Override bool len str dict list fmt err ctx int64 int32 uint uint64 float64 get set pub mut impl use mod crate fn let'
  ).split(' '),
);

export function identifiersOf(text: string): string[] {
  return text.match(IDENT) ?? [];
}

export function isMeaningful(name: string): boolean {
  return name.length >= MIN_LENGTH && !IGNORED.has(name);
}

/** Distinct meaningful identifiers of some lines, in first-seen order. */
export function meaningfulIdentifiers(lines: readonly string[]): string[] {
  const out = new Set<string>();
  for (const l of lines) for (const id of identifiersOf(l)) if (isMeaningful(id)) out.add(id);
  return [...out];
}

/** The index's search token for an identifier (see tokenizer.forEachToken): lower-cased, whole. */
export function searchToken(name: string): string | undefined {
  if (name.length < 2 || name.length > 64 || /^[0-9]/.test(name)) return undefined;
  return name.toLowerCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names whose matchers are kept (the sources ask for the same few names on every keystroke). */
const MAX_PATTERNS = 256;
const patterns = new Map<string, RegExp>();

/** Whole-word matcher for one identifier (word characters and `$` bound it). Shared: no g or y flag, so test() keeps no state. */
export function wordPattern(name: string): RegExp {
  return keptIn(patterns, MAX_PATTERNS, name, (n) => new RegExp(`(?<![\\w$])${escape(n)}(?![\\w$])`));
}
