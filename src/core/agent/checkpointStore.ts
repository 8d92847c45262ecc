/**
 * Agent checkpoints kept per workspace (a folder in the server's storage), so "Restore checkpoint"
 * works after a server restart or a window reload. One folder per checkpoint: a blob per file
 * snapshot (`<n>.bin`) and `manifest.json` written after them, each atomically, before the agent
 * changes the file. Bounded: when a checkpoint starts, the oldest beyond the newest MAX_CHECKPOINTS,
 * or beyond MAX_BYTES of snapshots, are removed. Without a folder, checkpoints live in memory only.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import { Checkpoint, type CheckpointPersistence, type FileSnapshot } from './checkpoint';

export interface CheckpointLimits {
  readonly maxCheckpoints: number;
  readonly maxBytes: number;
}

const DEFAULT_LIMITS: CheckpointLimits = { maxCheckpoints: 50, maxBytes: 200 * 1024 * 1024 };

interface Manifest {
  readonly version: 1;
  readonly id: string;
  readonly createdAt: number;
  readonly files: readonly { readonly file: string; readonly blob: string | null; readonly createdDirs: readonly string[] }[];
}

export class CheckpointStore implements CheckpointPersistence {
  /** This session's checkpoints, newest last. */
  private readonly live = new Map<string, Checkpoint>();
  /** Per checkpoint: when it started and how many snapshots are on disk. */
  private readonly saved = new Map<string, { createdAt: number; blobs: number }>();
  /** Start times are kept distinct, so the order of checkpoints made in one millisecond is known. */
  private lastCreatedAt = 0;
  private pruning: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string | undefined,
    private readonly log: (message: string) => void,
    private readonly limits: CheckpointLimits = DEFAULT_LIMITS,
  ) {}

  /** A new, empty checkpoint whose snapshots this store keeps. */
  create(id: string): Checkpoint {
    const cp = new Checkpoint(id, this);
    this.live.delete(id);
    this.live.set(id, cp);
    while (this.live.size > this.limits.maxCheckpoints) this.live.delete(this.live.keys().next().value!);
    return cp;
  }

  /** The checkpoint `id` from this session or from disk; undefined when it is not kept (any more). */
  async get(id: string): Promise<Checkpoint | undefined> {
    return this.live.get(id) ?? (await this.load(id));
  }

  async save(id: string, snapshots: readonly FileSnapshot[]): Promise<void> {
    if (!this.dir) return;
    const folder = this.folder(id);
    const first = !this.saved.has(id);
    const state = this.saved.get(id) ?? { createdAt: (this.lastCreatedAt = Math.max(Date.now(), this.lastCreatedAt + 1)), blobs: 0 };
    try {
      for (let i = state.blobs; i < snapshots.length; i++) {
        const bytes = snapshots[i]!.bytes;
        if (bytes) await writeFileAtomic(path.join(folder, `${i}.bin`), bytes);
      }
      const manifest: Manifest = {
        version: 1,
        id,
        createdAt: state.createdAt,
        files: snapshots.map((s, i) => ({ file: s.file, blob: s.bytes ? `${i}.bin` : null, createdDirs: s.createdDirs })),
      };
      await writeFileAtomic(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
      this.saved.set(id, { createdAt: state.createdAt, blobs: snapshots.length });
    } catch (err) {
      this.log(`Agent checkpoint ${id} could not be saved (it is kept for this session only): ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (first) this.pruning = this.pruning.then(() => this.prune(folder));
  }

  /** Resolves when the removal of old checkpoints started so far has ended (tests). */
  whenPruned(): Promise<void> {
    return this.pruning;
  }

  private async load(id: string): Promise<Checkpoint | undefined> {
    if (!this.dir) return undefined;
    const folder = this.folder(id);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await fs.readFile(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      return undefined;
    }
    if (manifest.version !== 1 || manifest.id !== id || !Array.isArray(manifest.files)) return undefined;
    const snapshots: FileSnapshot[] = [];
    for (const f of manifest.files) {
      // A missing blob would restore an edited file as deleted: the whole checkpoint is unusable then.
      const bytes = f.blob === null ? undefined : await fs.readFile(path.join(folder, path.basename(f.blob))).catch(() => null);
      if (bytes === null) return undefined;
      snapshots.push({ file: f.file, bytes, createdDirs: f.createdDirs ?? [] });
    }
    this.saved.set(id, { createdAt: manifest.createdAt, blobs: snapshots.length });
    return new Checkpoint(id, this, snapshots);
  }

  /** Removes the oldest checkpoints beyond the limits; `current` (just started) always stays. */
  private async prune(current: string): Promise<void> {
    try {
      const entries = await fs.readdir(this.dir!, { withFileTypes: true });
      const all = await Promise.all(
        entries.filter((e) => e.isDirectory()).map(async (e) => {
          const folder = path.join(this.dir!, e.name);
          const files = await fs.readdir(folder).catch(() => [] as string[]);
          const stats = await Promise.all(files.map((f) => fs.stat(path.join(folder, f)).catch(() => undefined)));
          const createdAt = await fs.readFile(path.join(folder, 'manifest.json'), 'utf8').then((t) => (JSON.parse(t) as Manifest).createdAt, () => 0);
          return { folder, createdAt: folder === current ? Infinity : createdAt, bytes: stats.reduce((n, s) => n + (s?.size ?? 0), 0) };
        }),
      );
      all.sort((a, b) => b.createdAt - a.createdAt);
      let bytes = 0;
      for (const [i, c] of all.entries()) {
        bytes += c.bytes;
        if (i === 0 || (i < this.limits.maxCheckpoints && bytes <= this.limits.maxBytes)) continue;
        await fs.rm(c.folder, { recursive: true, force: true });
      }
    } catch (err) {
      this.log(`Removing old agent checkpoints failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private folder(id: string): string {
    return path.join(this.dir!, createHash('sha256').update(id).digest('hex').slice(0, 32));
  }
}
