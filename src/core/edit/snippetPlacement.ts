/**
 * Chat "Apply to file" usually gets one function or method, not the file: "here is the updated
 * `save`". Such a snippet is one block — a first line, deeper-indented body lines, and at most a
 * closing line like `}` or `end` back at the first line's indentation. When the file has exactly
 * one line equal to the snippet's first line (its signature), the snippet replaces the block that
 * line opens in the file, found by the same indentation rule; doc comments and decorators above
 * it are replaced only when the snippet brings its own. Anything else is not placed.
 */
import { isBlank, leadingWhitespace, toSpaces } from './indentation';

export type SnippetPlacement =
  | { readonly kind: 'not-a-block' }
  | { readonly kind: 'placed'; readonly start: number; readonly end: number; readonly anchor: number }
  | { readonly kind: 'unplaced'; readonly reason: 'anchor-not-found' | 'anchor-ambiguous' | 'end-unclear'; readonly anchorText: string };

const PREFIX_LINE = /^(@|\/\/|#|\/\*|\*|--|<!--|"""|''')/;
const CLOSER = /^(\}|\)|\]|end\b|fi\b|done\b|esac\b)[\s\S]{0,8}$/;

function width(line: string): number {
  return toSpaces(leadingWhitespace(line), 4).length;
}

interface BlockShape {
  /** Index of the first line that is not a doc comment or decorator. */
  readonly anchor: number;
  readonly closed: boolean;
}

/** The snippet's shape when it is exactly one block, else undefined. */
export function singleBlockShape(lines: readonly string[]): BlockShape | undefined {
  let anchor = 0;
  while (anchor < lines.length && PREFIX_LINE.test(lines[anchor]!.trim())) anchor++;
  if (anchor >= lines.length - 1) return undefined;
  const base = width(lines[anchor]!);
  if (lines.slice(0, anchor).some((l) => !isBlank(l) && width(l) < base)) return undefined;
  let i = anchor + 1;
  if (lines[i]!.trim() === '{' && width(lines[i]!) === base) i++; // a brace on its own line (Allman style)
  let sawBody = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (width(line) > base) {
      sawBody = true;
      continue;
    }
    const last = lines.slice(i + 1).every(isBlank);
    return last && sawBody && CLOSER.test(line.trim()) ? { anchor, closed: true } : undefined;
  }
  return sawBody ? { anchor, closed: false } : undefined;
}

/**
 * Where `snippet` goes in `file`: the lines [start, end) it replaces. `not-a-block` when the
 * snippet is not a single block (so it is not a snippet in this sense).
 */
export function placeSnippet(file: readonly string[], snippet: readonly string[]): SnippetPlacement {
  const shape = singleBlockShape(snippet);
  if (!shape) return { kind: 'not-a-block' };
  const anchorText = snippet[shape.anchor]!.trim();
  const hits = file.flatMap((l, i) => (l.trim() === anchorText ? [i] : []));
  if (hits.length !== 1) return { kind: 'unplaced', reason: hits.length === 0 ? 'anchor-not-found' : 'anchor-ambiguous', anchorText };
  const anchor = hits[0]!;
  const base = width(file[anchor]!);

  let start = anchor;
  if (shape.anchor > 0) {
    while (start > 0 && !isBlank(file[start - 1]!) && PREFIX_LINE.test(file[start - 1]!.trim()) && width(file[start - 1]!) >= base) start--;
  }
  let i = anchor + 1;
  if (i < file.length && file[i]!.trim() === '{' && width(file[i]!) === base) i++;
  let end = i;
  for (; i < file.length; i++) {
    const line = file[i]!;
    if (isBlank(line)) continue;
    if (width(line) > base) {
      end = i + 1;
      continue;
    }
    if (shape.closed && CLOSER.test(line.trim())) end = i + 1;
    break;
  }
  // The file's block may end early by indentation (a multi-line string at column 0): when the line
  // after it reappears in the snippet, the snippet's block goes on there, and the end is unclear.
  const next = file.slice(end).find((l) => !isBlank(l))?.trim();
  if (next !== undefined && /\w{3}/.test(next) && snippet.some((l) => l.trim() === next)) return { kind: 'unplaced', reason: 'end-unclear', anchorText };
  return { kind: 'placed', start, end, anchor };
}
