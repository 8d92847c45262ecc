/**
 * Where the next edit will be, without a model: the editable region around the cursor and a ranked list
 * of other places (in this file or others), from the edit history and the index. The engine asks the
 * model about the region; the editor offers the places as jumps. Everything here is synchronous index
 * lookups on lines the index already holds — a few milliseconds per request.
 */
import { DEFAULT_REGION_BUDGET, editableRegion, type RegionBudget } from './editableRegion';
import { addedNames } from './locations/addedNames';
import { changedSignature } from './locations/changedSignature';
import { diagnostics } from './locations/diagnostics';
import { type Candidate, LocatorContext, type LocatorInput, type LocationSource } from './locations/locatorContext';
import { missingImport } from './locations/missingImport';
import { nearbyWindows } from './locations/nearby';
import { rankLocations } from './locations/rankLocations';
import { recentEdits } from './locations/recentEdits';
import { renamedIdentifiers } from './locations/renamedIdentifiers';
import { repeatedEdit } from './locations/repeatedEdit';
import { similarLines } from './locations/similarLines';
import type { LineSpan, NextEditLocation } from './types';

/** The sources, in no particular order: each is one file under ./locations. */
export const LOCATION_SOURCES: readonly LocationSource[] = [renamedIdentifiers, repeatedEdit, similarLines, changedSignature, addedNames, missingImport, recentEdits, diagnostics];

export interface LocateInput extends LocatorInput {
  /** Syntax nodes holding the cursor, innermost first (see syntaxAncestors.ts). */
  readonly ancestors: readonly { readonly startLine: number; readonly endLine: number }[];
  readonly budget?: RegionBudget;
  /** Most locations returned. */
  readonly limit?: number;
}

export interface LocateResult {
  readonly region: LineSpan;
  readonly locations: readonly NextEditLocation[];
}

/** How far (in lines) a same-file candidate may be to pull the region toward it. */
const HINT_DISTANCE = 40;

export function locateNextEdits(input: LocateInput): LocateResult {
  const ctx = new LocatorContext(input);
  const candidates: Candidate[] = LOCATION_SOURCES.flatMap((source) => source(ctx));
  const cursor = input.cursor.line;
  const hints = candidates
    .filter((c) => c.file === input.file && c.reason !== 'recent-edit' && Math.abs(c.line - cursor) <= HINT_DISTANCE)
    .map((c) => c.line);
  const budget = input.budget ?? DEFAULT_REGION_BUDGET;
  const cursorRegion = editableRegion({ file: input.file, lines: input.lines, cursorLine: cursor, ancestors: input.ancestors, hints, budget });
  const rank = (region: LineSpan, extra: readonly Candidate[]) => rankLocations([...candidates, ...extra], { region, limit: input.limit ?? 20, before: Number(process.env.NE_B ?? 3), after: Number(process.env.NE_A ?? 5), cluster: Number(process.env.NE_C ?? 5) });
  const first = rank(cursorRegion, [])[0];
  const threshold = Number(process.env.NE_T ?? Infinity);
  if (first && first.score >= threshold) {
    // Strong evidence away from the cursor: the region goes there; the cursor's surroundings become jumps.
    const lines = ctx.linesOf(first.file) ?? [];
    const mid = Math.floor((first.startLine + first.endLine) / 2);
    const start = Math.max(0, Math.min(mid - Math.floor(budget.maxLines / 3), lines.length - budget.maxLines));
    const region = { file: first.file, startLine: start, endLine: Math.min(lines.length - 1, start + budget.maxLines - 1) };
    const around = cursorWindows(cursorRegion, cursor, first.score * 0.9);
    return { region, locations: rank(region, [...around, ...nearbyWindows(ctx, cursorRegion)]) };
  }
  const region = cursorRegion;
  return { region, locations: rank(region, nearbyWindows(ctx, region)) };
}

/** The cursor region cut into jump-sized windows, the one holding the cursor first. */
function cursorWindows(region: LineSpan, cursor: number, score: number): Candidate[] {
  const out: Candidate[] = [];
  const first = Math.max(region.startLine, cursor - 3);
  out.push({ file: region.file, line: first, endLine: Math.min(region.endLine, first + 11), score: score / 10, reason: 'nearby' });
  if (first + 12 <= region.endLine) out.push({ file: region.file, line: first + 12, endLine: Math.min(region.endLine, first + 23), score: score / 20, reason: 'nearby' });
  if (first > region.startLine) out.push({ file: region.file, line: Math.max(region.startLine, first - 12), endLine: first - 1, score: score / 25, reason: 'nearby' });
  return out;
}
