/**
 * A checkpoint of one agent turn: before the turn first changes a file (edit, create, delete), its
 * bytes — or the fact that it did not exist — are kept, so "Restore checkpoint" puts every touched
 * file back byte for byte (CRLF, BOM, binary alike), deletes the files the turn created and removes
 * the folders it created for them. With a store, each file's snapshot is on disk before the change
 * is made, so a checkpoint outlives a server restart or a window reload. Changes made by commands
 * the agent ran are not covered (the ledger lists those commands).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic';

export interface FileSnapshot {
  /** Absolute path. */
  readonly file: string;
  /** The bytes before the turn; undefined when the file did not exist. */
  readonly bytes: Buffer | undefined;
  /** Folders that did not exist before, outermost first, removed again on restore when empty. */
  readonly createdDirs: readonly string[];
}

/** Where checkpoints are kept between sessions (CheckpointStore). */
export interface CheckpointPersistence {
  /**
   * Called with every snapshot so far once a new one is added; resolves when it is on disk. Never
   * rejects: a checkpoint that cannot be saved still serves this session from memory.
   */
  save(id: string, snapshots: readonly FileSnapshot[]): Promise<void>;
}

export class Checkpoint {
  private readonly snapshots = new Map<string, FileSnapshot>();

  constructor(
    readonly id: string,
    private readonly persistence?: CheckpointPersistence,
    saved: readonly FileSnapshot[] = [],
  ) {
    for (const s of saved) this.snapshots.set(s.file, s);
  }

  /** Call before changing `file`; only the first call per file keeps bytes. Throws when the snapshot cannot be kept. */
  async touch(file: string): Promise<void> {
    const abs = path.resolve(file);
    if (this.snapshots.has(abs)) return;
    let bytes: Buffer | undefined;
    try {
      bytes = await fs.readFile(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.snapshots.set(abs, { file: abs, bytes, createdDirs: bytes ? [] : await missingDirs(path.dirname(abs)) });
    await this.persistence?.save(this.id, [...this.snapshots.values()]);
  }

  files(): string[] {
    return [...this.snapshots.keys()];
  }

  get empty(): boolean {
    return this.snapshots.size === 0;
  }

  /** Puts every touched file back (each written atomically); returns the files restored. */
  async restore(): Promise<string[]> {
    const done: string[] = [];
    for (const [file, snap] of this.snapshots) {
      if (snap.bytes) {
        await writeFileAtomic(file, snap.bytes);
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
