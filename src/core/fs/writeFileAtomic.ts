/**
 * Writes a file so that readers see the old bytes or the new ones, never half of either: a temp file
 * beside the target (same folder, so the rename stays on one file system), synced, then renamed over
 * it. Through a symlink the link's target is replaced; an existing file keeps its mode.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
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
