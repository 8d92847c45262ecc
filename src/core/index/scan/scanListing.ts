/**
 * What a scan saw, kept for the next one: per folder its identity and change times, the names of the
 * files and subfolders the rules let through, and the change stamps of its ignore files. A folder whose
 * stamp is unchanged has the same entries (adding, removing or renaming an entry moves the folder's
 * mtime and ctime), so the next scan takes its names from here instead of reading and filtering it
 * again; files are still stat'ed one by one (an edit does not touch the folder).
 */

/** Identity and change times of a file system entry, as stat gives them. */
export interface Stamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface DirNode {
  /**
   * The folder's stamp when its entries were read; undefined when they must be read again next time:
   * the folder changed too recently to be sure a later change moves its times (see isRacy), or holds
   * symbolic links (whose targets can change without the folder changing).
   */
  readonly stamp: Stamp | undefined;
  /** Files the rules let through, sorted by name. */
  readonly files: readonly string[];
  /** Subfolders the rules let through, sorted by name. */
  readonly dirs: ReadonlyMap<string, DirNode>;
  /** Stamps of the folder's ignore files (name → stamp; undefined: absent), whose content shapes every decision below it. */
  readonly ignoreFiles: ReadonlyMap<string, Stamp | undefined>;
}

/**
 * Shared by every folder without subfolders or ignore files (most of them): a Map costs a few hundred
 * bytes even empty, and a large repository's listing has two per folder (18,000 on spring-boot).
 */
export const NO_SUBFOLDERS: ReadonlyMap<string, DirNode> = new Map();
export const NO_IGNORE_FILES: ReadonlyMap<string, Stamp | undefined> = new Map();

/** Listings of the workspace folders, by absolute root path. */
export type ScanListing = ReadonlyMap<string, DirNode>;

/**
 * Times within this long before they were read cannot be trusted to move again on the next change:
 * file systems keep times in ticks (a few ms on Linux, 2 s on FAT) and a change in the same tick leaves
 * them as they were.
 */
export const RACY_MS = 2000;

export function isRacy(stamp: { readonly mtimeMs: number; readonly ctimeMs: number }, readAt: number): boolean {
  return readAt - Math.max(stamp.mtimeMs, stamp.ctimeMs) < RACY_MS;
}

export function sameStamp(a: Stamp | undefined, b: Stamp | undefined): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

export function stampOf(st: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): Stamp {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

// ── JSON form: [stamp | 0, files, [[name, node]…], [[name, stamp | 0]…]], stamps as [ino, size, mtime, ctime] ──

type StampJson = [ino: number, size: number, mtimeMs: number, ctimeMs: number] | 0;
type NodeJson = [stamp: StampJson, files: string[], dirs: [string, NodeJson][], ignoreFiles: [string, StampJson][]];

export function listingToJson(listing: ScanListing): [string, NodeJson][] {
  return [...listing].map(([root, node]) => [root, nodeToJson(node)]);
}

/** Throws on anything malformed (the caller then scans without a listing). */
export function listingFromJson(json: unknown): ScanListing {
  if (!Array.isArray(json)) throw new Error('scan listing: not a list');
  return new Map(json.map((e) => {
    if (!Array.isArray(e) || typeof e[0] !== 'string') throw new Error('scan listing: bad root');
    return [e[0], nodeFromJson(e[1])] as const;
  }));
}

function nodeToJson(n: DirNode): NodeJson {
  return [stampToJson(n.stamp), [...n.files], [...n.dirs].map(([name, d]) => [name, nodeToJson(d)]), [...n.ignoreFiles].map(([name, s]) => [name, stampToJson(s)])];
}

function nodeFromJson(j: unknown): DirNode {
  if (!Array.isArray(j) || j.length !== 4 || !Array.isArray(j[1]) || !Array.isArray(j[2]) || !Array.isArray(j[3])) throw new Error('scan listing: bad folder');
  const files = j[1] as unknown[];
  if (!files.every((f) => typeof f === 'string')) throw new Error('scan listing: bad file name');
  return {
    stamp: stampFromJson(j[0]),
    files: files as string[],
    dirs: (j[2] as unknown[]).length === 0 ? NO_SUBFOLDERS : new Map((j[2] as unknown[]).map((d) => {
      if (!Array.isArray(d) || typeof d[0] !== 'string') throw new Error('scan listing: bad subfolder');
      return [d[0], nodeFromJson(d[1])] as const;
    })),
    ignoreFiles: (j[3] as unknown[]).length === 0 ? NO_IGNORE_FILES : new Map((j[3] as unknown[]).map((d) => {
      if (!Array.isArray(d) || typeof d[0] !== 'string') throw new Error('scan listing: bad ignore file');
      return [d[0], stampFromJson(d[1])] as const;
    })),
  };
}

function stampToJson(s: Stamp | undefined): StampJson {
  return s ? [s.ino, s.size, s.mtimeMs, s.ctimeMs] : 0;
}

function stampFromJson(j: unknown): Stamp | undefined {
  if (j === 0) return undefined;
  if (!Array.isArray(j) || j.length !== 4 || !j.every((x) => typeof x === 'number')) throw new Error('scan listing: bad stamp');
  return { ino: j[0], size: j[1], mtimeMs: j[2], ctimeMs: j[3] };
}
