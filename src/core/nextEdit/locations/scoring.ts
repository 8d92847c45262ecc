/**
 * Shared weights of the location sources: how much nearer places count than farther ones. A place in
 * the cursor's file near the cursor beats one farther down; a file the user already edited beats one
 * they did not touch. And the few steps several sources share.
 */
import type { EditSignals } from './editSignals';
import type { Candidate, LocatorContext } from './locatorContext';

export function editSignalsOf(ctx: LocatorContext): readonly EditSignals[] {
  return ctx.signals();
}

/** 1 at the cursor, decaying with the distance in lines; other files rank below the cursor's file. */
export function proximity(ctx: LocatorContext, file: string, line: number): number {
  if (file === ctx.file) return 1 / (1 + Math.abs(line - ctx.input.cursor.line) / 200);
  const edited = ctx.historyFiles().includes(file);
  return edited ? 0.5 : 0.3;
}

/** The newest `max` hunks' signals that are in the cursor's file (for the sources looking for more of an edit in its own file). */
export function ownFileSignals(ctx: LocatorContext, max: number): EditSignals[] {
  return ctx.signals().slice(0, max).filter((s) => s.hunk.file === ctx.file);
}

/** The `max` strongest candidates, the earlier line first among equals. */
export function strongest(candidates: Candidate[], max: number): Candidate[] {
  return candidates.sort((a, b) => b.score - a.score || a.line - b.line).slice(0, max);
}
