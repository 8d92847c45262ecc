/**
 * How an agent file change reaches the file. In the editor the server sends it to the client,
 * which applies it as one workspace edit (a diff, one undo step) and saves it; without an editor
 * (CLI, tests) it is an atomic disk write: never a half-written file.
 */
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../fs/writeFileAtomic';

export interface AgentFileWriter {
  /**
   * Makes `abs` hold `after` (UTF-8), or deletes it when `after` is undefined. Rejects when the
   * change was not applied (the message says why); the file is then as it was.
   */
  apply(abs: string, after: string | undefined, signal: AbortSignal): Promise<void>;
}

/** Writes a temp file next to the target, then renames it over: readers see the old or the new bytes. */
export const diskFileWriter: AgentFileWriter = {
  async apply(abs, after) {
    if (after === undefined) {
      await fs.rm(abs, { force: true });
      return;
    }
    await writeFileAtomic(abs, after);
  },
};
