/**
 * Embedding vectors of chunks, kept beside the index snapshot (its storage dir) keyed by model and
 * content hash, so a chunk is embedded once across questions and restarts. Bounded (oldest entries go
 * first), held as 32-bit floats, and written in the background: a burst of new vectors is saved once,
 * SAVE_DELAY_MS after the last, asynchronously and atomically (writeFileAtomic), never on the turn's
 * path. A full cache is about 60 MB (20,000 vectors of 768 floats); as JSON it was 4–5 times
 * that, written whole on the server's thread after every turn.
 *
 * File: magic "BNYEMB01", u32 header length, header JSON {model, dims, keys}, then the vectors as
 * little-endian float32, key order. A file of another model, another layout or a damaged one is
 * ignored (the cache starts empty).
 */
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../fs/writeFileAtomic';

const MAX_ENTRIES = 20_000;
const MAGIC = Buffer.from('BNYEMB01', 'latin1');
/** New vectors are written this long after the last one arrived (a turn embeds a batch at once). */
const SAVE_DELAY_MS = 2000;

export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private loaded = false;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly model: string,
  ) {}

  static key(text: string): string {
    return createHash('sha1').update(text).digest('hex').slice(0, 20);
  }

  get(text: string): Float32Array | undefined {
    this.load();
    return this.vectors.get(EmbeddingCache.key(text));
  }

  set(text: string, vector: readonly number[]): void {
    this.load();
    const k = EmbeddingCache.key(text);
    this.vectors.delete(k);
    this.vectors.set(k, Float32Array.from(vector));
    while (this.vectors.size > MAX_ENTRIES) this.vectors.delete(this.vectors.keys().next().value!);
    this.dirty = true;
  }

  /** Writes the new vectors soon, in the background (see SAVE_DELAY_MS). */
  saveSoon(): void {
    if (!this.file || !this.dirty) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes now (asynchronously) whatever is not on disk yet; resolves when it is. Never rejects. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(async () => {
      if (!this.file || !this.dirty) return;
      this.dirty = false; // vectors set while writing mark it again
      try {
        await writeFileAtomic(this.file, this.encode());
        removeLegacyJson(this.file);
      } catch {
        this.dirty = true; // a later flush tries again; the cache only saves embedding calls
      }
    });
    return this.writing;
  }

  private encode(): Buffer {
    const dims = this.vectors.values().next().value?.length ?? 0;
    const entries = [...this.vectors].filter(([, v]) => v.length === dims);
    const header = Buffer.from(JSON.stringify({ model: this.model, dims, keys: entries.map(([k]) => k) }), 'utf8');
    const start = align4(MAGIC.length + 4 + header.length);
    const out = Buffer.alloc(start + entries.length * dims * 4);
    MAGIC.copy(out, 0);
    out.writeUInt32LE(header.length, MAGIC.length);
    header.copy(out, MAGIC.length + 4);
    const floats = new Float32Array(out.buffer, out.byteOffset + start, entries.length * dims);
    entries.forEach(([, v], i) => floats.set(v, i * dims));
    return out;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const buf = readFileSync(this.file);
      if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return;
      const headerLength = buf.readUInt32LE(MAGIC.length);
      const header = JSON.parse(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8')) as { model?: string; dims?: number; keys?: string[] };
      if (header.model !== this.model || !Array.isArray(header.keys) || !Number.isInteger(header.dims)) return; // another model's vectors are meaningless here
      const dims = header.dims!;
      const start = align4(MAGIC.length + 4 + headerLength);
      if (buf.length !== start + header.keys.length * dims * 4) return; // truncated or damaged
      const floats = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
      header.keys.forEach((k, i) => this.vectors.set(k, floats.subarray(i * dims, (i + 1) * dims)));
    } catch {
      // no cache yet, or unreadable: start empty
    }
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The JSON cache of earlier versions (`chat-embeddings.json` beside this file), replaced by this one. */
function removeLegacyJson(file: string): void {
  const legacy = path.join(path.dirname(file), 'chat-embeddings.json');
  if (legacy === file) return;
  try {
    unlinkSync(legacy);
  } catch {
    /* none */
  }
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
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
