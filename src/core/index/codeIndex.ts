/**
 * The code index: the one entry point the server, the CLI, completion and chat use.
 *
 *   const index = await CodeIndex.open({ roots, storageDir, grammarsDir });   // loads the snapshot
 *   await index.refresh();            // scan + parse what changed since the snapshot
 *
 * Retrieval (all synchronous, absolute paths in and out; lines 0-based inclusive):
 *   search(query, { limit, excludePaths, fileWeight })   BM25 over chunk identifier tokens
 *   similar(text, { limit, excludePaths, fileWeight })   Jaccard over token sets (similar snippets)
 *   searchTerms(terms, 'bm25' | 'jaccard', options)      either, on pre-tokenized terms (search/tokenizer.ts)
 *   chunksWithToken(token, limit)                        the chunks holding one token (occurrence lookups)
 *   symbols(name, { ignoreCase, kinds, limit })          definitions by exact name
 *   findSymbols(query, limit)                            ranked name matching (@symbol pickers, chat)
 *   membersOf(container, file?)                          methods/properties of a class, interface, struct…
 *   symbolAt(file, line), symbolsInFile(file), file(file) (summary, language, imports, package)
 *   importsOf(file), resolvedImports(file), importersOf(file)   the import graph
 *   linesOf(file), filePaths(), repoInfo(), stats()
 * Updates:
 *   await updateDocument(file, text)   editor text wins over the disk; searchable when it resolves
 *   await updateFromDisk(file)         e.g. the editor closed the file
 *   applyFileEvents({ created, changed, deleted })   coalesced; settled() awaits them
 *   setPaused(bool), rebuild(), whenIdle(), close() (saves the snapshot)
 *
 * Parsing happens in worker threads (ParserPool); this class only applies results — small synchronous
 * steps between awaits — so its host's message loop stays responsive.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { silentLogger, describeError } from '../logging/logger';
import { lineStartsOfBytes, MAX_FUNCTION_LINES, WINDOW_LINES } from './extract/chunker';
import { contentHash, finishExtract } from './extract/finishExtract';
import { type LanguageId, languageLabel } from './languages';
import { ChangeLog } from './changeLog';
import { keptImports, keptSymbols, StringPool } from './keptFacts';
import { LineCache } from './lineCache';
import { type ChunkRange, type FileExtract, type IndexedFile, type SkippedFile, type SymbolInfo, type SymbolKind, UNSETTLED_TIME } from './model';
import type { FileResult, FileStat, FileTask } from './parse/fileProcessor';
import { defaultWorkerCount, ParserPool } from './parse/parserPool';
import { decodeDetails, type DetailsRow, relativeTo } from './persist/fileRows';
import { captureSnapshot, type CapturedSnapshot, restoreSnapshot } from './persist/indexSnapshot';
import { SNAPSHOT_FILE } from './persist/snapshot';
import { readScanListing, writeScanListing } from './persist/scanListingFile';
import { SnapshotKeeper } from './persist/snapshotKeeper';
import { type RepoInfo, readRepoInfo } from './repoInfo';
import { TaskFeed } from './parse/taskFeed';
import { ImportGraph, type ResolvedImport } from './resolve/importGraph';
import { type FileEvents, FileEventQueue } from './scan/fileEventQueue';
import { IgnoreRules } from './scan/ignoreRules';
import { isRacy, type ScanListing } from './scan/scanListing';
import { type ScanResult, scanWorkspace } from './scan/workspaceScanner';
import { bm25 } from './search/bm25';
import { InvertedIndex } from './search/invertedIndex';
import { jaccard } from './search/jaccard';
import { Scratch } from './search/scoring';
import { SymbolTable } from './search/symbolTable';
import { tokenize } from './search/tokenizer';

/** Bump when extraction or chunking changes what a file turns into: old snapshots are then rebuilt. */
const EXTRACTOR_VERSION = 6;
const BATCH_FILES = 24;
const BATCH_BYTES = 384 * 1024;
const MAX_ERRORS = 50;
/**
 * Up to this many workers, workers send chunk text and the main thread tokenizes it: the workers
 * are the bottleneck and the main thread would otherwise wait. With more workers, tokenizing there
 * keeps the main thread from becoming the bottleneck.
 */
const MAIN_TOKENIZES_UP_TO = 3;
const BULK_MAINTENANCE_MS = 3000;
/**
 * A refresh that parsed at least this many files ends its idle parse workers before the final
 * maintenance and snapshot write, where a first build's memory peaks: each holds ≈ 60 MB (its heap and
 * tree-sitter's memory) until then. The next update starts a worker again (a grammar load, once).
 */
const RELEASE_WORKERS_AFTER_FILES = 1000;
/**
 * Batches in flight per worker (queued to it, or their results waiting for the main thread). More keep
 * a worker busier through the main thread's pauses (garbage collections of 40–80 ms: with 12, the
 * worker sat idle ≈ 90 ms per cold build of the bench corpus instead of 120–170 ms), but every one can
 * hold its results' file bytes while the main thread is behind, and a cold build's peak memory is the
 * tighter limit (with 12, two small A/B runs gave peak RSS medians 3–5 MB higher and one process over it).
 */
const BATCHES_QUEUED_PER_WORKER = 3;
/**
 * Editor updates are searchable through the delta postings at once; folding them into the base (a
 * rebuild of every posting, tens of ms on a large index) waits for this long a pause in typing.
 */
const EDIT_MAINTENANCE_DELAY_MS = 1000;
/** …unless the delta or the dead chunks grow this many times past their usual limit while typing. */
const EDIT_MAINTENANCE_SLACK = 4;

