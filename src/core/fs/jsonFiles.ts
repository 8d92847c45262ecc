/** Small helpers for stores that keep state as JSON files (conversations, agent runs). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The parsed file; undefined when it is missing or unreadable (the caller starts without it). */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A file name for an id that may come from outside (a webview): a plain id as it is, anything else hashed. */
export function fileNameForId(id: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : `h-${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}
