/**
 * Applies non-overlapping TextEdits to a text, as an editor would. The CLI's `--write`, the server's
 * headless paths and the tests use it; VS Code applies the same edits through its own API.
 */
import { lineStartOffsets, offsetAt } from './textLines';
import type { TextEdit } from './types';

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStartOffsets(text);
  const located = edits.map((e) => {
    const start = offsetAt(text, starts, e.range.start);
    const end = offsetAt(text, starts, e.range.end);
    if (start === undefined || end === undefined || end < start) {
      throw new Error(`edit range ${JSON.stringify(e.range)} does not fit the text: it was computed against another version; compute the edits again`);
    }
    return { start, end, newText: e.newText };
  });
  located.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of located) {
    if (e.start < at) throw new Error('edits overlap: compute them again from one version of the text');
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
