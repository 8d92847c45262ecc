/**
 * When to try a failed request again and how long to wait: exponential backoff with full jitter on
 * 429, 5xx, timeouts and dropped connections, and the server's Retry-After when it sends one.
 * Completions pass maxRetries 0 (fail fast: the next keystroke makes a new request anyway).
 */
import type { ModelError } from '../errors';

export interface RetryOptions {
  readonly maxRetries: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller (or the fallback). */
  readonly maxRetryAfterMs?: number;
  /** 0..1; injectable for tests. */
  readonly random?: () => number;
}

export type RetryDecision = { readonly retry: false; readonly reason: string } | { readonly retry: true; readonly delayMs: number };

const RETRYABLE = new Set(['rateLimited', 'server', 'timeout', 'network']);

/** `attempt` is the number of tries made so far (1 after the first failure). */
export function decideRetry(err: ModelError, attempt: number, o: RetryOptions): RetryDecision {
  if (!RETRYABLE.has(err.kind)) return { retry: false, reason: `${err.kind} is not retried` };
  if (attempt > o.maxRetries) return { retry: false, reason: `gave up after ${attempt} attempt(s)` };
  const maxRetryAfter = o.maxRetryAfterMs ?? 60_000;
  if (err.retryAfterMs !== undefined) {
    if (err.retryAfterMs > maxRetryAfter) return { retry: false, reason: `Retry-After ${Math.round(err.retryAfterMs / 1000)} s is longer than ${maxRetryAfter / 1000} s` };
    return { retry: true, delayMs: err.retryAfterMs };
  }
  const base = o.baseDelayMs ?? 500;
  const cap = o.maxDelayMs ?? 20_000;
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  // Full jitter: spread clients that failed together so they do not retry together.
  return { retry: true, delayMs: Math.round((o.random ?? Math.random)() * ceiling) };
}

/** Retry-After as delta-seconds or an HTTP date → milliseconds (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
