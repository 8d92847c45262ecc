/**
 * When the cursor's region has nothing left to do, the region moves to the leftover use of a renamed
 * name. The region is rank 1 (what the model is asked about first), and it is built around the cursor:
 * right when the user is in the middle of something, wrong when the edit just finished there and the
 * rename's other uses wait further down the file. So when no source found anything inside the cursor's
 * region (only the edits already made) and the best place is a renamed name's leftover use in the same
 * file, the region is built there and the cursor's place becomes the first jump back. Only then: moved
 * whenever a leftover use ranks first, it lost more targets than it found (the cursor's region is right
 * more often), and a leftover in another file stays a jump (the region stays in the cursor's document).
 * Lines that merely look like the edited ones (similar-code) are found around finished edits too: they
 * keep the region only against a name the edits removed from text (a comment, a string), not from code.
 */
import { editableRegion, type RegionBudget } from '../editableRegion';
import { identifiersOf } from '../identifiers';
import type { HistoryHunk, LineSpan, NextEditLocation, Position } from '../types';
import type { Candidate } from './locatorContext';

export interface LeftoverInput {
  readonly region: LineSpan;
  readonly cursor: Position;
  readonly lines: readonly string[];
  readonly budget: RegionBudget;
  /** Every source's candidates (the edits already made and the nearby windows say nothing here). */
  readonly candidates: readonly Candidate[];
  /** The ranked places, best first. */
  readonly locations: readonly NextEditLocation[];
  /** The edits made (what the leftover's name was removed from). */
  readonly history: readonly HistoryHunk[];
}

/** A line that is all comment (its first token opens or continues one); `#include` and the like are code. */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*|#(?!include\b|define\b|if|endif\b|pragma\b)|--|"""|''')/;
/** A string literal on one line (escaped quotes inside it included). */
const STRING = /(["'`])(?:\\.|(?!\1).)*\1/g;

/** Lines of the cursor's place kept as a jump: as a ranked place shows a candidate. */
const BEFORE_CURSOR = 3;
const JUMP_LINES = 12;

/** The moved region and places, or undefined when the region stays. */
export function leftoverRegion(input: LeftoverInput): { region: LineSpan; locations: NextEditLocation[] } | undefined {
  const { region, cursor, lines } = input;
  const top = input.locations[0];
  if (!top || top.reason !== 'renamed-identifier' || top.file !== region.file) return undefined;
  const found = input.candidates.filter((c) => c.reason !== 'recent-edit' && c.reason !== 'nearby' && c.file === region.file && region.startLine <= c.line && c.line <= region.endLine);
  if (found.some((c) => c.reason !== 'similar-code')) return undefined;
  if (found.length && !(top.detail && removedFromCode(top.detail, input.history))) return undefined;
  // Centred on the leftover, as long as the cursor's region (the syntax-node step keeps it whole when the budget allows).
  const size = region.endLine - region.startLine + 1;
  const last = Math.max(0, lines.length - 1);
  const start = Math.max(0, top.startLine - Math.max(0, Math.floor((size - (top.endLine - top.startLine + 1)) / 2)));
  const centred = { startLine: start, endLine: Math.min(last, start + size - 1) };
  const moved = editableRegion({ file: region.file, lines, cursorLine: top.startLine, ancestors: [centred], hints: [], budget: input.budget });
  const back: NextEditLocation = {
    file: region.file,
    startLine: Math.max(region.startLine, cursor.line - BEFORE_CURSOR),
    endLine: Math.min(region.endLine, cursor.line - BEFORE_CURSOR + JUMP_LINES - 1),
    score: top.score,
    reason: 'recent-edit',
  };
  const inside = (l: LineSpan) => l.file === moved.file && moved.startLine <= l.startLine && l.endLine <= moved.endLine;
  const rest = input.locations.slice(1).filter((l) => !inside(l));
  return { region: moved, locations: [back, ...rest].slice(0, input.locations.length) };
}

/** Whether some edit removed `name` from code: outside comments and string literals. */
function removedFromCode(name: string, history: readonly HistoryHunk[]): boolean {
  return history.some((h) => h.oldLines.some((l) => l.includes(name) && !COMMENT_LINE.test(l) && identifiersOf(l.replace(STRING, ' ')).includes(name)));
}
