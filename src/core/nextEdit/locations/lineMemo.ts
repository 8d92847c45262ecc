/**
 * A pure function of a line's text, remembered across requests: between two keystrokes nearly every
 * line a source reads is the same, so its tokens and shape are computed once, not on every request.
 * Bounded by two generations (the older one dropped when the newer fills), so lines still in use stay.
 */
export function memoByLine<T>(fn: (line: string) => T, maxPerGeneration = 20_000): (line: string) => T {
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (line) => {
    let v = young.get(line);
    if (v !== undefined) return v;
    v = old.get(line) ?? fn(line);
    if (young.size >= maxPerGeneration) {
      old = young;
      young = new Map();
    }
    young.set(line, v);
    return v;
  };
}
