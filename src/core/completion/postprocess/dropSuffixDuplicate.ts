import { isBlank } from '../text/indentation';
import { isOnlyClosers } from '../text/splitCursorLine';
import { cutBeforeLine, fullLines, linesBelowCursor, withText } from './candidateLines';
import type { PostprocessFilter } from './types';

/**
 * Removes what the document already has after the cursor. Models often re-type the code that
 * follows (they saw it in the suffix), which would double it on accept:
 * - a suggestion that is only the start of the suffix adds nothing and is dropped;
 * - text right of the cursor on the same line (`total = │ * rate;` completed as `price * rate;`) is
 *   cut from the suggestion's end (closers alone are left to `fixAutoClosedBracketRange`);
 * - from the first suggested line that equals the next non-blank line below the cursor (same
 *   indentation), the rest is cut: the model has run into the existing code; when what is left is
 *   itself only the start of the suffix, it is dropped too (else a second pass would drop it: the
 *   filter must be idempotent).
 */
export const dropSuffixDuplicate: PostprocessFilter = (item, context) => {
  const suffix = context.suffix.slice(item.replaceAfter);
  const text = item.text.trimEnd();
  if (text.length > 0 && suffix.startsWith(text)) return null;

  const rest = context.lineSuffix.slice(item.replaceAfter).trim();
  if (rest.length > 0 && !isOnlyClosers(rest)) {
    const at = text.lastIndexOf(rest);
    if (at >= 0 && at + rest.length === text.length) return withText(item, text.slice(0, at).trimEnd());
    return item;
  }

  const below = linesBelowCursor(context).find((line) => !isBlank(line));
  if (below === undefined) return item;
  const target = below.trimEnd();
  const lines = fullLines(item, context);
  // The first line only duplicates when it is a whole line: nothing after the cursor.
  const from = rest.length === 0 ? 0 : 1;
  for (let i = from; i < lines.length; i++) {
    if (lines[i]!.trimEnd() !== target) continue;
    if (i === 0) return null;
    const cut = cutBeforeLine(item, i);
    const left = cut.text.trimEnd();
    return left.length > 0 && suffix.startsWith(left) ? null : cut;
  }
  return item;
};
