/**
 * The one path every agent file change takes: approval (with the diff shown), then the checkpoint
 * keeps the old bytes, then the write through ctx.files (in the editor one workspace edit, saved;
 * else an atomic disk write), then the ledger. Edit, create and delete all call this.
 */
import { createTwoFilesPatch } from 'diff';
import { diskFileWriter } from '../fileWriter';
import type { ToolContext, ToolOutcome } from '../types';
import type { WorkspaceFile } from '../workspacePath';

export async function changeFile(ctx: ToolContext, tool: string, file: WorkspaceFile, before: string | undefined, after: string | undefined, verb: string): Promise<ToolOutcome | string> {
  // Writing under unsaved editor changes would lose the user's work or fork the file: refuse instead.
  const open = ctx.editorText?.(file.abs);
  if (open !== undefined && before !== undefined && open !== before) {
    return `${file.rel} has unsaved changes in the editor, so it was not changed. Ask the user to save or revert it, then read it again.`;
  }
  // The patch without its "=====" banner line: the card shows ---/+++ and the hunks.
  const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${file.rel}`, after === undefined ? '/dev/null' : `b/${file.rel}`, before ?? '', after ?? '', undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
  const refusal = await ctx.approve({ category: 'edit', tool, title: `${verb} ${file.rel}`, detail: patch, path: file.rel });
  if (refusal) return refusal;
  await ctx.checkpoint.touch(file.abs);
  try {
    await (ctx.files ?? diskFileWriter).apply(file.abs, after, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return `The change to ${file.rel} was not applied: ${err instanceof Error ? err.message : String(err)}. Read the file again before retrying, or tell the user.`;
  }
  ctx.ledger.record('file', `${file.rel} (${verb.toLowerCase()})`);
  return { title: `${verb} ${file.rel}`, content: '', detail: patch, changedFiles: [file.abs] };
}
