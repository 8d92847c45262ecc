/**
 * Index lookups that do not change between keystrokes, kept across requests: the indexed files by the
 * stem they share with their tests (relatedFiles, without a pass over every path per request) and how
 * many chunks hold each search token. Both follow the index's version: token counts are dropped on any
 * change; the stems are kept through changes to files they already know (typing in a file re-indexes it
 * on every pause) and rebuilt when a file they do not know changes or the index cannot say what changed.
 * Files' lines as the index read them are kept too (the index checks the disk on every read: a stat per
 * file per request), each until the index takes that file in again; a change on disk the index has not
 * taken in yet is seen once it has.
 */
import { carriedLineFacts, type LineFacts, lineFacts } from './lineFacts';
import { stemOf } from './relatedFiles';
import * as path from 'node:path';
import { keptIn } from '../../keptIn';

/** What the cache needs of the index beyond the sources' lookups. */
export interface VersionedIndex {
  filePaths(): readonly string[];
  roots(): readonly string[];
  chunksWithToken(token: string, limit: number): { readonly total: number };
  version(): number;
  changedSince(version: number): ReadonlySet<string> | undefined;
}

/** Files whose lines are kept at most (the index's own line cache holds the arrays anyway). */
const MAX_KEPT_FILES = 512;
/** relatedFiles answers kept at most. */
const MAX_RELATED = 64;
/** Documents whose last lines are kept, to carry their facts to the next version. */
const MAX_DOCUMENTS = 8;

interface Stems {
  /** Files by stem, each with its position in the index's file order (relatedFiles keeps that order). */
  readonly byStem: Map<string, { file: string; order: number }[]>;
  readonly known: Set<string>;
  readonly roots: readonly string[];
  /** Files by folder, in the index's file order. */
  readonly byFolder: Map<string, string[]>;
  /** relatedFiles' answers by their arguments: built from the stems, so they go with them. */
  readonly related: Map<string, readonly string[]>;
}

export class LocatorCache {
  private index: VersionedIndex | undefined;
  private version = -1;
  private stems: Stems | undefined;
  private readonly tokenCounts = new Map<string, number>();
  private readonly lines = new Map<string, readonly string[] | undefined>();
  /** The cursor documents' lines at their last request, most recent last. */
  private readonly documents = new Map<string, readonly string[]>();

  /** Brings the cache to the index's current state; called once per request. */
  sync(index: VersionedIndex): void {
    const version = index.version();
    if (index === this.index && version === this.version) return;
    const changed = index === this.index ? index.changedSince(this.version) : undefined;
    if (index !== this.index || (this.stems && (!changed || [...changed].some((f) => !this.stems!.known.has(f))))) this.stems = undefined;
    if (changed) for (const f of changed) this.lines.delete(f);
    else this.lines.clear();
    this.tokenCounts.clear();
    this.index = index;
    this.version = version;
  }

  /** Rarity of a search token: chunks holding it. */
  chunkCount(token: string): number {
    let n = this.tokenCounts.get(token);
    if (n === undefined) {
      n = this.index?.chunksWithToken(token, 0).total ?? 0;
      this.tokenCounts.set(token, n);
    }
    return n;
  }

  /** `read(file)` (the index's lines of a file), kept until the index changes that file. */
  linesOf(file: string, read: (file: string) => readonly string[] | undefined): readonly string[] | undefined {
    return keptIn(this.lines, MAX_KEPT_FILES, file, read);
  }

  /**
   * The facts of a cursor document's lines (see lineFacts.ts), carried from its lines at the last
   * request for the same file: between keystrokes only the changed lines are looked at again.
   */
  documentFacts(file: string, lines: readonly string[]): LineFacts {
    const prev = this.documents.get(file);
    const facts = prev && prev !== lines ? carriedLineFacts(prev, lines) : lineFacts(lines);
    this.documents.delete(file);
    this.documents.set(file, lines);
    if (this.documents.size > MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    return facts;
  }

  /**
   * A document just opened: its lines kept as its last version and their name map built, so that its
   * first request carries the map through the lines typed since instead of building it for the whole
   * file (the first request of each document was among the slowest).
   */
  warmDocument(file: string, lines: readonly string[]): void {
    this.documentFacts(file, lines).buildNameMap();
  }

  /** relatedFiles(files, index.filePaths(), index.roots(), limit) from the kept stems: the same files in the same order. */
  relatedFiles(files: readonly string[], limit = 8): readonly string[] {
    // The sources ask for the same files in every request.
    const related = (this.stems ??= this.buildStems()).related;
    return keptIn(related, MAX_RELATED, `${limit}\n${files.join('\n')}`, () => this.findRelated(files, limit));
  }

  private findRelated(files: readonly string[], limit: number): string[] {
    const stems = (this.stems ??= this.buildStems());
    const own = new Set(files);
    const ext = new Set(files.map((f) => path.extname(f)));
    const found = new Map<string, number>();
    for (const stem of new Set(files.map((f) => stemOf(f, stems.roots)))) {
      if (!stem) continue;
      for (const c of stems.byStem.get(stem) ?? []) if (!own.has(c.file) && ext.has(path.extname(c.file))) found.set(c.file, c.order);
    }
    return [...found].sort((a, b) => a[1] - b[1]).slice(0, limit).map(([f]) => f);
  }

  /** The indexed files in `file`'s folder (itself included), in the index's file order. */
  filesInFolder(file: string): readonly string[] {
    return (this.stems ??= this.buildStems()).byFolder.get(path.dirname(file)) ?? [];
  }

  private buildStems(): Stems {
    const byStem = new Map<string, { file: string; order: number }[]>();
    const byFolder = new Map<string, string[]>();
    const all = this.index?.filePaths() ?? [];
    const roots = this.index?.roots() ?? [];
    all.forEach((file, order) => {
      const s = stemOf(file, roots);
      if (s) (byStem.get(s) ?? byStem.set(s, []).get(s)!).push({ file, order });
      const dir = path.dirname(file);
      (byFolder.get(dir) ?? byFolder.set(dir, []).get(dir)!).push(file);
    });
    return { byStem, known: new Set(all), roots, byFolder, related: new Map() };
  }
}
