/**
 * Embedding vectors of chunks, kept beside the index snapshot (its storage dir) keyed by model and
 * content hash, so a chunk is embedded once across questions and restarts. Bounded (oldest entries
 * go first) and written atomically (temp file + rename): a crash never leaves a torn file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const MAX_ENTRIES = 20_000;

export class EmbeddingCache {
  private readonly vectors = new Map<string, number[]>();
  private loaded = false;
  private dirty = false;

  constructor(
    private readonly file: string | undefined,
    private readonly model: string,
  ) {}

  static key(text: string): string {
    return createHash('sha1').update(text).digest('hex').slice(0, 20);
  }

  get(text: string): number[] | undefined {
    this.load();
    return this.vectors.get(EmbeddingCache.key(text));
  }

  set(text: string, vector: readonly number[]): void {
    this.load();
    const k = EmbeddingCache.key(text);
    this.vectors.delete(k);
    this.vectors.set(k, [...vector]);
    while (this.vectors.size > MAX_ENTRIES) this.vectors.delete(this.vectors.keys().next().value!);
    this.dirty = true;
  }

  save(): void {
    if (!this.file || !this.dirty) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ model: this.model, vectors: Object.fromEntries(this.vectors) }));
    renameSync(tmp, this.file);
    this.dirty = false;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as { model?: string; vectors?: Record<string, number[]> };
      if (raw.model !== this.model || !raw.vectors) return; // another model's vectors are meaningless here
      for (const [k, v] of Object.entries(raw.vectors)) if (Array.isArray(v)) this.vectors.set(k, v);
    } catch {
      // no cache yet, or unreadable: start empty
    }
  }
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
