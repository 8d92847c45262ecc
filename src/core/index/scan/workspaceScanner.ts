/**
 * Walks the workspace folders and lists the files worth indexing, with size and mtime (the warm start
 * compares those before reading anything). Survives what real trees contain: symlink loops (each real
 * directory is visited once), very deep nesting (depth cap), unreadable folders, and more files than
 * the cap (indexing stops at the cap and says so).
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { type DirRules, IgnoreRules } from './ignoreRules';

export interface ScannedFile {
  readonly path: string; // absolute
  readonly root: string;
  readonly rel: string; // relative to root, forward slashes
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ScanOptions {
  readonly rules: IgnoreRules;
  /** Files larger than this are listed as skipped, not read. */
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly maxDepth?: number;
  /** Called with each folder's files as they are found, so parsing can start before the scan ends. */
  readonly onFiles?: (files: readonly ScannedFile[]) => void;
}

export interface ScanResult {
  readonly files: ScannedFile[];
  readonly tooLarge: ScannedFile[];
  /** Set when the file cap was reached: a message for the user. */
  readonly capped?: string;
  readonly errors: string[];
}

const DEFAULT_MAX_DEPTH = 64;
/** Directory entries stat'ed concurrently: enough to hide disk latency, bounded for memory. */
const STAT_CONCURRENCY = 64;

export async function scanWorkspace(roots: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const tooLarge: ScannedFile[] = [];
  const errors: string[] = [];
  const visited = new Set<string>();
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let capped: string | undefined;

  const walk = async (root: string, dir: string, rel: string, depth: number, scopes: readonly DirRules[]): Promise<void> => {
    if (capped) return;
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (err) {
      errors.push(`cannot resolve ${dir}: ${(err as Error).message}`);
      return;
    }
    if (visited.has(real)) return; // symlink loop or a folder reached twice
    visited.add(real);
    if (depth > maxDepth) {
      errors.push(`${dir}: deeper than ${maxDepth} folders, not indexed below`);
      return;
    }
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      errors.push(`cannot read ${dir}: ${(err as Error).message}`);
      return;
    }
    const own = options.rules.rulesFor(dir, depth === 0);
    const here = own ? [...scopes, own] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // deterministic order and cap
    const subdirs: { abs: string; rel: string }[] = [];
    const candidates: { abs: string; rel: string }[] = [];
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fs.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (!isDir && !isFile) continue;
      if (options.rules.excluded(e.name, childRel, abs, isDir, here)) continue;
      (isDir ? subdirs : candidates).push({ abs, rel: childRel });
    }
    const found = files.length;
    for (let i = 0; i < candidates.length && !capped; i += STAT_CONCURRENCY) {
      const stats = await Promise.all(candidates.slice(i, i + STAT_CONCURRENCY).map((c) => fs.stat(c.abs).then((st) => ({ c, st }), () => undefined)));
      for (const s of stats) {
        if (!s) continue;
        const file: ScannedFile = { path: s.c.abs, root, rel: s.c.rel, size: s.st.size, mtimeMs: s.st.mtimeMs };
        if (s.st.size > options.maxFileBytes) {
          tooLarge.push(file);
          continue;
        }
        if (files.length >= options.maxFiles) {
          capped = `The workspace has more than ${options.maxFiles} indexable files; indexed the first ${options.maxFiles}. Raise banyan.index.maxFiles or exclude folders (banyan.index.exclude, .banyanignore) to index the rest.`;
          break;
        }
        files.push(file);
      }
    }
    if (files.length > found) options.onFiles?.(files.slice(found));
    for (const d of subdirs) await walk(root, d.abs, d.rel, depth + 1, here);
  };

  for (const root of roots) await walk(root, root, '', 0, []);
  return { files, tooLarge, errors, ...(capped ? { capped } : {}) };
}

export { IgnoreRules };
