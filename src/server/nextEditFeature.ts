/**
 * LSP glue for next-edit suggestions: follows every synced document's changes into the edit history,
 * answers `banyan/nextEdit` through the core engine (src/core/nextEdit) with at most one prediction in
 * flight per document (a newer request aborts the older one down to the model's socket) after the
 * adaptive debounce, keeps a shown suggestion while the user types it (re-mapped, no new request), and
 * records shown / accepted / rejected / ignored for the metrics and the rejection memory.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver/node';
import { TreeSitterRuntime } from '../core/index/parse/treeSitterRuntime';
import { ModelError } from '../core/llm/errors';
import { documentLines } from '../core/nextEdit/documentLines';
import { EditHistory } from '../core/nextEdit/editHistory';
import { engineSettings } from '../core/nextEdit/engineSettings';
import { NextEditEngine, type NextEditModel } from '../core/nextEdit/nextEditEngine';
import type { ModelHub } from '../core/llm/modelClient';
import { resolveImportsAhead } from '../core/nextEdit/locations/importsAhead';
import { LocatorCache } from '../core/nextEdit/locations/locatorCache';
import { NextEditLocator } from '../core/nextEdit/nextEditLocator';
import { NextEditMetrics } from '../core/nextEdit/nextEditMetrics';
import { RejectionMemory } from '../core/nextEdit/rejectionMemory';
import { NextEditEconomy } from '../core/nextEdit/requestEconomy';
import { SyntaxTrees } from '../core/nextEdit/syntaxTrees';
import { toOffsetEdits, toTextEdits, withOldText, type OffsetEdit } from '../core/nextEdit/offsetEdits';
import { remapThroughTyping } from '../core/nextEdit/typingThrough';
import type { EditorDiagnostic, TextEdit } from '../core/nextEdit/types';
import {
  NextEditAcceptedNotification,
  NextEditIgnoredNotification,
  NextEditMetricsRequest,
  NextEditRejectedNotification,
  NextEditRequest,
  NextEditShownNotification,
  type NextEditParams,
  type NextEditResult,
} from '../protocol/lsp';
import { debounceWait } from './debounceWait';
import { fsPath } from './fileUri';
import { GcPauses } from './gcPauses';
import { onNotification, onRequest } from './lspTyped';
import { serverInsights } from './insightsFeature';
import { serverModels } from './modelsFeature';
import { nextEditGhostText } from './nextEditGhostText';
import type { ServerFeature } from './serverContext';

/** A cursor move triggers a prediction only this soon after the last edit. */
const CURSOR_TRIGGER_MS = 10_000;
/** Most wait for the document change a request refers to (see synced()). */
const SYNC_WAIT_MS = 2000;
/** Most wait before a prediction after typing (the adaptive debounce's upper bound). */
const DEBOUNCE_MAX_MS = 350;
/** How long before the end of the debounce the document is re-parsed (an incremental parse takes a few ms at most). */
const PARSE_AHEAD_MS = 20;

interface Offered {
  readonly id: string;
  readonly uri: string;
  readonly file: string;
  /** The document text the edits refer to (updated as the user types through). */
  text: string;
  edits: readonly OffsetEdit[];
  readonly jumpFile: string | undefined;
  shown: boolean;
  /** For the insights log: language and model, never code or paths. */
  readonly lang: string;
  readonly model: string;
  /** What was returned for it, for a request that asks again exactly the same (see requestEconomy.ts). */
  answer?: NextEditResult;
}

