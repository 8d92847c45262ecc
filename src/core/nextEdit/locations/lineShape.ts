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

/**
 * Whether `line` can have a shape whose symbols (see symbolsOf) are `symbols`, without building its
 * shape: outside strings a line keeps its symbols in its shape, in order. A line holding a quote or a
 * character beyond ASCII may lose or keep some: it can, as far as this says.
 */
export function maySymbolize(line: string, symbols: string): boolean {
  let k = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 128 || c === 34 || c === 39 || c === 96) return true;
    if (!isSymbol(c)) continue;
    if (k >= symbols.length || symbols.charCodeAt(k) !== c) return false;
    k++;
  }
  return k === symbols.length;
}

/** A shape's symbols: its characters other than names, digits, `_`, `$`, dots and whitespace. */
export function symbolsOf(shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length; i++) if (isSymbol(shape.charCodeAt(i)) || shape.charCodeAt(i) >= 128) out += shape[i];
  return out;
}

/** ASCII other than letters, digits, `_`, `$`, `.` and whitespace (what no replacement in shapeOf removes). */
function isSymbol(c: number): boolean {
  return c > 32 && c < 127 && c !== 36 && c !== 46 && c !== 95 && !(c >= 48 && c <= 57) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122);
}

const KEYWORDS = new Set(
  ('def class function func fn public private protected static final void return if else for while try catch with async await ' +
    'self this import from export const let var new throw throws extends implements interface struct type package').split(' '),
);
