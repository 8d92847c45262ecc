/**
 * Walks the workspace folders and lists the files worth indexing, with their stamps (the warm start
 * compares those before reading anything). Survives what real trees contain: symlink loops (each real
 * directory is visited once), very deep nesting (depth cap), unreadable folders, and more files than
 * the cap (indexing stops at the cap and says so).
 *
 * Given the listing of the previous scan (scanListing.ts), a folder whose stamp and ignore files are
 * unchanged is not read again: its names come from the listing and only its files are stat'ed. The walk
 * is synchronous system calls in slices of SLICE_MS with a yield between them: a thread-pool round trip
 * per folder and per batch of stats left the main thread waiting most of the scan, while the host's
 * message loop still needs its turns.
 */
import { type Dirent, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { type DirRules, IGNORE_FILES, IgnoreRules, ROOT_EXCLUDE_FILE } from './ignoreRules';
import { type DirNode, isRacy, NO_IGNORE_FILES, NO_SUBFOLDERS, sameStamp, type ScanListing, type Stamp, stampOf } from './scanListing';

export interface ScannedFile {
  readonly path: string; // absolute
  readonly root: string;
  readonly rel: string; // relative to root, forward slashes
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface ScanOptions {
  readonly rules: IgnoreRules;
  /** Files larger than this are listed as skipped, not read. */
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly maxDepth?: number;
  /** Called with each folder's files as they are found, so parsing can start before the scan ends. */
  readonly onFiles?: (files: readonly ScannedFile[]) => void;
  /** What the previous scan with the same rules saw. */
  readonly previous?: ScanListing;
  /** Wall-clock time in ms (Date.now), to judge which times are too recent to trust (see isRacy). */
  readonly now?: () => number;
}

export interface ScanResult {
  readonly files: ScannedFile[];
  readonly tooLarge: ScannedFile[];
  /** Set when the file cap was reached: a message for the user. */
  readonly capped?: string;
  readonly errors: string[];
  /** What this scan saw, for the next one. */
  readonly listing: ScanListing;
  /** Folders whose entries were read (the others came from `previous`). */
  readonly foldersRead: number;
}

const DEFAULT_MAX_DEPTH = 64;
/** Longest stretch of synchronous file system calls before the walk yields to the event loop. */
const SLICE_MS = 10;

type Lazy<T> = () => T;

export async function scanWorkspace(roots: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const tooLarge: ScannedFile[] = [];
  const errors: string[] = [];
  const visited = new Set<string>();
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const { rules } = options;
  const listing = new Map<string, DirNode>();
  let capped: string | undefined;
  let foldersRead = 0;
  let sliceStart = performance.now();
  const readAt = (options.now ?? Date.now)();

  /** The rules in force in `dir`: its own ignore files (read on first need) on top of its parents'. */
  const scopesOf = (dir: string, isRoot: boolean, ignoreFiles: ReadonlyMap<string, Stamp | undefined>, parent: Lazy<readonly DirRules[]>): Lazy<readonly DirRules[]> => {
    if (!isRoot && ignoreFiles.size === 0) return parent; // no rules of its own (most folders)
    let scopes: readonly DirRules[] | undefined;
    return () => {
      if (!scopes) {
        const own = rules.rulesFor(dir, isRoot, ignoreNamesOf(ignoreFiles));
        scopes = own ? [...parent(), own] : parent();
      }
      return scopes;
    };
  };

  /**
   * One folder: its entries (from `previous` when `trusted` and unchanged), its files stat'ed, then its
   * subfolders. `real`: its path with symbolic links resolved. Returns its listing node, or undefined
   * when it was not walked.
   */
  const walk = async (root: string, dir: string, rel: string, real: string, depth: number, previous: DirNode | undefined, trusted: boolean, parentScopes: Lazy<readonly DirRules[]>): Promise<DirNode | undefined> => {
    if (capped) return undefined;
    if (visited.has(real)) return undefined; // symlink loop or a folder reached twice
    visited.add(real);
    if (depth > maxDepth) {
      errors.push(`${dir}: deeper than ${maxDepth} folders, not indexed below`);
      return undefined;
    }
    const st = statOrError(dir, errors);
    if (!st) return undefined;
    const stamp = stampOf(st);
    const isRoot = depth === 0;
    let entries: Entries | undefined;
    let subtreeTrusted = trusted;
    if (trusted && previous?.stamp && sameStamp(previous.stamp, stamp)) {
      if (ignoreFilesUnchanged(dir, previous.ignoreFiles)) entries = { stamp, files: previous.files, dirs: previous.dirs, links: NO_LINKS, ignoreFiles: previous.ignoreFiles };
      else subtreeTrusted = false; // the rules changed here: every decision below may differ
    }
    let scopes: Lazy<readonly DirRules[]>;
    if (entries) {
      scopes = scopesOf(dir, isRoot, entries.ignoreFiles, parentScopes);
    } else {
      foldersRead++;
      let dirents: Dirent[];
      try {
        dirents = readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        errors.push(`cannot read ${dir}: ${(err as Error).message}`);
        return undefined;
      }
      dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // deterministic order and cap
      const ignoreNames = rules.readsIgnoreFiles ? dirents.filter((e) => !e.isDirectory() && (IGNORE_FILES as readonly string[]).includes(e.name)).map((e) => e.name) : [];
      const readsRootExclude = isRoot && rules.readsIgnoreFiles;
      let ignoreFiles: ReadonlyMap<string, Stamp | undefined> = NO_IGNORE_FILES;
      if (ignoreNames.length > 0 || readsRootExclude) {
        const own = new Map<string, Stamp | undefined>();
        for (const name of ignoreNames) own.set(name, settledStampAt(joinName(dir, name), readAt));
        if (readsRootExclude) own.set(ROOT_EXCLUDE_FILE, settledStampAt(path.join(dir, ROOT_EXCLUDE_FILE), readAt));
        ignoreFiles = own;
      }
      scopes = scopesOf(dir, isRoot, ignoreFiles, parentScopes);
      const here = scopes();
      const fileNames: string[] = [];
      const dirNames = new Map<string, DirNode | undefined>();
      const links = new Set<string>();
      for (const e of dirents) {
        const abs = joinName(dir, e.name);
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          links.add(e.name);
          const target = statSync(abs, NO_THROW);
          if (!target) continue; // dangling link
          isDir = target.isDirectory();
          isFile = target.isFile();
        }
        if (!isDir && !isFile) continue;
        if (rules.excluded(e.name, rel ? `${rel}/${e.name}` : e.name, abs, isDir, here)) continue;
        if (isDir) dirNames.set(e.name, previous?.dirs.get(e.name));
        else fileNames.push(e.name);
      }
      // Links: their targets change without this folder changing. Racy: a change in the same tick would not show.
      if (previous && !sameIgnoreFiles(previous.ignoreFiles, ignoreFiles)) subtreeTrusted = false;
      const trust = links.size === 0 && !isRacy(stamp, readAt);
      entries = { stamp: trust ? stamp : undefined, files: fileNames, dirs: dirNames, links, ignoreFiles };
    }

    const found = files.length;
    let lost = false;
    for (const name of entries.files) {
      if (capped) break;
      const abs = joinName(dir, name);
      const fst = statOrError(abs, undefined);
      if (!fst || !fst.isFile()) {
        lost = true; // gone since the listing (or a race with it): read the folder again next time
        continue;
      }
      const file: ScannedFile = { path: abs, root, rel: rel ? `${rel}/${name}` : name, size: fst.size, mtimeMs: fst.mtimeMs, ctimeMs: fst.ctimeMs };
      if (fst.size > options.maxFileBytes) {
        tooLarge.push(file);
        continue;
      }
      if (files.length >= options.maxFiles) {
        capped = `The workspace has more than ${options.maxFiles} indexable files; indexed the first ${options.maxFiles}. Raise banyan.index.maxFiles or exclude folders (banyan.index.exclude, .banyanignore) to index the rest.`;
        break;
      }
      files.push(file);
    }
    if (files.length > found) options.onFiles?.(files.slice(found));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }

    const dirs = new Map<string, DirNode>();
    for (const [name, child] of entries.dirs) {
      const abs = joinName(dir, name);
      // A folder reached through a link has another real path; others are their parent's plus their name.
      const childReal = entries.links.has(name) ? realOf(abs, errors) : joinName(real, name);
      const walked = childReal === undefined ? undefined : await walk(root, abs, rel ? `${rel}/${name}` : name, childReal, depth + 1, child, subtreeTrusted, scopes);
      if (walked) dirs.set(name, walked);
      else lost = true; // a folder not walked this time must be looked at again next time
    }
    return { stamp: lost ? undefined : entries.stamp, files: entries.files, dirs: dirs.size ? dirs : NO_SUBFOLDERS, ignoreFiles: entries.ignoreFiles };
  };

  for (const root of roots) {
    let real: string;
    try {
      real = realpathSync(root);
    } catch (err) {
      errors.push(`cannot resolve ${root}: ${(err as Error).message}`);
      continue;
    }
    const node = await walk(root, root, '', real, 0, options.previous?.get(root), true, () => []);
    if (node) listing.set(root, node);
  }
  // A capped scan saw part of the tree: no listing, so the next one looks at everything.
  return { files, tooLarge, errors, listing: capped ? new Map() : listing, foldersRead, ...(capped ? { capped } : {}) };
}

