/**
 * How an agent file change reaches the file. In the editor the server sends it to the client,
 * which applies it as one workspace edit (a diff, one undo step) and saves it; without an editor
 * (CLI, tests) it is an atomic disk write: never a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

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

async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // Through a symlink, replace its target, not the link.
  const target = await fs.realpath(file).catch(() => file);
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => undefined);
  const tmp = path.join(dir, `.${path.basename(target)}.banyan-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(data);
      // The open mode is filtered by the umask: set the old file's mode exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
