/**
 * A checkpoint of one agent turn: before the turn first changes a file (edit, create, delete), its
 * bytes — or the fact that it did not exist — are kept, so "Restore checkpoint" puts every touched
 * file back byte for byte (CRLF, BOM, binary alike), deletes the files the turn created and removes
 * the folders it created for them. Changes made by commands the agent ran are not covered (the
 * ledger lists those commands).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

interface Snapshot {
  readonly bytes: Buffer | undefined;
  /** Folders that did not exist before, outermost first, removed again on restore when empty. */
  readonly createdDirs: readonly string[];
}

export class Checkpoint {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(readonly id: string) {}

  /** Call before changing `file`; only the first call per file keeps bytes. */
  async touch(file: string): Promise<void> {
    const abs = path.resolve(file);
    if (this.snapshots.has(abs)) return;
    let bytes: Buffer | undefined;
    try {
      bytes = await fs.readFile(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.snapshots.set(abs, { bytes, createdDirs: bytes ? [] : await missingDirs(path.dirname(abs)) });
  }

  files(): string[] {
    return [...this.snapshots.keys()];
  }

  get empty(): boolean {
    return this.snapshots.size === 0;
  }

  /** Puts every touched file back; returns the files restored. */
  async restore(): Promise<string[]> {
    const done: string[] = [];
    for (const [file, snap] of this.snapshots) {
      if (snap.bytes) {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, snap.bytes);
      } else {
        await fs.rm(file, { force: true });
        for (const dir of [...snap.createdDirs].reverse()) await fs.rmdir(dir).catch(() => undefined);
      }
      done.push(file);
    }
    return done;
  }
}

async function missingDirs(dir: string): Promise<string[]> {
  const out: string[] = [];
  let d = dir;
  for (;;) {
    try {
      await fs.stat(d);
      return out.reverse();
    } catch {
      out.push(d);
      const up = path.dirname(d);
      if (up === d) return out.reverse();
      d = up;
    }
  }
}