export const nextEditFeature: ServerFeature = {
  name: 'nextEdit',
  register(ctx) {
    const history = new EditHistory();
    const metrics = new NextEditMetrics();
    // Watched from the first prediction on: with next edit off (the default) nobody pays for the observer.
    let gc: GcPauses | undefined;
    const rejections = new RejectionMemory();
    const economy = new NextEditEconomy();
    const trees = new SyntaxTrees();
    const cache = new LocatorCache();
    const locator = new NextEditLocator(() => TreeSitterRuntime.shared(ctx.initOptions.grammarsDir), { trees, cache });
    const engine = new NextEditEngine(locator, nextEditModel, () => engineSettings(ctx.settings(), nextEditModel().endpoints('nextEdit')[0]));
    const inFlight = new Map<string, AbortController>();
    /** The last suggestion returned per document, until an outcome or a newer one. */
    const offered = new Map<string, Offered>();
    const byId = new Map<string, Offered>();
    let seq = 0;
    let lastError = '';
    /** Stops the import graph's resolution ahead of requests started by the last document opened. */
    let stopImportsAhead: (() => void) | undefined;
    /** Open documents by file path, and each one's lines at its current version (split once, not per lookup). */
    const openByFile = new Map<string, string>();
    const linesByUri = new Map<string, { version: number; lines: readonly string[] }>();
    /** The index splits on \n only: a file with other line breaks is split as documents are (once per array the index hands out). */
    const asDocument = new WeakMap<readonly string[], readonly string[]>();
    const splitAsDocument = (lines: readonly string[]) => {
      let out = asDocument.get(lines);
      if (!out) asDocument.set(lines, (out = lines.some((l) => l.includes('\r')) ? documentLines(lines.join('\n')) : lines));
      return out;
    };
    /** `file`: the uri's path when the caller has it (fileOf parses the uri). */
    const documentLinesOf = (uri: string, file?: string): readonly string[] | undefined => {
      const d = ctx.documents.get(uri);
      if (!d) return undefined;
      const kept = linesByUri.get(uri);
      if (kept?.version === d.version) return kept.lines;
      // The history's lines of the document share the unchanged lines with the previous version's.
      const text = d.getText();
      const lines = history.linesOf(file ?? fileOf(uri), text) ?? documentLines(text);
      linesByUri.set(uri, { version: d.version, lines });
      return lines;
    };

    const fileOf = (uri: string) => fsPath(uri) ?? uri;
    const relPath = (file: string) => {
      const root = ctx.workspaceFolders().find((r) => file.startsWith(r + path.sep));
      return (root ? path.relative(root, file) : path.basename(file)).split(path.sep).join('/');
    };
    const settle = (o: Offered, outcome: 'accepted' | 'rejected' | 'ignored', reason?: string) => {
      if (o.shown) metrics.recordOutcome(o.id, outcome, reason);
      if (o.shown && outcome === 'accepted') serverInsights.record('nextEdit.accepted', { lang: o.lang, model: o.model });
      if (outcome === 'rejected') rejections.reject(o.file, toTextEdits(o.text, o.edits), o.text);
      if (outcome === 'accepted') history.markAccepted(o.jumpFile ?? o.file);
      offered.delete(o.uri);
      byId.delete(o.id);
      economy.forget(o.uri);
      nextEditGhostText.withdraw(o.uri, o.id);
    };

    const subscriptions = [
      ctx.documents.onDidOpen(({ document }) => {
        openByFile.set(fileOf(document.uri), document.uri);
        history.openDocument(fileOf(document.uri), document.getText());
        // The first request then re-parses incrementally instead of parsing the whole file.
        if (ctx.settings()['nextEdit.enabled']) setImmediate(() => void warm(document.uri));
      }),
      ctx.documents.onDidChangeContent(({ document }) => {
        const now = Date.now();
        history.update(fileOf(document.uri), document.getText(), now);
        economy.recordKeystroke(now);
      }),
      ctx.documents.onDidClose(({ document }) => {
        const o = offered.get(document.uri);
        if (o) settle(o, 'ignored', 'document-closed');
        inFlight.get(document.uri)?.abort();
        history.closeDocument(fileOf(document.uri));
        rejections.forget(fileOf(document.uri));
        economy.forget(document.uri);
        if (openByFile.get(fileOf(document.uri)) === document.uri) openByFile.delete(fileOf(document.uri));
        linesByUri.delete(document.uri);
        locator.forget(fileOf(document.uri));
      }),
      onRequest(ctx.connection, NextEditRequest, (params, token) => {
        gc ??= new GcPauses();
        return predict(params, token);
      }),
      onNotification(ctx.connection, NextEditShownNotification, (p) => {
        const o = byId.get(p.id);
        if (!o) return;
        if (o.shown) return;
        o.shown = true;
        metrics.recordShown(p.id);
        serverInsights.record('nextEdit.shown', { lang: o.lang, model: o.model });
      }),
      onNotification(ctx.connection, NextEditAcceptedNotification, (p) => {
        const o = byId.get(p.id);
        if (o) settle(o, 'accepted', p.reason);
      }),
      onNotification(ctx.connection, NextEditRejectedNotification, (p) => {
        const o = byId.get(p.id);
        if (o) settle(o, 'rejected', p.reason ?? 'escape');
      }),
      onNotification(ctx.connection, NextEditIgnoredNotification, (p) => {
        const o = byId.get(p.id);
        if (o) settle(o, 'ignored', p.reason);
      }),
      onRequest(ctx.connection, NextEditMetricsRequest, () => metrics.snapshot((from, to) => gc?.within(from, to) ?? 0)),
    ];

    async function warm(uri: string): Promise<void> {
      const d = ctx.documents.get(uri);
      const file = fileOf(uri);
      if (d) await locator.warm(file, d.languageId, d.getText(), documentLinesOf(uri, file)).catch(() => undefined);
      const index = ctx.codeIndex.current();
      if (index) {
        stopImportsAhead?.();
        stopImportsAhead = resolveImportsAhead(index, (next) => setImmediate(next));
      }
    }

    async function predict(params: NextEditParams, token: CancellationToken): Promise<NextEditResult | null> {
      const uri = params.textDocument.uri;
      if (!ctx.settings()['nextEdit.enabled']) return null;
      const document = await synced(uri, params.textDocument.version, token);
      if (!document) return null;
      // The document object is updated in place by later changes: what the prediction is computed
      // against is this text at this version, and the answer is dropped once the document has moved on.
      const text = document.getText();
      const version = document.version;
      const file = fileOf(uri);
      const docLines = documentLinesOf(uri, file);
      const trigger = params.trigger;
      metrics.recordStage(trigger, 'asked');

      // A suggestion on screen that the user is typing: re-mapped, no new request.
      const current = offered.get(uri);
      if (current && current.text !== text && current.jumpFile === undefined) {
        const remapped = remapThroughTyping(current.text, text, current.edits);
        if (remapped.kind === 'kept') {
          current.text = text;
          current.edits = remapped.edits;
          // Typing elsewhere: the user has moved on, so a new prediction (which supersedes this one).
          if (!remapped.moved) {
            metrics.recordTypedThrough();
            const edits = toTextEdits(text, remapped.edits);
            // What is left may now be an insertion at the cursor: ghost text again.
            const ghost = isInsertionAt(edits, params.position);
            if (ghost) nextEditGhostText.offer({ id: current.id, uri, version, line: params.position.line, character: params.position.character, text: edits[0]!.newText });
            metrics.recordStage(trigger, 'typed-through');
            const answer: NextEditResult = { id: current.id, version, edits: withOldText(text, edits).map((e) => ({ uri, ...e })), ...(ghost ? { ghostText: true } : {}) };
            current.answer = answer;
            economy.recordAnswered(uri, { version, ...params.position, lastEditAt: history.lastEditAt() }, current.id);
            return answer;
          }
        } else {
          settle(current, remapped.kind === 'consumed' ? 'accepted' : 'rejected', remapped.kind === 'consumed' ? 'typed' : 'typed-over');
        }
      }

      const isStale = () => ctx.documents.get(uri)?.version !== version;
      const now = Date.now();
      if (trigger === 'cursor' && now - history.lastEditAt() > CURSOR_TRIGGER_MS) {
        metrics.recordStage(trigger, 'skipped');
        return null;
      }
      // Asked exactly what was just answered: the same answer (a suggestion only while it is still offered).
      const asked = { version, ...params.position, lastEditAt: history.lastEditAt() };
      const repeat = trigger === 'explicit' ? undefined : economy.repeatOf(uri, asked);
      const repeated = repeat && (repeat.id === undefined ? null : offered.get(uri)?.id === repeat.id ? offered.get(uri)!.answer : undefined);
      if (repeated !== undefined) {
        metrics.recordStage(trigger, 'repeat');
        return repeated;
      }
      inFlight.get(uri)?.abort();
      const controller = new AbortController();
      inFlight.set(uri, controller);
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        const wait = trigger === 'edit' ? economy.delayAfterEdit(DEBOUNCE_MAX_MS) : 0;
        // The syntax tree is re-parsed for this text in the wait, so that the locate finds it parsed.
        const parseAhead = { leadMs: PARSE_AHEAD_MS, run: () => void (isStale() ? undefined : locator.warm(file, document.languageId, text).catch(() => undefined)) };
        if ((wait > 0 && !(await debounceWait(wait, controller.signal, parseAhead))) || controller.signal.aborted || isStale()) {
          metrics.recordStage(trigger, 'superseded');
          return null;
        }
        metrics.recordStage(trigger, 'predicted');
        history.settle(Date.now());
        const diagnostics: EditorDiagnostic[] = (params.diagnostics ?? []).map((d) => ({ file: fileOf(d.uri), line: d.line, message: d.message, severity: d.severity }));
        const index = ctx.codeIndex.current();
        const outcome = await engine.predict({
          file, text, cursor: params.position, history: history.hunks(), diagnostics, languageId: document.languageId,
          ...(index ? { index } : {}),
          readFile: (f) => {
            const open = openByFile.get(f);
            return open ? ctx.documents.get(open)?.getText() : index?.linesOf(f)?.join('\n');
          },
          readLines: (f) => {
            if (f === file) return docLines;
            const open = openByFile.get(f);
            if (open) return documentLinesOf(open, f);
            // Kept across requests until the index takes the file in again (see LocatorCache.linesOf).
            const lines = index && cache.linesOf(f, (x) => index.linesOf(x));
            return lines && splitAsDocument(lines);
          },
          relPath,
          rejectedBefore: (f, edits, doc) => rejections.wasRejected(f, edits, doc),
        }, controller.signal);
        const timings = outcome.kind === 'suggestion' ? outcome.prediction.timings : outcome.timings;
        metrics.recordPrediction(timings);
        if (timings.requests > 0) economy.recordModelLatency(timings.modelMs / timings.requests);
        if (lastError) lastError = '';
        if (controller.signal.aborted || isStale()) {
          metrics.recordStage(trigger, controller.signal.aborted ? 'aborted' : 'stale');
          if (timings.requests > 0) economy.recordWasted();
          return null;
        }
        metrics.recordStage(trigger, 'answered');
        if (outcome.kind === 'none') {
          economy.recordAnswered(uri, asked, undefined);
          metrics.recordDropped(outcome.reason);
          ctx.logger.debug(`next edit: none (${outcome.reason})`);
          return null;
        }
        const p = outcome.prediction;
        const previous = offered.get(uri);
        if (previous) settle(previous, 'ignored', 'superseded');
        const id = `ne-${++seq}`;
        const targetUri = p.file === file ? uri : ctx.documents.all().find((d) => fileOf(d.uri) === p.file)?.uri ?? pathToUri(p.file);
        const o: Offered = { id, uri, file: p.file, text: p.document, edits: toOffsetEdits(p.document, p.edits), jumpFile: p.file === file ? undefined : p.file, shown: false, lang: document.languageId, model: p.model };
        offered.set(uri, o);
        byId.set(id, o);
        const ghost = isInsertionAt(p.edits, params.position) && p.file === file;
        if (ghost) nextEditGhostText.offer({ id, uri, version, line: params.position.line, character: params.position.character, text: p.edits[0]!.newText });
        economy.recordAnswered(uri, asked, id);
        ctx.logger.debug(`next edit ${id} in ${timings.totalMs.toFixed(0)} ms (locate ${timings.locateMs.toFixed(1)}, model ${timings.modelMs.toFixed(0)}, ${timings.requests} request(s))${p.jump ? `, jump to ${relPath(p.jump.file)}:${p.jump.startLine + 1}` : ''}`);
        o.answer = {
          id,
          version,
          edits: withOldText(p.document, p.edits).map((e) => ({ uri: targetUri, ...e })),
          ...(p.jump ? { jump: { uri: targetUri, range: { start: { line: p.jump.startLine, character: 0 }, end: { line: p.jump.endLine, character: 0 } } } } : {}),
          ...(ghost ? { ghostText: true } : {}),
        };
        return o.answer;
      } catch (err) {
        if (controller.signal.aborted) {
          metrics.recordStage(trigger, 'aborted');
          economy.recordWasted();
          return null;
        }
        const message = err instanceof ModelError ? err.describe() : String(err);
        metrics.recordDropped(`error: ${message}`);
        // Logged once per distinct failure: a down model would otherwise log on every pause in typing.
        if (message !== lastError) ctx.logger.warn(`Next-edit suggestion failed: ${message}`);
        lastError = message;
        return null;
      } finally {
        cancel.dispose();
        if (inFlight.get(uri) === controller) inFlight.delete(uri);
      }
    }

    /**
     * The document at exactly `version`. The client may send the request a moment before the change
     * that made that version (its listener and the language client's run in either order), so a newer
     * version is waited for, briefly; an older one means the request is stale.
     */
    async function synced(uri: string, version: number, token: CancellationToken) {
      const now = ctx.documents.get(uri);
      if (!now || now.version >= version) return now?.version === version ? now : undefined;
      return new Promise<typeof now | undefined>((resolve) => {
        const done = (d: typeof now | undefined) => {
          clearTimeout(timer);
          sub.dispose();
          cancel.dispose();
          resolve(d);
        };
        const sub = ctx.documents.onDidChangeContent(({ document }) => {
          if (document.uri === uri && document.version >= version) done(document.version === version ? document : undefined);
        });
        const cancel = token.onCancellationRequested(() => done(undefined));
        const timer = setTimeout(() => done(undefined), SYNC_WAIT_MS);
      });
    }

    return {
      dispose: () => {
        for (const c of inFlight.values()) c.abort();
        stopImportsAhead?.();
        trees.clear();
        gc?.dispose();
        for (const s of subscriptions) s.dispose();
      },
    };
  },
};

/** The model layer as next-edit needs it (raw prompts, the role's endpoint); the server's hub is one. */
function nextEditModel(): NextEditModel & Pick<ModelHub, 'endpoints'> {
  const client = serverModels.client();
  if (!('completeRaw' in client) || !('endpoints' in client)) throw new ModelError('config', 'the model layer cannot send next-edit prompts');
  return client as ModelHub;
}

function isInsertionAt(edits: readonly TextEdit[], p: { line: number; character: number }): boolean {
  if (edits.length !== 1) return false;
  const r = edits[0]!.range;
  return r.start.line === p.line && r.start.character === p.character && r.end.line === p.line && r.end.character === p.character;
}

function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}
