import * as path from 'node:path';
import type { BanyanSettings } from '../core/config/settings';
import { CodeIndex, type ChunkHit, type SymbolHit } from '../core/index/codeIndex';
import { describeError } from '../core/logging/logger';
import {
  FileEventsNotification,
  type IndexStats,
  IndexStatusRequest,
  PauseIndexingRequest,
  ReindexRequest,
  type SearchHit,
  SearchRequest,
  type SymbolDefinition,
  SymbolsRequest,
} from '../protocol/lsp';
import { onNotification, onRequest } from './lspTyped';
import { fsPath } from './fileUri';
import type { Disposable, ServerContext, ServerFeature } from './serverContext';

/** Editor changes are re-indexed after this pause in typing (the index is not needed per keystroke). */
const DOCUMENT_DEBOUNCE_MS = 150;
const FOLDER_CHECK_MS = 2000;

/**
 * LSP glue for the code index: owns the CodeIndex (one per window), feeds it open documents and file
 * events, reports progress through the status model, and answers the banyan/index/* requests.
 */
export const indexFeature: ServerFeature = {
  name: 'index',
  register(ctx) {
    const owner = new IndexOwner(ctx);
    owner.start();
    return owner;
  },
};

class IndexOwner implements Disposable {
  private index: CodeIndex | undefined;
  private readonly disposables: { dispose(): void }[] = [];
  private readonly openPaths = new Map<string, string>(); // fs path → document uri
  private readonly pendingDocs = new Map<string, NodeJS.Timeout>();
  private restarting: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {}

  start(): void {
    const { ctx } = this;
    this.disposables.push(
      onRequest(ctx.connection, IndexStatusRequest, () => this.stats()),
      onRequest(ctx.connection, ReindexRequest, () => {
        const index = this.index;
        if (index) void index.rebuild().catch((err) => ctx.logger.error('Reindexing failed', err));
      }),
      onRequest(ctx.connection, PauseIndexingRequest, (p) => this.index?.setPaused(p.paused)),
      onRequest(ctx.connection, SearchRequest, (p) => (this.index ? search(this.index, p) : [])),
      onRequest(ctx.connection, SymbolsRequest, (p) => {
        const index = this.index;
        if (!index) return [];
        const hits = p.match === 'fuzzy' ? index.findSymbols(p.name, p.limit ?? 50) : index.symbols(p.name, { limit: p.limit ?? 50 });
        return hits.map(toDefinition);
      }),
      onNotification(ctx.connection, FileEventsNotification, (p) => this.index?.applyFileEvents(p)),
      ctx.documents.onDidOpen((e) => {
        const p = fsPath(e.document.uri);
        if (p) this.openPaths.set(p, e.document.uri);
      }),
      ctx.documents.onDidChangeContent((e) => this.scheduleDocument(e.document.uri)),
      ctx.documents.onDidClose((e) => {
        const p = fsPath(e.document.uri);
        if (!p) return;
        this.openPaths.delete(p);
        clearTimeout(this.pendingDocs.get(p));
        this.pendingDocs.delete(p);
        void this.index?.updateFromDisk(p).catch((err) => ctx.logger.error(`Re-indexing ${p} failed`, err));
      }),
      ctx.onSettingsChanged((now, before) => {
        if (indexSettingsDiffer(now, before) || JSON.stringify(ctx.editorSettings()) !== this.editorKey) this.restart();
      }),
      this.watchWorkspaceFolders(),
    );
    this.restart();
  }

  /**
   * The server learns about added/removed workspace folders without telling features; the index
   * checks now and then and starts over for the new set of roots (the snapshot is per set of roots).
   */
  private watchWorkspaceFolders(): { dispose(): void } {
    const timer = setInterval(() => {
      if (JSON.stringify(this.ctx.workspaceFolders()) !== this.rootsKey) this.restart();
    }, FOLDER_CHECK_MS);
    timer.unref();
    return { dispose: () => clearInterval(timer) };
  }

  private editorKey = '';
  private rootsKey = '';

