/**
 * Writes a file so that readers see the old bytes or the new ones, never half of either: a temp file
 * beside the target (same folder, so the rename stays on one file system), synced, then renamed over
 * it. Through a symlink the link's target is replaced; an existing file keeps its mode. The
 * synchronous form is for paths where no more ticks may run (a window closing).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, promises as fs, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where to write: the symlink's target, its folder, the mode to keep, and a temp name beside it. */
function plan(target: string, mode: number | undefined): { dir: string; tmp: string; mode: number | undefined } {
  const dir = path.dirname(target);
  return { dir, mode, tmp: path.join(dir, `.${path.basename(target)}.banyan-${process.pid}-${randomBytes(4).toString('hex')}.tmp`) };
}

export interface AtomicWriteOptions {
  /**
   * Asked once the bytes are on disk, right before the rename: false drops this write (a newer one has
   * landed meanwhile). The rename then runs synchronously in the same tick as the answer, so a
   * synchronous write made after this one can never be overwritten by it.
   */
  readonly commit?: () => boolean;
}

/** Resolves true once the file holds `data`; false when `options.commit` declined. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<boolean> {
  // Through a symlink, replace its target, not the link.
  const target = await fs.realpath(file).catch(() => file);
  const { dir, tmp, mode } = plan(target, await fs.stat(target).then((s) => s.mode & 0o7777, () => undefined));
  await fs.mkdir(dir, { recursive: true });
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
    if (!options.commit) {
      await fs.rename(tmp, target);
      return true;
    }
    if (!options.commit()) {
      await fs.rm(tmp, { force: true });
      return false;
    }
    renameSync(tmp, target);
    return true;
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    /* not there yet */
  }
  let existing: number | undefined;
  try {
    existing = statSync(target).mode & 0o7777;
  } catch {
    /* new file */
  }
  const { dir, tmp, mode } = plan(target, existing);
  mkdirSync(dir, { recursive: true });
  try {
    const fd = openSync(tmp, 'wx', mode ?? 0o666);
    try {
      writeFileSync(fd, data);
      if (mode !== undefined) fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
