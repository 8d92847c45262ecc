/**
 * Leading-whitespace arithmetic: detecting a text's indentation style, converting between tabs and
 * spaces, and finding the one uniform transform that maps a model's indentation onto the file's.
 * Only leading whitespace is ever changed, and only by a rule that holds for every line; when no such
 * rule exists the caller refuses instead of guessing.
 */

export interface IndentStyle {
  readonly kind: 'tabs' | 'spaces';
  /** Columns per level: the tab width assumed for conversion, or the number of spaces per level. */
  readonly unit: number;
}

export type IndentTransform = (indent: string) => string | undefined;

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** The style most lines use, or undefined when no line is indented. */
export function detectIndentStyle(lines: readonly string[]): IndentStyle | undefined {
  let tabs = 0;
  let spaces = 0;
  const deltas = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const indent = leadingWhitespace(line);
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    if (!indent.includes('\t')) {
      const delta = Math.abs(indent.length - previous);
      if (delta >= 2) deltas.set(delta, (deltas.get(delta) ?? 0) + 1);
      previous = indent.length;
    }
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return { kind: 'tabs', unit: 4 };
  let unit = 4;
  let best = 0;
  for (const [delta, count] of deltas) {
    if (delta <= 8 && (count > best || (count === best && delta < unit))) {
      unit = delta;
      best = count;
    }
  }
  return { kind: 'spaces', unit };
}

function columns(indent: string, tabWidth: number): number {
  let cols = 0;
  for (const ch of indent) cols += ch === '\t' ? tabWidth - (cols % tabWidth) : 1;
  return cols;
}

export function toTabs(indent: string, unit: number): string {
  const cols = columns(indent, unit);
  return '\t'.repeat(Math.floor(cols / unit)) + ' '.repeat(cols % unit);
}

export function toSpaces(indent: string, unit: number): string {
  return ' '.repeat(columns(indent, unit));
}

export function replaceIndent(line: string, transform: IndentTransform): string | undefined {
  if (isBlank(line)) return '';
  const indent = leadingWhitespace(line);
  const next = transform(indent);
  return next === undefined ? undefined : next + line.slice(indent.length);
}

/** Applies `transform` to every line; undefined when one line cannot be transformed. */
export function reindentLines(lines: readonly string[], transform: IndentTransform): string[] | undefined {
  const out: string[] = [];
  for (const line of lines) {
    const next = replaceIndent(line, transform);
    if (next === undefined) return undefined;
    out.push(next);
  }
  return out;
}

/** The shortest indentation among non-blank lines ('' when there are none). */
export function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const indent = leadingWhitespace(line);
    if (common === undefined || indent.length < common.length) common = indent;
  }
  return common ?? '';
}

const CONVERSIONS: readonly { readonly name: string; readonly convert: (indent: string) => string }[] = [
  { name: 'identity', convert: (i) => i },
  ...[4, 2, 8].map((u) => ({ name: `spaces→tabs(${u})`, convert: (i: string) => toTabs(i, u) })),
  ...[4, 2, 8].map((u) => ({ name: `tabs→spaces(${u})`, convert: (i: string) => toSpaces(i, u) })),
];

/**
 * The transform that turns each `from` indentation into its paired `to` indentation: an optional
 * tabs/spaces conversion followed by adding or removing one common prefix. Undefined when no such
 * uniform transform fits every pair (the model re-indented unevenly).
 */
export function findIndentTransform(pairs: readonly (readonly [from: string, to: string])[]): IndentTransform | undefined {
  if (pairs.length === 0) return (i) => i;
  for (const { convert } of CONVERSIONS) {
    const converted = pairs.map(([from, to]) => [convert(from), to] as const);
    const [firstFrom, firstTo] = converted[0]!;
    if (firstTo.endsWith(firstFrom)) {
      const prefix = firstTo.slice(0, firstTo.length - firstFrom.length);
      if (converted.every(([f, t]) => t === prefix + f)) return (i) => prefix + convert(i);
    }
    if (firstFrom.endsWith(firstTo)) {
      const prefix = firstFrom.slice(0, firstFrom.length - firstTo.length);
      if (converted.every(([f, t]) => f === prefix + t)) {
        return (i) => {
          const c = convert(i);
          return c.startsWith(prefix) ? c.slice(prefix.length) : undefined;
        };
      }
    }
  }
  return undefined;
}
