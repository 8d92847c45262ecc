/** The file system path of a `file:` URI (normalized, as the index keys files), else undefined. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export function fsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined; // e.g. a file URI of another platform's form
  }
}
