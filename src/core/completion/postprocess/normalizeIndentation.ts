import { indentWidth, isBlank, leadingWhitespace } from '../text/indentation';
import { keptLinePrefix } from './candidateLines';
import type { CompletionCandidate, PostprocessContext, PostprocessFilter } from './types';

/**
 * Makes the suggestion's indentation the document's:
 * - tabs become the document's space unit and spaces become tabs (by tab size) where the document
 *   indents with tabs, so accepted code does not mix styles;
 * - on a cursor line that holds only indentation (the editor auto-indented it), leading whitespace
 *   on the suggestion's first line is ambiguous: added to the editor's indentation (the model
 *   continued the prompt) or the line's whole indentation (the model re-wrote the line, e.g. when the
 *   prompt's trailing whitespace was trimmed). It is read as the whole indentation only when that
 *   reading fits the suggestion's next line (or else the line above the cursor) exactly and the other
 *   does not; otherwise the text stays as written (which also makes the filter idempotent). Less indentation than the
 *   editor's replaces the editor's (a range reaching left of the cursor).
 */
export const normalizeIndentation: PostprocessFilter = (item, context) => {
  const lines = item.text.split('\n');
  const converted = lines.map((line, i) => (i === 0 && !isBlank(keptLinePrefix(item, context)) ? line : convertIndent(line, context)));
  return fixFirstLineIndent({ ...item, text: converted.join('\n') }, context);
};

function convertIndent(line: string, context: PostprocessContext): string {
  const ws = leadingWhitespace(line);
  if (ws.length === 0) return line;
  const styled = context.indentUnit === '\t' ? toTabs(ws, context.tabSize) : ws.replace(/\t/g, context.indentUnit);
  return styled + line.slice(ws.length);
}

function toTabs(ws: string, tabSize: number): string {
  const width = indentWidth(ws, tabSize);
  return '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
}

function fixFirstLineIndent(item: CompletionCandidate, context: PostprocessContext): CompletionCandidate {
  const linePrefix = keptLinePrefix(item, context);
  if (linePrefix.length === 0 || !isBlank(linePrefix)) return item;
  const newline = item.text.indexOf('\n');
  const first = newline < 0 ? item.text : item.text.slice(0, newline);
  if (isBlank(first)) return item;
  const ws = leadingWhitespace(first);
  if (ws.length === 0) return item;
  const have = indentWidth(linePrefix, context.tabSize);
  const want = indentWidth(ws, context.tabSize);
  const rest = item.text.slice(ws.length);
  if (!readsAsWholeIndentation(have + want, want, item.text, context)) return item;
  if (want >= have) return { ...item, text: indentOfWidth(want - have, context) + rest };
  return { ...item, text: ws + rest, replaceBefore: item.replaceBefore + linePrefix.length };
}

function indentOfWidth(width: number, context: PostprocessContext): string {
  if (context.indentUnit !== '\t') return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / context.tabSize)) + ' '.repeat(width % context.tabSize);
}

/** Lines that end by opening a block: the next line is indented one unit deeper. */
const OPENS_BLOCK = /[{([:]\s*$/;

function readsAsWholeIndentation(added: number, whole: number, text: string, context: PostprocessContext): boolean {
  const unit = indentWidth(context.indentUnit, context.tabSize);
  const next = text.split('\n').slice(1).find((line) => !isBlank(line));
  if (next !== undefined) {
    // The next line is the first line's sibling or child.
    const s = indentWidth(leadingWhitespace(next), context.tabSize);
    const misfit = (x: number) => Math.min(Math.abs(s - x), Math.abs(s - (x + unit)));
    return misfit(whole) === 0 && misfit(added) > 0;
  }
  const above = context.prefix.split('\n').slice(0, -1).reverse().find((line) => !isBlank(line));
  if (above === undefined) return false;
  const p = indentWidth(leadingWhitespace(above), context.tabSize);
  const expected = OPENS_BLOCK.test(above) ? [p + unit] : [p, p - unit, p - 2 * unit];
  const misfit = (x: number) => Math.min(...expected.map((e) => Math.abs(e - x)));
  return misfit(whole) === 0 && misfit(added) > 0;
}
