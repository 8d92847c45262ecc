/**
 * Code generated at the cursor on a blank line gets the indentation that line should have. The edit
 * engine restores a selection's indentation from the selection itself; an empty line has none, so
 * here it is taken from the code above (one level deeper after a line that opens a block).
 */
import { computeTextEdits } from '../edit/computeTextEdits';
import { applyTextEdits } from '../edit/applyTextEdits';
import { leadingWhitespace } from '../edit/indentation';
import type { EditResult, Range } from '../edit/types';

function indentForBlankLine(lines: readonly string[], line: number, indentUnit: string): string {
  for (let i = line - 1; i >= 0; i--) {
    const text = (lines[i] ?? '').replace(/\r$/, '');
    if (text.trim() === '') continue;
    const indent = leadingWhitespace(text);
    return /[{[(:]\s*$/.test(text) ? indent + indentUnit : indent;
  }
  return '';
}

/** Re-indents the inserted code of a successful cursor insertion on a blank line; anything else is returned as is. */
export function indentCursorInsertion(original: string, result: EditResult, cursor: Range, indentUnit: string): EditResult {
  if (!result.ok || result.edits.length !== 1) return result;
  const lines = original.split('\n');
  const cursorLine = (lines[cursor.start.line] ?? '').replace(/\r$/, '');
  if (cursorLine.trim() !== '') return result;
  const indent = indentForBlankLine(lines, cursor.start.line, indentUnit);
  const [edit] = result.edits;
  const inserted = edit!.newText;
  if (!indent || /^[ \t]/.test(inserted)) return result;
  const indented = inserted.replace(/^(?=[^\r\n])/gm, indent);
  const newText = applyTextEdits(original, [{ range: edit!.range, newText: indented }]);
  const { edits, hunks } = computeTextEdits(original, newText);
  return { ...result, edits, hunks, newText, notes: [...result.notes, 'indented the generated code for the cursor line'] };
}
