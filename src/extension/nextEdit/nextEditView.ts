/**
 * What a next-edit suggestion looks like in the editor, as plain data (no vscode import, so it is unit
 * tested): the inline diff's pieces (text struck through, text shown after it), the jump label, and
 * what Tab does in each state. The decorations and the controller only draw and dispatch these.
 */

export interface ViewPosition {
  readonly line: number;
  readonly character: number;
}
export interface ViewRange {
  readonly start: ViewPosition;
  readonly end: ViewPosition;
}
export interface ViewEdit {
  readonly range: ViewRange;
  readonly newText: string;
}

/** Longest inserted text drawn after one line; the hover has all of it. */
export const MAX_SHOWN_CHARS = 120;

export type DiffPiece =
  | { readonly kind: 'removed'; readonly range: ViewRange }
  | { readonly kind: 'inserted'; readonly at: ViewPosition; readonly text: string };

/**
 * The inline diff of `edits` (document coordinates): each replaced range struck through, its new text
 * drawn right after it (VS Code cannot insert virtual lines, so new lines are joined with ⏎).
 */
export function diffPieces(edits: readonly ViewEdit[]): DiffPiece[] {
  const out: DiffPiece[] = [];
  for (const e of edits) {
    const empty = e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
    if (!empty) out.push({ kind: 'removed', range: e.range });
    if (e.newText) out.push({ kind: 'inserted', at: e.range.end, text: shown(e.newText) });
  }
  return out;
}

/** One line of what an edit inserts: line breaks as ⏎, cut with … past MAX_SHOWN_CHARS. */
export function shown(text: string): string {
  const one = text.replace(/\r?\n/g, ' ⏎ ');
  return one.length > MAX_SHOWN_CHARS ? `${one.slice(0, MAX_SHOWN_CHARS - 1)}…` : one;
}

/** The label at the cursor when the suggestion is elsewhere: where Tab goes. */
export function jumpLabel(target: { readonly sameDocument: boolean; readonly line: number; readonly fileName: string }): string {
  return target.sameDocument ? `⇥ Tab: next edit at line ${target.line + 1}` : `⇥ Tab: next edit in ${target.fileName}:${target.line + 1}`;
}

/**
 * Tab with a suggestion showing: jump first when the change is away from the cursor (another document,
 * or lines not around the cursor), then accept once the cursor is there.
 */
export function tabAction(s: { readonly sameDocument: boolean; readonly cursorLine: number; readonly firstLine: number; readonly lastLine: number }): 'jump' | 'accept' {
  if (!s.sameDocument) return 'jump';
  return s.cursorLine >= s.firstLine - 1 && s.cursorLine <= s.lastLine + 1 ? 'accept' : 'jump';
}

/**
 * The first edit whose range no longer holds the text it was computed on (`textAt` reads the target
 * document now); undefined when every edit still applies where it was meant to.
 */
export function staleEdit<E extends ViewEdit & { readonly oldText: string }>(edits: readonly E[], textAt: (range: ViewRange) => string): E | undefined {
  return edits.find((e) => textAt(e.range) !== e.oldText);
}

/** Where the cursor goes after accepting: the end of the last inserted text (document coordinates after the edits). */
export function cursorAfter(edits: readonly ViewEdit[]): ViewPosition {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // Line shift of the edits before the last one.
  let shift = 0;
  for (const e of sorted.slice(0, -1)) shift += lineCount(e.newText) - 1 - (e.range.end.line - e.range.start.line);
  const last = sorted[sorted.length - 1]!;
  const lines = last.newText.split(/\r?\n/);
  const line = last.range.start.line + shift + lines.length - 1;
  const character = lines.length === 1 ? last.range.start.character + lines[0]!.length : lines[lines.length - 1]!.length;
  return { line, character };
}

function lineCount(text: string): number {
  return text.split(/\r?\n/).length;
}