/** A folder's entries as this scan uses them: from the previous listing, or just read. */
interface Entries {
  /** undefined: not to be trusted next time (see DirNode.stamp). */
  readonly stamp: Stamp | undefined;
  readonly files: readonly string[];
  /** Subfolders with their previous listing, if any. */
  readonly dirs: ReadonlyMap<string, DirNode | undefined>;
  /** Names of entries that are symbolic links. */
  readonly links: ReadonlySet<string>;
  readonly ignoreFiles: ReadonlyMap<string, Stamp | undefined>;
}

const NO_THROW = { throwIfNoEntry: false } as const;
const NO_LINKS: ReadonlySet<string> = new Set();

/** `dir` + separator + `name` (path.join normalizes the whole path again, which a walk of thousands of entries feels). */
function joinName(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

function statOrError(p: string, errors: string[] | undefined): Stats | undefined {
  try {
    const st = statSync(p, NO_THROW);
    if (!st) errors?.push(`cannot read ${p}: no longer exists`);
    return st;
  } catch (err) {
    errors?.push(`cannot read ${p}: ${(err as Error).message}`);
    return undefined;
  }
}

function stampAt(p: string): Stamp | undefined {
  try {
    const st = statSync(p, NO_THROW);
    return st ? stampOf(st) : undefined;
  } catch {
    return undefined;
  }
}

/** An ignore file's stamp; one that changed too recently to be sure is recorded as UNSETTLED, which matches nothing. */
function settledStampAt(p: string, readAt: number): Stamp | undefined {
  const stamp = stampAt(p);
  return stamp && isRacy(stamp, readAt) ? UNSETTLED : stamp;
}

const UNSETTLED: Stamp = { ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 };

/** Each ignore file of a folder (and a root's .git/info/exclude) is as it was when the folder was read. */
function ignoreFilesUnchanged(dir: string, ignoreFiles: ReadonlyMap<string, Stamp | undefined>): boolean {
  for (const [name, stamp] of ignoreFiles) if (!sameStamp(stampAt(name === ROOT_EXCLUDE_FILE ? path.join(dir, name) : joinName(dir, name)), stamp)) return false;
  return true;
}

function sameIgnoreFiles(a: ReadonlyMap<string, Stamp | undefined>, b: ReadonlyMap<string, Stamp | undefined>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, stamp] of a) if (!b.has(name) || !sameStamp(stamp, b.get(name))) return false;
  return true;
}

function ignoreNamesOf(ignoreFiles: ReadonlyMap<string, Stamp | undefined>): string[] {
  return [...ignoreFiles.keys()].filter((n) => (IGNORE_FILES as readonly string[]).includes(n));
}

/** The real path of a folder reached through a link. */
function realOf(abs: string, errors: string[]): string | undefined {
  try {
    return realpathSync(abs);
  } catch (err) {
    errors.push(`cannot resolve ${abs}: ${(err as Error).message}`);
    return undefined;
  }
}

export { IgnoreRules };
