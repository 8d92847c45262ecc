import { textKey } from '../text/hashText';

export interface CompletionCacheOptions {
  /** Entries kept; the least recently used goes first. */
  capacity: number;
  /** Entries older than this are stale (the model or the workspace may have changed). */
  ttlMs: number;
}

export const DEFAULT_CACHE_OPTIONS: CompletionCacheOptions = { capacity: 200, ttlMs: 5 * 60_000 };

/** The cache key of a cursor position: the text before and after it. */
export function completionCacheKey(prefix: string, suffix: string): string {
  return `${textKey(prefix)}|${textKey(suffix)}`;
}

/**
 * Suggestions by cursor context (prefix and suffix), least recently used evicted first, each valid
 * for a while. Pure: callers pass the time from their clock.
 */
export class CompletionCache<V> {
  private readonly options: CompletionCacheOptions;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, { value: V; storedAt: number }>();

  constructor(options: Partial<CompletionCacheOptions> = {}) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
  }

  get(prefix: string, suffix: string, now: number): V | undefined {
    const key = completionCacheKey(prefix, suffix);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.storedAt > this.options.ttlMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(prefix: string, suffix: string, value: V, now: number): void {
    const key = completionCacheKey(prefix, suffix);
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: now });
    while (this.entries.size > this.options.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(prefix: string, suffix: string): void {
    this.entries.delete(completionCacheKey(prefix, suffix));
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
