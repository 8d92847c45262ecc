/**
 * Places located changes (diff hunks, search/replace blocks) into a region's lines. Every change is
 * located against the original independently, so their order in the answer does not matter; they
 * must not overlap. Kept lines come from the file (its bytes, its line endings), added lines get the
 * file's line ending and the indentation transform found while matching.
 */
import { replaceIndent } from './indentation';
import { findUniqueBlock, type MatchLevel } from './lineMatcher';
import type { Eol, Line } from './textLines';
import type { EditFailureCode } from './types';

export interface LineOp {
  readonly kind: 'keep' | 'del' | 'add';
  readonly text: string;
}

export interface LineChange {
  /** How the user should recognise it in a message: "hunk 2", "block 1". */
  readonly label: string;
  readonly ops: readonly LineOp[];
}

export type LineChangesOutcome =
  | { readonly ok: true; readonly lines: Line[]; readonly notes: string[] }
  | { readonly ok: false; readonly code: EditFailureCode; readonly message: string };

interface Located {
  readonly change: LineChange;
  readonly index: number;
  readonly length: number;
  readonly level: MatchLevel;
  readonly transform: (indent: string) => string | undefined;
}

/** `firstLine` is the document line the region starts on, so messages name document lines. */
export function applyLineChanges(region: readonly Line[], changes: readonly LineChange[], eol: Eol, regionEndsWithBreak: boolean, firstLine = 0): LineChangesOutcome {
  const texts = region.map((l) => l.text);
  const located: Located[] = [];
  const notes: string[] = [];
  for (const quoted of changes) {
    const change = withoutBlankContextAtEnds(quoted);
    const old = change.ops.filter((op) => op.kind !== 'add').map((op) => op.text);
    if (old.length === 0) {
      if (texts.some((t) => t.trim() !== '')) {
        return fail('no-context', `${change.label[0]!.toUpperCase()}${change.label.slice(1)} only adds lines and quotes no existing line, so its place in the file is unknown. Ask for the change again with a few unchanged lines around it.`);
      }
      located.push({ change, index: 0, length: region.length, level: 'exact', transform: (i) => i });
      continue;
    }
    if (old.every((t) => t.trim() === '')) {
      // Blank lines say nothing about where (or at what indentation) the change belongs.
      return fail('no-context', `${change.label[0]!.toUpperCase()}${change.label.slice(1)} quotes only blank lines, so its place in the file is unknown. Ask for the change again with a few unchanged lines of code around it.`);
    }
    const match = findUniqueBlock(texts, old);
    const what = `${change.label[0]!.toUpperCase()}${change.label.slice(1)} (${describe(old)})`;
    switch (match.kind) {
      case 'none':
        return fail('not-found', `${what} matches no place in the file: the lines it quotes differ from the file. Ask the model to re-read the current file and answer again, or merge by hand.`);
      case 'ambiguous':
        return fail('ambiguous-match', `${what} matches ${match.indices.length} places in the file (lines ${match.indices.slice(0, 5).map((i) => firstLine + i + 1).join(', ')}), so it is not applied. Ask for the change with more surrounding lines so that it is unique.`);
      case 'uneven-indentation':
        return fail('uneven-indentation', `${what} matches line ${firstLine + match.index + 1} only when indentation is ignored, and its indentation differs unevenly from the file, so the new lines cannot be indented safely. Merge by hand or ask again.`);
      case 'unique':
        if (match.level !== 'exact') notes.push(`${change.label} matched ${match.level === 'indentation' ? 'ignoring indentation; its new lines were re-indented to fit' : 'ignoring trailing whitespace'}`);
        located.push({ change, index: match.index, length: old.length, level: match.level, transform: match.transform });
    }
  }

  located.sort((a, b) => a.index - b.index);
  for (let i = 1; i < located.length; i++) {
    const prev = located[i - 1]!;
    const cur = located[i]!;
    if (cur.index < prev.index + prev.length || cur.index === prev.index) {
      return fail('overlapping-changes', `${prev.change.label[0]!.toUpperCase()}${prev.change.label.slice(1)} and ${cur.change.label} change overlapping lines (around line ${firstLine + cur.index + 1}), so applying both would be a guess. Ask for one combined change.`);
    }
  }

  const out: Line[] = [];
  let cursor = 0;
  for (const loc of located) {
    out.push(...region.slice(cursor, loc.index));
    let at = loc.index;
    for (const op of loc.change.ops) {
      if (op.kind === 'keep') out.push(region[at++]!);
      else if (op.kind === 'del') at++;
      else {
        const text = loc.level === 'indentation' ? replaceIndent(op.text, loc.transform) : op.text;
        if (text === undefined) {
          return fail('uneven-indentation', `${loc.change.label[0]!.toUpperCase()}${loc.change.label.slice(1)} matched ignoring indentation, but its new line "${op.text.trim()}" is indented less than the lines it replaces, so it cannot be placed safely. Merge by hand or ask again.`);
        }
        out.push({ text, eol });
      }
    }
    cursor = loc.index + loc.length;
  }
  out.push(...region.slice(cursor));
  return { ok: true, lines: withLineEnds(out, eol, regionEndsWithBreak), notes };
}

/**
 * Unchanged blank lines at the ends of a change carry no information about its place, and models
 * get them wrong (an extra or missing blank line around a SEARCH part), so they are dropped.
 */
function withoutBlankContextAtEnds(change: LineChange): LineChange {
  const blankKeep = (op: LineOp) => op.kind === 'keep' && op.text.trim() === '';
  let start = 0;
  let end = change.ops.length;
  while (start < end && blankKeep(change.ops[start]!)) start++;
  while (end > start && blankKeep(change.ops[end - 1]!)) end--;
  return start === 0 && end === change.ops.length ? change : { label: change.label, ops: change.ops.slice(start, end) };
}

/** Every line but the last ends with a break; the last keeps the region's own final state. */
export function withLineEnds(lines: readonly Line[], eol: Eol, endsWithBreak: boolean): Line[] {
  return lines.map((l, i) => {
    if (i < lines.length - 1) return l.eol === '' ? { text: l.text, eol } : l;
    if (!endsWithBreak) return { text: l.text, eol: '' };
    return l.eol === '' ? { text: l.text, eol } : l;
  });
}

function describe(lines: readonly string[]): string {
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  return first ? `starting "${first.length > 60 ? `${first.slice(0, 57)}...` : first}"` : 'blank lines only';
}

function fail(code: EditFailureCode, message: string): LineChangesOutcome {
  return { ok: false, code, message };
}
