/**
 * The editable region: what the model may rewrite around the cursor. The smallest syntax node holding
 * the cursor, grown over its ancestors (statement, block, function…) while they fit the budget, then
 * grown line by line up to the budget — more below than above (the edits still to come lie below the
 * cursor more often than above it), and toward places the location sources found close by.
 */
import type { LineSpan } from './types';

export interface RegionBudget {
  /** Most lines of the region. */
  readonly maxLines: number;
  /** Most tokens (about four characters each). */
  readonly maxTokens: number;
}

export const DEFAULT_REGION_BUDGET: RegionBudget = { maxLines: 40, maxTokens: 700 };

export interface RegionInput {
  readonly file: string;
  readonly lines: readonly string[];
  readonly cursorLine: number;
  /** Line ranges of the syntax nodes holding the cursor, innermost first (empty without a grammar). */
  readonly ancestors: readonly { readonly startLine: number; readonly endLine: number }[];
  /** Lines in this file where the next edit is likely (the best location candidates): the fill leans toward them. */
  readonly hints?: readonly number[];
  readonly budget?: RegionBudget;
  /** Share of the fill's lines below the cursor's node when no hint says otherwise (default DOWN_SHARE). */
  readonly downShare?: number;
}

/** The edits still to come lie below the cursor more often than above it. */
export const DOWN_SHARE = 2 / 3;

const tokensOf = (line: string) => Math.ceil((line.length + 1) / 4);

export function editableRegion(input: RegionInput): LineSpan {
  const { lines } = input;
  const budget = input.budget ?? DEFAULT_REGION_BUDGET;
  const last = Math.max(0, lines.length - 1);
  const cursor = Math.min(Math.max(0, input.cursorLine), last);
  let start = cursor;
  let end = cursor;
  let tokens = tokensOf(lines[cursor] ?? '');
  const cost = (s: number, e: number) => {
    let t = 0;
    for (let i = s; i <= e; i++) t += tokensOf(lines[i] ?? '');
    return t;
  };
  for (const a of input.ancestors) {
    const s = Math.max(0, Math.min(a.startLine, start));
    const e = Math.min(last, Math.max(a.endLine, end));
    if (e - s + 1 > budget.maxLines) break;
    const t = cost(s, e);
    if (t > budget.maxTokens) break;
    [start, end, tokens] = [s, e, t];
  }
  // Fill line by line: two lines below for each line above, toward hints when they lie on one side.
  const hints = (input.hints ?? []).filter((h) => h < start || h > end);
  const below = hints.filter((h) => h > end).length;
  const above = hints.length - below;
  const downShare = hints.length ? (below + 1) / (hints.length + 2) : input.downShare ?? DOWN_SHARE;
  let down = 0;
  let up = 0;
  while (end - start + 1 < budget.maxLines) {
    const canUp = start > 0;
    const canDown = end < last;
    if (!canUp && !canDown) break;
    const goDown = canDown && (!canUp || down / Math.max(1, down + up) < downShare || (up === 0 && down === 0 && above === 0));
    const next = goDown ? end + 1 : start - 1;
    const t = tokensOf(lines[next] ?? '');
    if (tokens + t > budget.maxTokens) break;
    tokens += t;
    if (goDown) {
      end = next;
      down++;
    } else {
      start = next;
      up++;
    }
  }
  return { file: input.file, startLine: start, endLine: end };
}
