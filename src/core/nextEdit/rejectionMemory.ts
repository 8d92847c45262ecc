/**
 * Changes the user turned down, per document: a suggestion rejected (Esc, typed over) is not offered
 * again while the document keeps the text it was rejected on. A change is remembered by what it
 * removes and inserts and the line it is on (not by position, which moves as the user types), so the
 * same change proposed a few lines further down is still recognised.
 */
import { documentLines } from './documentLines';
import type { TextEdit } from './types';

const PER_DOCUMENT = 50;

export class RejectionMemory {
  private readonly byFile = new Map<string, string[]>();

  reject(file: string, edits: readonly TextEdit[], document: string): void {
    const list = this.byFile.get(file) ?? [];
    for (const k of keysOf(edits, document)) if (!list.includes(k)) list.push(k);
    while (list.length > PER_DOCUMENT) list.shift();
    this.byFile.set(file, list);
  }

  /** True when every change of the suggestion was rejected before. */
  wasRejected(file: string, edits: readonly TextEdit[], document: string): boolean {
    const list = this.byFile.get(file);
    if (!list?.length || !edits.length) return false;
    return keysOf(edits, document).every((k) => list.includes(k));
  }

  forget(file: string): void {
    this.byFile.delete(file);
  }
}

/** Per edit: the whole line it starts on, the text it removes and the text it inserts. */
function keysOf(edits: readonly TextEdit[], document: string): string[] {
  const lines = documentLines(document);
  return edits.map((e) => {
    const removed = e.range.start.line === e.range.end.line
      ? (lines[e.range.start.line] ?? '').slice(e.range.start.character, e.range.end.character)
      : [(lines[e.range.start.line] ?? '').slice(e.range.start.character), ...lines.slice(e.range.start.line + 1, e.range.end.line), (lines[e.range.end.line] ?? '').slice(0, e.range.end.character)].join('\n');
    return `${(lines[e.range.start.line] ?? '').trim()}\0${removed}\0${e.newText}`;
  });
}
