/**
 * Identifier tokens for search: every identifier lower-cased, plus its camelCase / snake_case parts
 * when it has more than one (so `getUserById` matches "user" and "getuserbyid"). Language keywords and
 * one-letter tokens are dropped: they match everything, carry no meaning and make postings long.
 */
const IDENT = /[A-Za-z_$][\w$]*/g;
const PARTS = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

const STOP = new Set(
  (
    'if else for while do return function const let var new this self true false null undefined none nil ' +
    'import export from as class interface type enum extends implements public private protected static ' +
    'void int float double bool boolean char string long short byte unsigned signed struct fn pub mut impl use mod ' +
    'def pass elif lambda in is not and or try catch except finally throw throws raise await async yield ' +
    'break continue switch case default package go func defer chan map range with assert typeof instanceof of ' +
    'the a an to is it be on at by'
  ).split(' '),
);

/** Calls `emit` for each token of `text` in order (repeats included). */
export function forEachToken(text: string, emit: (token: string) => void): void {
  IDENT.lastIndex = 0;
  for (let m = IDENT.exec(text); m; m = IDENT.exec(text)) {
    const ident = m[0];
    if (ident.length > 64) continue; // generated blobs, not names
    const lower = ident.toLowerCase();
    if (lower.length > 1 && !STOP.has(lower)) emit(lower);
    if (ident.length < 4) continue;
    // Split only when there is something to split: cheap checks before the regex.
    if (ident.includes('_') || (lower !== ident && ident !== ident.toUpperCase()) || /[a-z][A-Z]/.test(ident)) {
      PARTS.lastIndex = 0;
      let count = 0;
      const parts: string[] = [];
      for (let p = PARTS.exec(ident); p; p = PARTS.exec(ident)) {
        count++;
        const part = p[0].toLowerCase();
        if (part.length > 1 && part !== lower && !STOP.has(part)) parts.push(part);
      }
      if (count > 1) for (const part of parts) emit(part);
    }
  }
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}

/** Distinct tokens with their counts, in first-seen order. */
export function termCounts(text: string): { terms: string[]; tfs: number[]; length: number } {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const tfs: number[] = [];
  let length = 0;
  forEachToken(text, (t) => {
    length++;
    const i = index.get(t);
    if (i === undefined) {
      index.set(t, terms.length);
      terms.push(t);
      tfs.push(1);
    } else tfs[i]!++;
  });
  return { terms, tfs, length };
}