export interface CodeIndexOptions {
  /** Absolute workspace folders. */
  readonly roots: readonly string[];
  /** Folder for the snapshot; without one the index lives in memory only. */
  readonly storageDir?: string;
  /** dist/grammars; from source, the grammar npm packages are used. */
  readonly grammarsDir?: string;
  /** Parse workers; default all cores but one. 0 parses on the calling thread. */
  readonly workers?: number;
  readonly workerScript?: string;
  /** With fewer files than this to parse and no worker running yet, parse inline (the CLI's fast path). */
  readonly inlineBelow?: number;
  readonly maxFileBytes?: number;
  readonly maxFiles?: number;
  /** Extra glob patterns to skip. */
  readonly exclude?: readonly string[];
  /** VS Code files.exclude / search.exclude. */
  readonly editorExcludes?: readonly (Readonly<Record<string, boolean>> | undefined)[];
  /** C/C++ include folders, relative to each root (or absolute). */
  readonly includeDirs?: readonly string[];
  readonly useGitignore?: boolean;
  /** Index what the built-in defaults would skip (node_modules, build folders…): the bench's corpus. */
  readonly noDefaultExcludes?: boolean;
  readonly logger?: Logger;
  /** Text of a file open in the editor (wins over the disk), or undefined. */
  readonly documentText?: (file: string) => string | undefined;
  readonly onProgress?: (progress: IndexProgressInfo) => void;
  /**
   * A refresh that re-indexed fewer files than this does not write the snapshot: a short-lived CLI call
   * (`banyan context` per keystroke-like bench case) re-parses those few next time, which costs less
   * than rewriting the whole snapshot every call. Files read again and found unchanged with new times
   * count too: unsaved, every later call reads them again (all of them in a workspace indexed right
   * after it was copied or checked out, its times too recent to trust), and once they reach inlineBelow
   * it starts workers for them. Default 0 (always write).
   */
  readonly saveAfterParsing?: number;
  /**
   * Wall-clock time in ms (default Date.now): file and folder times less than RACY_MS older than it
   * when read are not trusted on the next scan (tests move it to make every time trusted).
   */
  readonly clock?: () => number;
}

export interface IndexProgressInfo {
  readonly done: number;
  readonly total: number;
  readonly paused: boolean;
  readonly phase: 'scanning' | 'indexing' | 'idle';
}

export type IndexState = 'idle' | 'scanning' | 'indexing' | 'paused';

export interface IndexStatistics {
  readonly files: number;
  readonly bytes: number;
  readonly symbols: number;
  readonly chunks: number;
  readonly languages: Readonly<Record<string, number>>;
  readonly skipped: Readonly<Record<string, number>>;
  readonly sizeOnDiskBytes: number;
  readonly lastUpdated?: string;
  readonly errors: readonly string[];
  readonly state: IndexState;
  readonly capped?: string;
  readonly storagePath?: string;
}

/** One search result: a chunk of a file. Lines are 0-based, inclusive. */
export interface ChunkHit {
  readonly path: string;
  /** Relative to its workspace folder, forward slashes. */
  readonly rel: string;
  readonly language: LanguageId | undefined;
  readonly startLine: number;
  readonly endLine: number;
  readonly score: number;
  /** The outermost function/class the chunk starts in, if any. */
  readonly symbol?: string;
  readonly text?: string;
}

export interface SymbolHit extends SymbolInfo {
  readonly path: string;
  readonly rel: string;
  readonly language: LanguageId | undefined;
}

export interface SearchOptions {
  readonly limit?: number;
  /** Leave these files out (e.g. the file being edited). */
  readonly excludePaths?: readonly string[];
  /** Score multiplier per file (path/import proximity); return 0 to drop a file. */
  readonly fileWeight?: (file: string) => number;
  /** Include each hit's text (default true). */
  readonly withText?: boolean;
  /** Include each hit's innermost symbol (default true; a scan of the file's symbols per hit). */
  readonly withSymbol?: boolean;
}

export type { FileEvents } from './scan/fileEventQueue';
export type { IndexedFile } from './model';

export class CodeIndex {
  private readonly logger: Logger;
  private readonly rules: IgnoreRules;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private index = new InvertedIndex();
  private readonly symbolTable = new SymbolTable();
  private readonly graph: ImportGraph;
  private readonly scratch = new Scratch();
  private files: (IndexedFile | undefined)[] = [];
  /** Writes and schedules the snapshot; undefined for an index in memory only. */
  private readonly snapshot: SnapshotKeeper | undefined;
  private readonly byPath = new Map<string, IndexedFile>();
  private readonly skipped = new Map<string, SkippedFile>();
  private readonly includeDirs: string[];
  private pool: ParserPool | undefined;
  private readonly poolSize: number;
  private readonly clock: () => number;

  private state: IndexState = 'idle';
  private paused = false;
  private resume: (() => void) | undefined;
  private resumed: Promise<void> = Promise.resolve();
  private generation = 0;
  private refreshing: Promise<void> | undefined;
  private capped: string | undefined;
  private readonly errors: string[] = [];
  private lastUpdated: Date | undefined;
  /** Bumped whenever any file's content, symbols or the file set change (callers cache against it). */
  private readonly changes = new ChangeLog();
  private readonly lineCache = new LineCache();
  /** Strings shared by the facts of a bulk build (names, containers, import sources); emptied when a refresh ends. */
  private readonly strings = new StringPool();
  private closed = false;
  private lastMaintenance = 0;

