/** The cursor's line split at the cursor: what is typed before it and what follows it on the same line. */
export function linePrefixOf(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

export function lineSuffixOf(suffix: string): string {
  const end = suffix.indexOf('\n');
  return end < 0 ? suffix : suffix.slice(0, end);
}

/** Characters that may legitimately sit right of the cursor without blocking a suggestion. */
export const CLOSERS = new Set([')', ']', '}', '>', '"', "'", '`', ';', ',', ':']);

/** Closers, whitespace and the `/>` that ends a self-closing JSX tag. */
export function isOnlyClosers(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (CLOSERS.has(ch) || ch === ' ' || ch === '\t' || ch === '\r' || (ch === '/' && text[i + 1] === '>')) continue;
    return false;
  }
  return true;
}
