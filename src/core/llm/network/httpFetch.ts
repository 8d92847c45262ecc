/**
 * The one `fetch` every provider uses (the openai SDK gets it too): undici's fetch with the
 * dispatcher for the URL, so proxy, CAs and connect timeout apply everywhere alike.
 */
import { fetch as undiciFetch } from 'undici';
import type { DispatcherPool } from './proxy';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export function createFetch(pool: DispatcherPool, connectTimeoutMs: number): FetchFn {
  return (url, init) => {
    const u = typeof url === 'string' ? url : String(url);
    return undiciFetch(u, { ...(init as object), dispatcher: pool.dispatcherFor(u, connectTimeoutMs) } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
  };
}
