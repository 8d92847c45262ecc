/**
 * Shared weights of the location sources: how much nearer places count than farther ones. A place in
 * the cursor's file near the cursor beats one farther down; a file the user already edited beats one
 * they did not touch.
 */
import type { EditSignals } from './editSignals';
import type { LocatorContext } from './locatorContext';

export function editSignalsOf(ctx: LocatorContext): readonly EditSignals[] {
  return ctx.signals();
}

/** 1 at the cursor, decaying with the distance in lines; other files rank below the cursor's file. */
export function proximity(ctx: LocatorContext, file: string, line: number): number {
  if (file === ctx.file) return 1 / (1 + Math.abs(line - ctx.input.cursor.line) / 200);
  const edited = ctx.historyFiles().includes(file);
  return edited ? 0.5 : 0.3;
}
