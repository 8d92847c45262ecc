/** Measuring indentation in columns, so tabs and spaces compare correctly. */

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

/** Visual width of leading whitespace, a tab advancing to the next multiple of `tabSize`. */
export function indentWidth(whitespace: string, tabSize: number): number {
  let col = 0;
  for (const ch of whitespace) {
    if (ch === '\t') col += tabSize - (col % tabSize);
    else if (ch === ' ') col += 1;
    else break;
  }
  return col;
}

export function lineIndentWidth(line: string, tabSize: number): number {
  return indentWidth(leadingWhitespace(line), tabSize);
}

/**
 * The document's indentation unit: a tab if most indented lines start with one, otherwise the most
 * common positive difference between consecutive indented lines (2 or 4 in practice).
 */
export function detectIndentUnit(text: string, fallback = '    '): string {
  let tabLines = 0;
  let spaceLines = 0;
  const deltas = new Map<number, number>();
  let previous = 0;
  for (const line of text.split('\n')) {
    if (isBlank(line)) continue;
    const ws = leadingWhitespace(line);
    if (ws.startsWith('\t')) tabLines++;
    else if (ws.length > 0) spaceLines++;
    if (!ws.includes('\t')) {
      const delta = ws.length - previous;
      if (delta > 0 && delta <= 8) deltas.set(delta, (deltas.get(delta) ?? 0) + 1);
      previous = ws.length;
    }
  }
  if (tabLines > spaceLines) return '\t';
  let best = 0;
  let bestCount = 0;
  for (const [delta, count] of deltas) {
    if (count > bestCount || (count === bestCount && delta < best)) {
      best = delta;
      bestCount = count;
    }
  }
  return best > 0 ? ' '.repeat(best) : fallback;
}
