/**
 * A parsed answer (the region's new lines) → the smallest edits against the document (the edit engine's
 * line diff, split by words — see typingThrough.minimalEdits): unchanged lines keep their bytes and line endings, new lines get the document's line ending,
 * no edit splits a surrogate pair or a CRLF, and the document is never touched here. Chat answers also
 * go through the engine's whole-replacement fitting (indentation, copies of the surrounding lines).
 */
import { applyModelAnswer } from '../edit/applyModelAnswer';
import { detectEol, splitLines } from '../edit/textLines';
import { documentLines } from './documentLines';
import { minimalEdits, toTextEdits } from './offsetEdits';
import type { TextEdit } from './types';

export interface RegionRewrite {
  readonly startLine: number;
  readonly endLine: number;
  readonly lines: readonly string[];
}

export type EditsOutcome =
  | { readonly ok: true; readonly edits: readonly TextEdit[]; readonly newText: string }
  | { readonly ok: false; readonly reason: string };

export function answerToEdits(document: string, rewrite: RegionRewrite, options: { readonly fit?: boolean; readonly languageId?: string; readonly fileName?: string } = {}): EditsOutcome {
  const lines = splitLines(document);
  const { startLine, endLine } = rewrite;
  const count = documentLines(document).length;
  if (startLine < 0 || endLine < startLine || endLine >= count) {
    return { ok: false, reason: `the region ${startLine}..${endLine} is outside the document (${count} lines)` };
  }
  if (options.fit && rewrite.lines.some((l) => l.trim())) {
    const last = lines[endLine];
    const range = { start: { line: startLine, character: 0 }, end: { line: endLine, character: last ? last.text.length : 0 } };
    const result = applyModelAnswer(document, rewrite.lines.join('\n'), { kind: 'range', range }, {
      strategy: 'whole-replacement', ...(options.languageId ? { languageId: options.languageId } : {}), ...(options.fileName ? { fileName: options.fileName } : {}),
    });
    if (!result.ok) return { ok: false, reason: result.message };
    return { ok: true, edits: toTextEdits(document, minimalEdits(document, result.newText)), newText: result.newText };
  }
  const eol = detectEol(document);
  let before = '';
  for (let i = 0; i < startLine; i++) before += lines[i]!.text + lines[i]!.eol;
  let after = lines[endLine]?.eol ?? '';
  for (let i = endLine + 1; i < lines.length; i++) after += lines[i]!.text + lines[i]!.eol;
  const newText = before + rewrite.lines.join(eol) + after;
  return { ok: true, edits: toTextEdits(document, minimalEdits(document, newText)), newText };
}