  /** (Re)creates the index from the current settings; the previous one is closed (and saved) first. */
  private restart(): void {
    this.rootsKey = JSON.stringify(this.ctx.workspaceFolders());
    this.restarting = this.restarting.then(async () => {
      const old = this.index;
      this.index = undefined;
      this.ctx.codeIndex.publish(undefined);
      await old?.close().catch((err) => this.ctx.logger.error('Closing the index failed', err));
      this.ctx.status.setIndexing(undefined);
      const s = this.ctx.settings();
      const editor = this.ctx.editorSettings();
      this.editorKey = JSON.stringify(editor);
      const roots = this.ctx.workspaceFolders();
      if (!s['index.enabled'] || roots.length === 0) return;
      const storage = this.ctx.initOptions.storageDir;
      const started = Date.now();
      const index = await CodeIndex.open({
        roots,
        ...(storage ? { storageDir: path.join(storage, 'index') } : {}),
        ...(this.ctx.initOptions.grammarsDir ? { grammarsDir: this.ctx.initOptions.grammarsDir } : {}),
        ...(s['index.workers'] > 0 ? { workers: s['index.workers'] } : {}),
        maxFileBytes: s['index.maxFileSizeKB'] * 1024,
        maxFiles: s['index.maxFiles'],
        exclude: s['index.exclude'],
        includeDirs: s['index.includeDirs'],
        editorExcludes: [editor.filesExclude, editor.searchExclude],
        logger: this.ctx.logger,
        documentText: (p) => {
          const uri = this.openPaths.get(p);
          return uri ? this.ctx.documents.get(uri)?.getText() : undefined;
        },
        onProgress: (p) => this.ctx.status.setIndexing(p.phase === 'idle' ? undefined : { done: p.done, total: p.total, paused: p.paused }),
      });
      this.index = index;
      this.ctx.codeIndex.publish(index);
      void index.refresh().then(
        () => {
          const st = index.stats();
          this.ctx.logger.info(`Index ready: ${st.files} files, ${st.symbols} symbols, ${st.chunks} chunks in ${Date.now() - started} ms`);
        },
        (err: unknown) => {
          this.ctx.logger.error('Indexing the workspace failed', err);
          this.ctx.status.setIndexing(undefined);
        },
      );
    });
  }

  private scheduleDocument(uri: string): void {
    const p = fsPath(uri);
    if (!p) return;
    this.openPaths.set(p, uri);
    clearTimeout(this.pendingDocs.get(p));
    this.pendingDocs.set(
      p,
      setTimeout(() => {
        this.pendingDocs.delete(p);
        const text = this.ctx.documents.get(uri)?.getText();
        if (text === undefined || !this.index) return;
        void this.index.updateDocument(p, text).catch((err) => this.ctx.logger.warn(`Re-indexing ${p} failed: ${describeError(err)}`));
      }, DOCUMENT_DEBOUNCE_MS),
    );
  }

  private stats(): IndexStats {
    const enabled = this.ctx.settings()['index.enabled'];
    const index = this.index;
    if (!index) {
      return { enabled, files: 0, bytes: 0, symbols: 0, chunks: 0, languages: {}, skipped: {}, sizeOnDiskBytes: 0, errors: [], state: 'idle' };
    }
    return { enabled, ...index.stats() };
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    for (const t of this.pendingDocs.values()) clearTimeout(t);
    await this.restarting;
    await this.index?.close();
    this.ctx.codeIndex.publish(undefined);
  }
}

function search(index: CodeIndex, p: { query: string; limit?: number; mode?: 'bm25' | 'similar'; excludeFiles?: readonly string[] }): SearchHit[] {
  const options = { limit: Math.min(200, p.limit ?? 20), ...(p.excludeFiles ? { excludePaths: p.excludeFiles } : {}) };
  const hits = p.mode === 'similar' ? index.similar(p.query, options) : index.search(p.query, options);
  return hits.map((h: ChunkHit) => ({
    file: h.path, rel: h.rel, startLine: h.startLine, endLine: h.endLine, text: h.text ?? '', score: h.score, ...(h.symbol ? { symbol: h.symbol } : {}),
  }));
}

function toDefinition(h: SymbolHit): SymbolDefinition {
  return {
    name: h.name, kind: h.kind, ...(h.container ? { container: h.container } : {}), file: h.path, rel: h.rel,
    startLine: h.startLine, endLine: h.endLine, nameLine: h.nameLine, signature: h.signature,
  };
}

function indexSettingsDiffer(a: BanyanSettings, b: BanyanSettings): boolean {
  return (Object.keys(a) as (keyof BanyanSettings)[]).some((k) => k.startsWith('index.') && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

