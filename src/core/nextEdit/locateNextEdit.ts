/**
 * Where the next edit will be, without a model: the editable region around the cursor (or around a
 * renamed name's leftover use, when nothing is left to do at the cursor: leftoverRegion.ts) and a ranked
 * list of other places (in this file or others), from the edit history and the index. The engine asks the
 * model about the region; the editor offers the places as jumps. Everything here is synchronous index
 * lookups on lines the index already holds — a few milliseconds per request.
 */
import { DEFAULT_REGION_BUDGET, editableRegion, type RegionBudget, type RegionInput } from './editableRegion';
import { addedNames } from './locations/addedNames';
import { changedSignature } from './locations/changedSignature';
import { diagnostics } from './locations/diagnostics';
import { extractedValue } from './locations/extractedValue';
import { leftoverRegion } from './locations/leftoverRegion';
import { type Candidate, LocatorContext, type LocatorInput, type LocationSource } from './locations/locatorContext';
import { missingDefinition } from './locations/missingDefinition';
import { missingImport } from './locations/missingImport';
import { nearbyWindows } from './locations/nearby';
import { rankLocations } from './locations/rankLocations';
import { recentEdits } from './locations/recentEdits';
import { renamedIdentifiers } from './locations/renamedIdentifiers';
import { repeatedBlock } from './locations/repeatedBlock';
import { repeatedEdit } from './locations/repeatedEdit';
import { siblingEntries } from './locations/siblingEntries';
import { similarLines } from './locations/similarLines';
import { testCounterpart } from './locations/testCounterpart';
import { testOfEditedCode } from './locations/testOfEditedCode';
import { twinFiles } from './locations/twinFiles';
import type { LineSpan, NextEditLocation } from './types';

/** The sources by name (what the phase timings call them), in no particular order: each is one file under ./locations. */
export const LOCATION_SOURCES: Readonly<Record<string, LocationSource>> = { renamedIdentifiers, repeatedEdit, repeatedBlock, similarLines, changedSignature, addedNames, extractedValue, siblingEntries, missingImport, missingDefinition, recentEdits, diagnostics, testCounterpart, testOfEditedCode, twinFiles };

export interface LocateInput extends LocatorInput {
  /** Syntax nodes holding the cursor, innermost first (see syntaxAncestors.ts). */
  readonly ancestors: readonly { readonly startLine: number; readonly endLine: number }[];
  readonly budget?: RegionBudget;
  /** Most locations returned. */
  readonly limit?: number;
  /**
   * Sees every candidate before ranking, with the region and what it was built from (the ranking's and
   * the region's fit scripts read them: bench/nextEdit/fitRanking.ts, bench/nextEdit/fitRegion.ts). The
   * region is the cursor's, before leftoverRegion may move it: the scripts' figures leave that move out.
   */
  readonly observe?: (candidates: readonly Candidate[], region: LineSpan, lastLine: (file: string) => number | undefined, regionInput: RegionInput) => void;
}

export interface LocateResult {
  readonly region: LineSpan;
  readonly locations: readonly NextEditLocation[];
}

/** How far (in lines) a same-file candidate may be to pull the region toward it. */
export const HINT_DISTANCE = 40;
/** Lines shown before / after a candidate, and how close candidates share one jump (tuned on the dev set). */
export const JUMP_SHAPE = { before: 3, after: 5, cluster: 5 } as const;

/**
 * `phases`, when given, receives the milliseconds each step took (`context`, each source by its
 * key in LOCATION_SOURCES, `rank`): where a slow request spent its time (the metrics keep the slowest).
 */
export function locateNextEdits(input: LocateInput, phases?: Map<string, number>): LocateResult {
  let t = phases ? performance.now() : 0;
  const lap = (name: string) => {
    if (!phases) return;
    const now = performance.now();
    phases.set(name, now - t);
    t = now;
  };
  const ctx = new LocatorContext(input);
  lap('context');
  const candidates: Candidate[] = Object.entries(LOCATION_SOURCES).flatMap(([name, source]) => {
    const found = source(ctx);
    lap(name);
    return found;
  });
  const cursor = input.cursor.line;
  const hints = regionHints(candidates, input.file, cursor);
  const budget = input.budget ?? DEFAULT_REGION_BUDGET;
  const regionInput: RegionInput = { file: input.file, lines: input.lines, cursorLine: cursor, ancestors: input.ancestors, hints, budget };
  const region = editableRegion(regionInput);
  const all = [...candidates, ...nearbyWindows(ctx, region)];
  const lastLine = (f: string) => lastLineOf(ctx.linesOf(f));
  input.observe?.(all, region, lastLine, regionInput);
  const locations = rankLocations(all, { region, cursor: input.cursor, editedFiles: ctx.historyFiles(), limit: input.limit ?? 20, ...JUMP_SHAPE, lastLine });
  const moved = leftoverRegion({ region, cursor: input.cursor, lines: input.lines, budget, candidates, locations, history: input.history });
  lap('rank');
  return moved ?? { region, locations };
}

/** The lines of the candidates close to the cursor in its file that the region leans toward (not the edits already made, nor weak guesses). */
export function regionHints(candidates: readonly Candidate[], file: string, cursorLine: number, distance = HINT_DISTANCE): number[] {
  return candidates.filter((c) => c.file === file && c.reason !== 'recent-edit' && c.hint !== false && Math.abs(c.line - cursorLine) <= distance).map((c) => c.line);
}

const lastLineOf = (lines: readonly string[] | undefined): number | undefined => (lines ? Math.max(0, lines.length - 1) : undefined);
