/**
 * A line's shape: its names, strings and numbers replaced by `_` (keywords kept), so lines with the same
 * structure and other names look alike — `def _(self):` for every test method. Read by similarLines.
 */
export function shapeOf(line: string): string {
  return line
    .trim()
    .replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '_')
    .replace(/\b\d[\w.]*/g, '_')
    .replace(/[A-Za-z_$][\w$]*/g, (w) => (KEYWORDS.has(w) ? w : '_'))
    .replace(/_(?:\s*\.\s*_)+/g, '_')
    .replace(/\s+/g, ' ');
}

const KEYWORDS = new Set(
  ('def class function func fn public private protected static final void return if else for while try catch with async await ' +
    'self this import from export const let var new throw throws extends implements interface struct type package').split(' '),
);
