/**
 * Whether the code at the cursor is about to name a type, read from the line before it: in Go after
 * `*`, `[]`, `map[K]`, `chan`, `&` (a composite literal) or a name being declared (`var x `, a
 * parameter `(x `, a struct field); in TypeScript after an annotation `:` or `<`, `as`, `extends`,
 * `implements`; in Java, C# and TypeScript after `new`. Types then rank above functions and values.
 */
const GO = /(?:[\]*&]|\bchan\s+|\bvar\s+\w+\s+|^\s*\w+\s+|[(,]\s*\w+\s+)$/;
const TS = /(?:\w\??\s*:\s*|<\s*|\bas\s+|\bextends\s+|\bimplements\s+|\bnew\s+|\|\s*)$/;
const JAVA = /(?:\bnew\s+|\bextends\s+|\bimplements\s+|\(\s*|<\s*|^\s*(?:(?:public|private|protected|static|final)\s+)*)$/;

export function expectsType(file: string, linePrefix: string, partial: string): boolean {
  const before = linePrefix.slice(0, linePrefix.length - partial.length);
  if (file.endsWith('.go')) return GO.test(before) && !/^\s*(?:return|if|for|switch|case|go|defer|else)\s+$/.test(before);
  if (/\.[cm]?tsx?$/.test(file)) return TS.test(before) && !/[?]\s*$/.test(before);
  if (/\.(?:java|cs|kt)$/.test(file)) return JAVA.test(before) && !/^\s*return\s*$/.test(before);
  return false;
}