  /** Sequence numbers: a result is applied only if no newer task for the same file was submitted. */
  private seq = 0;
  private readonly latest = new Map<string, { readonly seq: number; readonly statAfter: number }>();
  private readonly fileEvents = new FileEventQueue(() => void this.flushEvents().catch((err) => this.logger.error('index update failed', err)));
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly options: CodeIndexOptions) {
    this.logger = options.logger ?? silentLogger;
    this.maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 50_000;
    this.poolSize = options.workers ?? defaultWorkerCount();
    this.clock = options.clock ?? Date.now;
    this.rules = new IgnoreRules({
      globs: options.exclude ?? [],
      editorExcludes: options.editorExcludes ?? [],
      useGitignore: options.useGitignore ?? true,
      noDefaults: options.noDefaultExcludes ?? false,
    });
    this.includeDirs = options.roots.flatMap((r) => (options.includeDirs ?? []).map((d) => path.resolve(r, d)));
    this.graph = new ImportGraph(
      () => this.byPath.values(),
      (p) => this.byPath.get(p),
      () => this.options.roots,
      () => this.includeDirs,
    );
    this.snapshot = options.storageDir
      ? new SnapshotKeeper(options.storageDir, { capture: () => this.captureSnapshot(), rowsAreFiles: (rows) => this.files.length === rows && this.files.every((f) => !!f) }, this.logger)
      : undefined;
  }

  /** Creates the index and loads its snapshot if there is a usable one (no scan yet: call refresh()). */
  static async open(options: CodeIndexOptions): Promise<CodeIndex> {
    const index = new CodeIndex({ ...options, roots: options.roots.map((r) => path.resolve(r)) });
    await index.loadSnapshot();
    return index;
  }

  // ───────────────────────────── building ─────────────────────────────

  /**
   * Scans the workspace and brings the index up to date: new and changed files parsed (unchanged
   * ones recognised by size+mtime, then by content hash), deleted ones dropped. Concurrent calls share
   * one run; a call during a run starts another afterwards.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      const after = this.refreshing.then(() => this.refresh());
      return after;
    }
    const run = this.runRefresh().finally(() => {
      if (this.refreshing === run) this.refreshing = undefined;
    });
    this.refreshing = run;
    return run;
  }

  /** Drops everything and indexes from scratch. */
  async rebuild(): Promise<void> {
    this.generation++;
    await this.refreshing?.catch(() => undefined);
    this.clear();
    await this.refresh();
  }

  private async runRefresh(): Promise<void> {
    const generation = ++this.generation;
    const reindexedBefore = this.reindexed;
    const recheckedBefore = this.rechecked;
    this.setState('scanning');
    this.report(0, 0, 'scanning');
    this.rules.forgetIgnoreFiles();
    const started = performance.now();
    if (this.files.length === 0) this.snapshot?.streamRows();
    // Parsing starts while the scan is still walking folders: files go to the feed as they are found.
    const feed = new TaskFeed(BATCH_FILES, BATCH_BYTES);
    let consuming: Promise<boolean> | undefined;
    const consume = () => {
      consuming ??= this.runTasks(feed, generation, true);
    };
    const inlineBelow = this.options.inlineBelow ?? 0;
    // The scan stats files after this: a time no later than any of its stats (see recordedStat).
    const scanStartedAt = this.clock();
    const scan = await scanWorkspace(this.options.roots, {
      now: this.clock,
      rules: this.rules,
      maxFileBytes: this.maxFileBytes,
      maxFiles: this.maxFiles,
      previous: this.previousListing(),
      onFiles: (found) => {
        for (const f of found) {
          const task = this.taskFor(f.path, f);
          if (task) feed.push(task, this.stamp(task.path, scanStartedAt), task.text?.length ?? f.size);
        }
        // Until enough work is known to be worth workers, wait (the CLI parses a few files inline).
        if (feed.total >= inlineBelow && feed.total > 0) {
          if (this.state === 'scanning') this.setState(this.paused ? 'paused' : 'indexing');
          consume();
        }
      },
    });
    feed.close();
    if (feed.total > 0) consume();
    this.keepListing(scan);
    this.capped = scan.capped;
    this.logger.debug(`index: scanned ${scan.files.length} files (${scan.foldersRead} folders read) in ${Math.round(performance.now() - started)} ms`);
    if (scan.capped) this.logger.warn(scan.capped);
    for (const e of scan.errors.slice(0, 10)) this.recordError(e);

    let setChanged = false;
    if (generation === this.generation && !this.closed) {
      const present = new Set<string>();
      for (const f of scan.files) present.add(f.path);
      for (const f of [...this.byPath.values()]) {
        if (!present.has(f.path) && this.options.documentText?.(f.path) === undefined) {
          this.removeFile(f.path);
          setChanged = true;
        }
      }
      for (const p of [...this.skipped.keys()]) if (!present.has(p)) this.skipped.delete(p);
      for (const f of scan.tooLarge) {
        if (this.byPath.has(f.path)) {
          this.removeFile(f.path);
          setChanged = true;
        }
        this.skipped.set(f.path, { ...recordedStat(f, scanStartedAt), reason: 'too-large' });
      }
    }
    if (consuming && (await consuming)) setChanged = true;
    if (feed.total) this.logger.debug(`index: processed ${feed.total} changed files in ${Math.round(performance.now() - started)} ms (scan included)`);
    if (generation !== this.generation || this.closed) return;
    if (feed.total >= RELEASE_WORKERS_AFTER_FILES) await this.pool?.releaseIdle();
    if (generation !== this.generation || this.closed) return;
    if (setChanged || feed.total) {
      this.maintain(true);
      this.graph.invalidateAll();
      this.markChanged();
    }
    this.strings.clear();
    this.setState('idle');
    this.report(feed.total, feed.total, 'idle');
    const saveStarted = performance.now();
    if (this.reindexed - reindexedBefore + (this.rechecked - recheckedBefore) < (this.options.saveAfterParsing ?? 0)) {
      this.snapshot?.dropRows();
      return;
    }
    await this.save();
    this.logger.debug(`index: snapshot written in ${Math.round(performance.now() - saveStarted)} ms`);
  }

  /** What the last scan saw (see scanListing.ts): kept in memory, and read from the storage folder once. */
  private previousListing(): ScanListing | undefined {
    if (this.listing === undefined && this.snapshot && !this.listingRead) this.listing = readScanListing(this.snapshot.dir, this.listingKey());
    this.listingRead = true;
    return this.listing;
  }

  private keepListing(scan: ScanResult): void {
    this.listing = scan.listing;
    if (!this.snapshot || scan.foldersRead === 0) return;
    const dir = this.snapshot.dir;
    const write = writeScanListing(dir, this.listingKey(), scan.listing).catch((err: unknown) => this.logger.debug(`index: scan listing not saved in ${dir} (${describeError(err)})`));
    this.listingWrite = this.listingWrite.then(() => write);
  }

  private listingKey(): string {
    return createHash('sha1').update(JSON.stringify({ roots: this.options.roots, rules: this.rules.fingerprint })).digest('hex').slice(0, 16);
  }

  private listing: ScanListing | undefined;
  private listingRead = false;
  private listingWrite: Promise<void> = Promise.resolve();

  /** The parse task a scanned file needs, or undefined when the index already holds its content. */
  private taskFor(file: string, st: FileStat): FileTask | undefined {
    const overlay = this.options.documentText?.(file);
    const existing = this.byPath.get(file);
    if (overlay !== undefined) return !existing || existing.hash !== contentHash(Buffer.from(overlay, 'utf8')) ? { path: file, text: overlay, maxBytes: this.maxFileBytes } : undefined;
    if (existing && sameStat(existing, st)) return undefined;
    const skip = this.skipped.get(file);
    if (!existing && skip && sameStat(skip, st)) return undefined;
    return { path: file, maxBytes: this.maxFileBytes, stat: st, ...(existing ? { expectHash: existing.hash } : {}) };
  }

  /** Runs a list of parse tasks (editor updates, file events). */
  private runTaskList(tasks: readonly FileTask[], bulk: boolean): Promise<boolean> {
    const feed = new TaskFeed(BATCH_FILES, BATCH_BYTES);
    for (const t of tasks) feed.push(t, this.stamp(t.path), t.text?.length ?? this.byPath.get(t.path)?.size ?? 16 * 1024);
    feed.close();
    return this.runTasks(feed, undefined, bulk);
  }

  /**
   * Runs parse tasks from a feed in bounded batches, applying results as they arrive. Returns whether
   * any file was added or removed.
   */
  private async runTasks(feed: TaskFeed, generation: number | undefined, bulk: boolean): Promise<boolean> {
    const pool = this.poolFor(feed.closedTotal ?? Infinity);
    // With up to MAIN_TOKENIZES_UP_TO workers the main thread has capacity to spare: it tokenizes.
    const tokenize = pool.size === 0 || pool.size > MAIN_TOKENIZES_UP_TO;
    let done = 0;
    let setChanged = false;
    // Batches in flight: see BATCHES_QUEUED_PER_WORKER.
    const parallel = Math.max(1, pool.size * BATCHES_QUEUED_PER_WORKER + 1);
    const lane = async (): Promise<void> => {
      for (;;) {
        if (bulk && this.paused) await this.resumed;
        if (this.closed || (generation !== undefined && generation !== this.generation)) return;
        const b = await feed.take();
        if (!b) return;
        const results = await this.processBatch(pool, b.map((s) => (tokenize ? s.task : { ...s.task, tokenize: false })));
        const seqOf = new Map(b.map((s) => [s.task.path, s.seq]));
        for (const r of results) {
          // By path: a batch retried file by file (processBatch) returns no result for a file that kills the parser.
          const latest = this.latest.get(r.path);
          if (!latest || latest.seq !== seqOf.get(r.path)) continue; // superseded by a newer update
          this.latest.delete(r.path); // nothing newer is in flight (it would have replaced the entry)
          if (this.applyResult(r, latest.statAfter, bulk)) setChanged = true;
        }
        done += b.length;
        if (bulk) this.report(done, feed.total, 'indexing');
        // During a bulk build, new chunks become searchable at most every BULK_MAINTENANCE_MS (each
        // rebuild copies every posting, so rebuilding per batch would cost more than the parsing).
        if (bulk && performance.now() - this.lastMaintenance > BULK_MAINTENANCE_MS && this.index.needsMaintenance(true)) this.maintain(false, true);
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
    return setChanged;
  }

  /** A worker that dies takes its batch with it: retry those files one by one, and skip the one that kills it. */
  private async processBatch(pool: ParserPool, tasks: readonly FileTask[]): Promise<FileResult[]> {
    try {
      return await pool.process(tasks);
    } catch (err) {
      if (tasks.length === 1) {
        this.recordError(`${tasks[0]!.path}: parser failed (${describeError(err)}); not indexed`);
        return [];
      }
      const out: FileResult[] = [];
      for (const t of tasks) out.push(...(await this.processBatch(pool, [t])));
      return out;
    }
  }

  private poolFor(taskCount: number): ParserPool {
    if (this.pool && this.pool.size > 0) return this.pool;
    const inline = this.poolSize === 0 || taskCount < (this.options.inlineBelow ?? 0);
    if (inline) {
      this.inlinePool ??= new ParserPool({ size: 0, ...(this.options.grammarsDir ? { grammarsDir: this.options.grammarsDir } : {}) });
      return this.inlinePool;
    }
    this.pool = new ParserPool({
      size: this.poolSize,
      ...(this.options.grammarsDir ? { grammarsDir: this.options.grammarsDir } : {}),
      ...(this.options.workerScript ? { workerScript: this.options.workerScript } : {}),
    });
    return this.pool;
  }
  private inlinePool: ParserPool | undefined;
  /** Files whose content was (re)indexed since open (saveAfterParsing counts them per refresh). */
  private reindexed = 0;
  /** Files read again and found unchanged, with new times, since open (saveAfterParsing counts them per refresh too). */
  private rechecked = 0;

  /** A sequence number for a task on `file`, whose stat (if any) is taken after `statAfter` (wall clock). */
  private stamp(file: string, statAfter = this.clock()): number {
    const seq = ++this.seq;
    this.latest.set(file, { seq, statAfter });
    return seq;
  }

  /** Applies one worker result (its stat taken after `statAfter`); returns true when a file entered or left the index. */
  private applyResult(r: FileResult, statAfter: number, bulk: boolean): boolean {
    switch (r.kind) {
      case 'indexed':
      case 'extracted': {
        this.reindexed++;
        const had = this.byPath.has(r.path);
        this.skipped.delete(r.path);
        const st = recordedStat(r, statAfter);
        if (r.kind === 'indexed') this.putFile(r.path, st, r.extract, bulk);
        else {
          // The worker did only what needs the tree (see MAIN_TOKENIZES_UP_TO): the rest is done here.
          const { extract, ranges } = finishExtract(r.tree, r.bytes, r.hash);
          this.putFile(r.path, st, extract, bulk, { bytes: r.bytes, ranges });
        }
        if (had) this.graph.invalidateFile(r.path);
        return !had;
      }
      case 'unchanged': {
        const f = this.byPath.get(r.path);
        const st = recordedStat(r, statAfter);
        if (f && !sameStat(f, st)) {
          // Same content, new times: recorded so the next scan trusts them (not a content change).
          this.replaceEntry({ ...f, ...st });
          this.snapshot?.markDirty();
          this.rechecked++;
        }
        return false;
      }
      case 'skipped': {
        if (r.reason === 'unreadable') {
          this.recordError(`${r.path}: ${r.message ?? 'unreadable'}`);
          if (!existsSafe(r.path)) {
            const had = this.byPath.has(r.path);
            this.removeFile(r.path);
            return had;
          }
          return false;
        }
        this.skipped.set(r.path, { ...recordedStat(r, statAfter), reason: r.reason });
        const had = this.byPath.has(r.path);
        this.removeFile(r.path);
        return had;
      }
      default:
        return false;
    }
  }

  /** `bulk`: part of a scan's batch (postings deferred to the next maintenance), not an editor update. */
  private putFile(file: string, st: RecordedStat, x: FileExtract, bulk = false, untokenized?: { bytes: Uint8Array; ranges: readonly ChunkRange[] }): void {
    const old = this.byPath.get(file);
    if (old) this.dropContent(old);
    const id = old?.id ?? this.files.length;
    const root = this.rootOf(file);
    let firstChunk = -1;
    let chunkCount = 0;
    if (untokenized) {
      // Tokenized here, straight into the index (see MAIN_TOKENIZES_UP_TO); file bytes are read as
      // they are, without making the whole file one JS string.
      const { bytes, ranges } = untokenized;
      const starts = lineStartsOfBytes(bytes);
      for (const { startLine, endLine } of ranges) {
        const chunk = this.index.addChunkBytes(id, startLine, endLine, bytes, starts[startLine]!, starts[endLine + 1]!, bulk);
        if (chunk < 0) continue;
        if (firstChunk < 0) firstChunk = chunk;
        chunkCount++;
      }
    } else {
      for (const c of x.chunks) {
        const chunk = this.index.addChunk(id, c.startLine, c.endLine, c.terms, c.tfs, c.length);
        if (firstChunk < 0) firstChunk = chunk;
        chunkCount++;
      }
    }
    // A bulk build's facts are kept compact and share their strings (see keptFacts.ts); an editor
    // update's are short-lived (the next keystroke replaces them) and not worth the copy.
    const symbols = bulk ? keptSymbols(x.symbols, this.strings) : x.symbols;
    const entry: IndexedFile = {
      id,
      path: file,
      root,
      rel: relativeTo(root, file),
      ...st,
      hash: x.hash,
      language: bulk && x.language ? (this.strings.get(x.language) as LanguageId) : x.language,
      lineCount: x.lineCount,
      ...(x.summary ? { summary: x.summary } : {}),
      ...(x.packageName ? { packageName: this.strings.get(x.packageName) } : {}),
      symbols,
      imports: bulk ? keptImports(x.imports, this.strings) : x.imports,
      ...(x.hasErrors ? { hasErrors: true } : {}),
      firstChunk: Math.max(0, firstChunk),
      chunkCount,
    };
    this.files[id] = entry;
    this.byPath.set(file, entry);
    this.snapshot?.fileIndexed(entry, !old);
    this.symbolTable.add(id, symbols);
    this.markChanged(file);
  }

  /** `rowChanged` false: only the chunk position moved, which snapshot rows do not carry. */
  private replaceEntry(entry: IndexedFile, rowChanged = true): void {
    if (rowChanged) this.snapshot?.dropRows();
    this.files[entry.id] = entry;
    this.byPath.set(entry.path, entry);
  }

  private dropContent(f: IndexedFile): void {
    const pending = this.pendingDetails;
    if (pending?.pending[f.id]) {
      // Never decoded, never in the symbol table: only no longer to be decoded.
      pending.pending[f.id] = 0;
      pending.symbols -= pending.counts[f.id]!;
    }
    for (let i = 0; i < f.chunkCount; i++) this.index.removeChunk(f.firstChunk + i);
    this.symbolTable.remove(f.id, f.symbols);
    // Whatever made the index drop the file's content also makes its cached lines suspect.
    this.lineCache.drop(f.path);
  }

  private removeFile(file: string): void {
    const f = this.byPath.get(file);
    if (!f) return;
    this.snapshot?.dropRows();
    this.dropContent(f);
    this.files[f.id] = undefined;
    this.byPath.delete(file);
    this.graph.invalidateAll();
    this.markChanged(file);
  }

  /** Folds new postings into the base and drops dead chunks; renumbers chunk ids when it compacts. */
  private maintain(force: boolean, bulk = false): void {
    if (!force && !this.index.needsMaintenance(bulk)) return;
    this.lastMaintenance = performance.now();
    const remap = this.index.maintain();
    if (remap) this.applyRemap(remap);
  }

  /** Maintenance after an editor update, off the keystroke path (see EDIT_MAINTENANCE_DELAY_MS). */
  private maintainSoon(): void {
    if (this.index.needsMaintenance(false, EDIT_MAINTENANCE_SLACK)) {
      this.maintain(true);
      return;
    }
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer);
    this.maintenanceTimer = setTimeout(() => {
      this.maintenanceTimer = undefined;
      if (!this.closed) this.maintain(false);
    }, EDIT_MAINTENANCE_DELAY_MS);
    this.maintenanceTimer.unref?.();
  }
  private maintenanceTimer: NodeJS.Timeout | undefined;

  private applyRemap(remap: Int32Array): void {
    for (const f of this.byPath.values()) {
      if (f.chunkCount === 0) continue;
      this.replaceEntry({ ...f, firstChunk: remap[f.firstChunk]! }, false);
    }
  }

  private clear(): void {
    this.pendingDetails = undefined;
    this.snapshot?.dropRows();
    // Everything is read again, folders too.
    this.listing = undefined;
    this.listingRead = true;
    this.index = new InvertedIndex();
    for (const f of this.byPath.values()) this.symbolTable.remove(f.id, f.symbols);
    this.files = [];
    this.byPath.clear();
    this.skipped.clear();
    this.graph.invalidateAll();
    this.markChanged();
  }

  // ───────────────────────────── incremental updates ─────────────────────────────

  /** Re-indexes one file from the editor's text; resolves once the new content is searchable. */
  async updateDocument(file: string, text: string): Promise<void> {
    const abs = path.resolve(file);
    if (!this.inWorkspace(abs) || this.rules.excludedPath(this.rootOf(abs), abs, false)) return;
    // Opening a file sends its text too: when it equals what is indexed, nothing is re-parsed.
    const existing = this.byPath.get(abs);
    const entered = await this.runTaskList([{ path: abs, text, maxBytes: this.maxFileBytes, ...(existing ? { expectHash: existing.hash } : {}) }], false);
    // A file new to the index may be what other files' imports were looking for.
    if (entered) this.graph.invalidateAll();
    else this.graph.invalidateFile(abs);
    this.maintainSoon();
    // No snapshot save per keystroke burst: editor text is not the disk's; close() saves.
  }

  /** Re-reads one file from disk (e.g. the editor closed it without saving). */
  async updateFromDisk(file: string): Promise<void> {
    this.fileEvents.addNow(file);
    await this.flushEvents();
  }

  /**
   * File watcher events. Bursts are coalesced: events are collected for a moment and handled as one
   * batch; a very large burst (a branch switch) becomes one rescan.
   */
  applyFileEvents(events: FileEvents, delayMs = 100): void {
    this.fileEvents.add(events, delayMs);
  }

  /** Resolves when every file event received so far has been applied. */
  async settled(): Promise<void> {
    if (this.fileEvents.busy) await this.flushEvents();
    await this.refreshing;
  }

  private async flushEvents(): Promise<void> {
    const batch = this.fileEvents.take();
    if (!batch) return;
    if (batch.kind === 'rescan') {
      await this.refresh();
      return;
    }
    const { events } = batch;
    let setChanged = false;
    const tasks: FileTask[] = [];
    for (const [p, kind] of events) {
      if (!this.inWorkspace(p)) continue;
      if (kind === 'deleted' || !existsSafe(p)) {
        this.stamp(p); // cancels an update in flight
        if (this.byPath.has(p)) {
          this.removeFile(p);
          setChanged = true;
        } else {
          // A folder: everything below it goes.
          const prefix = p + path.sep;
          for (const f of [...this.byPath.keys()]) {
            if (f.startsWith(prefix)) {
              this.removeFile(f);
              setChanged = true;
            }
          }
        }
        this.skipped.delete(p);
        continue;
      }
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        await this.refresh(); // a new folder: the scanner applies every rule on the way down
        return;
      }
      if (this.rules.excludedPath(this.rootOf(p), p, false)) continue;
      if (this.options.documentText?.(p) !== undefined) continue; // the editor's text wins
      const existing = this.byPath.get(p);
      tasks.push({ path: p, maxBytes: this.maxFileBytes, ...(existing ? { expectHash: existing.hash } : {}) });
    }
    if (tasks.length && (await this.runTaskList(tasks, false))) setChanged = true;
    if (setChanged) this.graph.invalidateAll();
    this.maintain(false);
    if (setChanged || tasks.length) this.snapshot?.saveSoon();
  }

  // ───────────────────────────── pause ─────────────────────────────

  /** Pauses background indexing (bulk work); editor updates still go through. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      this.resumed = new Promise((resolve) => (this.resume = resolve));
      if (this.state === 'indexing') this.setState('paused');
    } else {
      this.resume?.();
      this.resume = undefined;
      if (this.state === 'paused') this.setState('indexing');
    }
    this.report(0, 0, this.state === 'idle' ? 'idle' : 'indexing');
  }

  isPaused(): boolean {
    return this.paused;
  }

  // ───────────────────────────── queries ─────────────────────────────

  /** BM25 over chunk identifier tokens (camelCase/snake_case split). */
  search(query: string, options: SearchOptions = {}): ChunkHit[] {
    return this.searchTerms(tokenize(query), 'bm25', options);
  }

  /** Jaccard similarity of token sets: chunks that look like `text` (similar-snippet retrieval). */
  similar(text: string, options: SearchOptions = {}): ChunkHit[] {
    return this.searchTerms(tokenize(text), 'jaccard', options);
  }

  /** Either scorer on tokens the caller already has (see search/tokenizer.ts). */
  searchTerms(terms: readonly string[], scorer: 'bm25' | 'jaccard', options: SearchOptions = {}): ChunkHit[] {
    this.ensureDetails();
    const exclude = options.excludePaths?.length
      ? new Set(options.excludePaths.map((p) => this.byPath.get(path.resolve(p))?.id).filter((id): id is number => id !== undefined))
      : undefined;
    const weight = options.fileWeight;
    const fileWeight = weight ? (id: number) => weight(this.files[id]!.path) : undefined;
    const scoreOptions = { limit: options.limit ?? 10, ...(exclude?.size ? { excludeFiles: exclude } : {}), ...(fileWeight ? { fileWeight } : {}) };
    const scored = scorer === 'bm25' ? bm25(this.index, terms, scoreOptions, this.scratch) : jaccard(this.index, terms, scoreOptions, this.scratch);
    const withText = options.withText ?? true;
    const withSymbol = options.withSymbol ?? true;
    const texts = new Map<string, readonly string[] | undefined>();
    return scored.map(({ chunk, score }) => {
      const f = this.files[this.index.fileOf(chunk)]!;
      const startLine = this.index.startLineOf(chunk);
      const endLine = this.index.endLineOf(chunk);
      const symbol = withSymbol ? innermostAt(f.symbols, startLine) : undefined;
      let text: string | undefined;
      if (withText) {
        if (!texts.has(f.path)) texts.set(f.path, this.linesOf(f.path));
        text = texts.get(f.path)?.slice(startLine, endLine + 1).join('\n');
      }
      return { path: f.path, rel: f.rel, language: f.language, startLine, endLine, score, ...(symbol ? { symbol } : {}), ...(text !== undefined ? { text } : {}) };
    });
  }

  /**
   * Where a search token (lower-cased identifier, see search/tokenizer.ts) occurs: the line ranges of
   * the chunks holding it, at most `limit`, and how many chunks hold it in all (its rarity). An index
   * lookup for callers that then read only those lines (next-edit's occurrences of a renamed name).
   */
  chunksWithToken(token: string, limit: number): { readonly total: number; readonly chunks: readonly { readonly path: string; readonly startLine: number; readonly endLine: number }[] } {
    const { ids, total } = this.index.chunksWith(token, limit);
    const chunks = ids.map((c) => ({ path: this.files[this.index.fileOf(c)]!.path, startLine: this.index.startLineOf(c), endLine: this.index.endLineOf(c) }));
    return { total, chunks };
  }

  /**
   * Definitions named `name` (exact; `ignoreCase` also finds other casings). `where` filters before
   * `limit` counts: filtering after a limit would keep whichever definitions come first in index order,
   * which a warm start changes (it re-indexes changed files last).
   */
  symbols(name: string, options: { ignoreCase?: boolean; kinds?: readonly SymbolKind[]; limit?: number; where?: (path: string, symbol: SymbolInfo) => boolean } = {}): SymbolHit[] {
    this.ensureDetails();
    const refs = this.symbolTable.lookup(name, options.ignoreCase ?? false);
    const kinds = options.kinds ? new Set(options.kinds) : undefined;
    const out: SymbolHit[] = [];
    for (const r of refs) {
      if (kinds && !kinds.has(r.symbol.kind)) continue;
      const f = this.files[r.file];
      if (f && options.where && !options.where(f.path, r.symbol)) continue;
      if (f) out.push({ ...r.symbol, path: f.path, rel: f.rel, language: f.language });
      if (out.length >= (options.limit ?? Infinity)) break;
    }
    return out;
  }

  /** Symbols whose names match a free-text query (exact, prefix, substring), best first. */
  findSymbols(query: string, limit = 50): SymbolHit[] {
    this.ensureDetails();
    return this.symbolTable.search(query, limit).flatMap((r) => {
      const f = this.files[r.file];
      return f ? [{ ...r.symbol, path: f.path, rel: f.rel, language: f.language }] : [];
    });
  }

  /** Members of a class/interface/struct/trait named `container` (methods, properties). */
  membersOf(container: string, file?: string): SymbolHit[] {
    this.ensureDetails();
    const out: SymbolHit[] = [];
    const files = file ? [this.byPath.get(path.resolve(file))].filter((f): f is IndexedFile => !!f) : this.symbols(container).map((s) => this.byPath.get(s.path)!).filter(Boolean);
    for (const f of new Set(files)) for (const s of f.symbols) if (s.container === container) out.push({ ...s, path: f.path, rel: f.rel, language: f.language });
    return out;
  }

  symbolsInFile(file: string): readonly SymbolInfo[] {
    this.ensureDetails();
    return this.byPath.get(path.resolve(file))?.symbols ?? [];
  }

  /** The innermost symbol whose range holds `line` (0-based). */
  symbolAt(file: string, line: number): SymbolInfo | undefined {
    let best: SymbolInfo | undefined;
    for (const s of this.symbolsInFile(file)) {
      if (s.startLine <= line && line <= s.endLine && (!best || s.endLine - s.startLine <= best.endLine - best.startLine)) best = s;
    }
    return best;
  }

  file(file: string): IndexedFile | undefined {
    this.ensureDetails();
    return this.byPath.get(path.resolve(file));
  }

  /** The workspace folders (absolute, resolved). */
  roots(): readonly string[] {
    return this.options.roots;
  }

  /** Every indexed file (absolute paths). */
  filePaths(): string[] {
    return [...this.byPath.keys()];
  }

  /** Every indexed file's entry. An entry's `symbols` array is replaced, never mutated, when the file changes. */
  entries(): IterableIterator<IndexedFile> {
    this.ensureDetails();
    return this.byPath.values();
  }

  /** Changes whenever the indexed content changes: a cheap key for caches derived from the index. */
  version(): number {
    return this.changes.current();
  }

  /**
   * The files whose content changed after `version` (a value of version()), or undefined when that is
   * unknown: too long ago, or a change not tied to one file. Lets a cache keep what an edit of the
   * file being typed in cannot have changed.
   */
  changedSince(version: number): ReadonlySet<string> | undefined {
    return this.changes.changedSince(version);
  }

  /** Workspace files that `file` imports (resolved per language). */
  importsOf(file: string): readonly string[] {
    this.ensureDetails();
    return this.graph.importsOf(path.resolve(file));
  }

  /** Each import of `file` with the workspace files it resolved to (empty for external packages). */
  resolvedImports(file: string): readonly ResolvedImport[] {
    this.ensureDetails();
    return this.graph.resolvedImports(path.resolve(file));
  }

  /** Workspace files that import `file`. */
  importersOf(file: string): readonly string[] {
    this.ensureDetails();
    return this.graph.importersOf(path.resolve(file));
  }

  /** Lines of a file as the index sees it: the editor's text if open, else the disk. */
  linesOf(file: string): readonly string[] | undefined {
    const overlay = this.options.documentText?.(file);
    if (overlay !== undefined) return overlay.split('\n');
    // The index's change events drop the copy of a file it holds (dropContent): no stat per read then.
    return this.lineCache.read(file, this.byPath.has(file));
  }

  repoInfo(): RepoInfo[] {
    return this.options.roots.map((root) => {
      const counts = new Map<string, number>();
      for (const f of this.byPath.values()) {
        if (f.root !== root) continue;
        const label = languageLabel(f.path, f.language);
        counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      return readRepoInfo(root, counts);
    });
  }

  stats(): IndexStatistics {
    let bytes = 0;
    const languages: Record<string, number> = {};
    for (const f of this.byPath.values()) {
      bytes += f.size;
      const label = languageLabel(f.path, f.language);
      languages[label] = (languages[label] ?? 0) + 1;
    }
    const skipped: Record<string, number> = {};
    for (const s of this.skipped.values()) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    return {
      files: this.byPath.size,
      bytes,
      symbols: this.symbolTable.size + (this.pendingDetails?.symbols ?? 0),
      chunks: this.index.size,
      languages,
      skipped,
      sizeOnDiskBytes: this.snapshot?.sizeOnDisk ?? 0,
      ...(this.lastUpdated ? { lastUpdated: this.lastUpdated.toISOString() } : {}),
      errors: [...this.errors],
      state: this.state,
      ...(this.capped ? { capped: this.capped } : {}),
      ...(this.options.storageDir ? { storagePath: path.join(this.options.storageDir, SNAPSHOT_FILE) } : {}),
    };
  }

  /** Resolves when the state next becomes idle (or now, if it is). */
  whenIdle(): Promise<void> {
    if (this.state === 'idle' && !this.refreshing) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // ───────────────────────────── persistence ─────────────────────────────

  /** Writes the snapshot now if anything changed since the last one. */
  async save(): Promise<void> {
    await this.snapshot?.save();
  }

  /** Everything the snapshot holds, in one synchronous step (see captureSnapshot). */
  private captureSnapshot(): CapturedSnapshot {
    this.ensureDetails();
    const { state, remap } = this.index.exportState();
    if (remap) this.applyRemap(remap);
    return captureSnapshot(this.files, this.skipped, state, { configKey: this.configKey(), roots: this.options.roots });
  }

  private async loadSnapshot(): Promise<void> {
    const dir = this.options.storageDir;
    if (!dir || !this.snapshot) return;
    const started = performance.now();
    const result = await restoreSnapshot(dir, { configKey: this.configKey(), roots: this.options.roots }, (p) => this.rootOf(p));
    if (!result) return;
    if (!result.ok) {
      this.logger.info(`Index snapshot in ${dir} discarded (${result.reason}); rebuilding the index.`);
      return;
    }
    const { files, symbolCounts, details, skipped, index, savedAt, sizeOnDisk } = result.restored;
    this.index = index;
    this.files = files;
    for (const f of files) this.byPath.set(f.path, f);
    this.pendingDetails = { rows: details, pending: new Uint8Array(files.length).fill(1), counts: symbolCounts, symbols: symbolCounts.reduce((a, b) => a + b, 0) };
    for (const [p, s] of skipped) this.skipped.set(p, s);
    this.snapshot.sizeOnDisk = sizeOnDisk;
    this.lastUpdated = savedAt;
    this.changes.record();
    this.logger.info(`Index snapshot loaded: ${files.length} files, ${index.size} chunks (${Math.round(performance.now() - started)} ms).`);
  }

  /**
   * Restored files get their symbols and imports (and enter the symbol table) on first need: a warm start
   * that changes nothing, or only some files, never decodes the rest (see the snapshot's details part).
   */
  private pendingDetails: { readonly rows: () => DetailsRow[]; readonly pending: Uint8Array; readonly counts: Int32Array; symbols: number } | undefined;

  /** Decodes what pendingDetails still holds, into the entries and the symbol table. */
  private ensureDetails(): void {
    const pending = this.pendingDetails;
    if (!pending) return;
    this.pendingDetails = undefined;
    let rows: DetailsRow[];
    try {
      rows = pending.rows();
    } catch (err) {
      // Read on first use: another process may have replaced the file since the load (or it is damaged).
      // Index those files again rather than serve them without symbols.
      this.logger.warn(`Index snapshot details unreadable (${describeError(err)}); indexing those files again.`);
      for (let id = 0; id < pending.pending.length; id++) if (pending.pending[id] && this.files[id]) this.removeFile(this.files[id]!.path);
      void this.refresh().catch((e: unknown) => this.logger.error('index refresh failed', e));
      return;
    }
    const strings = new StringPool();
    for (let id = 0; id < pending.pending.length; id++) {
      const f = this.files[id];
      if (!pending.pending[id] || !f) continue;
      const { symbols, imports } = decodeDetails(rows[id]!, strings);
      this.replaceEntry({ ...f, symbols, imports }, false);
      this.symbolTable.add(id, symbols);
    }
  }

  private configKey(): string {
    return createHash('sha1').update(JSON.stringify({ v: EXTRACTOR_VERSION, w: WINDOW_LINES, m: MAX_FUNCTION_LINES })).digest('hex').slice(0, 16);
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  /** Stops work, saves the snapshot (unless `save: false`), ends the workers. */
  async close(options: { readonly save?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.generation++;
    this.setPaused(false);
    this.fileEvents.cancel();
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer);
    await this.refreshing?.catch(() => undefined);
    this.closed = true;
    this.lineCache.clear();
    if (options.save !== false) await this.save().catch(() => undefined);
    this.snapshot?.dropRows();
    await this.listingWrite;
    await this.pool?.close();
    await this.inlinePool?.close();
  }

  /** Last-chance save on process exit (synchronous). */
  saveSync(): void {
    this.snapshot?.saveSync();
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private setState(state: IndexState): void {
    this.state = state;
    if (state === 'idle') for (const w of this.waiters.splice(0)) w();
  }

  private report(done: number, total: number, phase: IndexProgressInfo['phase']): void {
    this.options.onProgress?.({ done, total, paused: this.paused, phase });
  }

  /** `file`: the one file whose content changed; none: anything may have (a rescan, a clear). */
  private markChanged(file?: string): void {
    this.changes.record(file);
    this.snapshot?.markDirty();
    this.lastUpdated = new Date();
  }

  private recordError(message: string): void {
    this.errors.push(message);
    if (this.errors.length > MAX_ERRORS) this.errors.splice(0, this.errors.length - MAX_ERRORS);
    this.logger.debug(`index: ${message}`);
  }

  private inWorkspace(abs: string): boolean {
    return this.options.roots.some((r) => abs === r || abs.startsWith(r + path.sep));
  }

  private rootOf(abs: string): string {
    let best = '';
    // No `r + path.sep` per call: a warm start asks for every file, and each concatenation is a new string to flatten.
    for (const r of this.options.roots) if (r.length > best.length && abs.startsWith(r) && (abs.length === r.length || abs[r.length] === path.sep)) best = r;
    return best || path.dirname(abs);
  }
}

type RecordedStat = FileStat;

/**
 * A file's times as the index records them, from a stat taken after `statAfter`: when the file had
 * changed too shortly before to be sure a further change moves its times (isRacy), its ctime is recorded
 * as UNSETTLED_TIME, which no stat matches, so the next scan checks its content again.
 */
function recordedStat(st: FileStat, statAfter: number): RecordedStat {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: isRacy(st, statAfter) ? UNSETTLED_TIME : st.ctimeMs };
}

/** The recorded times still describe the file (`st` as stat'ed now). */
function sameStat(recorded: RecordedStat, st: FileStat): boolean {
  return recorded.size === st.size && recorded.mtimeMs === st.mtimeMs && recorded.ctimeMs === st.ctimeMs;
}

function existsSafe(p: string): boolean {
  try {
    return existsSync(p);
  } catch {
    return false;
  }
}

/** The innermost symbol containing `line` (a chunk's start), as `Container.name`. */
function innermostAt(symbols: readonly SymbolInfo[], line: number): string | undefined {
  let best: SymbolInfo | undefined;
  for (const s of symbols) {
    if (s.startLine <= line && line <= s.endLine && (!best || s.endLine - s.startLine < best.endLine - best.startLine)) best = s;
  }
  return best ? (best.container ? `${best.container}.${best.name}` : best.name) : undefined;
}
