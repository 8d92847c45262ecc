/**
 * LSP glue for inline completions: answers `textDocument/inlineCompletion` from the synced documents
 * through the core pipeline (src/core/completion/pipeline), with the request's cancellation token
 * carried down to the model's HTTP socket; reports accepts, snooze and metrics over banyan/completion/*.
 */
import * as path from 'node:path';
import { type CancellationToken, type InlineCompletionItem, type InlineCompletionParams, InlineCompletionTriggerKind } from 'vscode-languageserver/node';
import { resolveModelConfig } from '../core/llm/config/roleConfig';
import { ModelError } from '../core/llm/errors';
import { CompletionEngine } from '../core/completion/pipeline/completionEngine';
import { indexContextSource, workspaceRelative } from '../core/completion/pipeline/indexContextSource';
import { warmCompletionContext } from '../core/completion/context/assembleContext';
import type { CodeIndex } from '../core/index/codeIndex';
import { SyntaxCursorFacts } from '../core/completion/pipeline/syntaxCursorFacts';
import { pipelineSettings } from '../core/completion/pipeline/pipelineSettings';
import type { CompletionInput } from '../core/completion/pipeline/types';
import {
  COMPLETION_ACCEPTED_COMMAND,
  CompletionAcceptedNotification,
  CompletionMetricsRequest,
  CompletionSnoozeRequest,
  NEXT_EDIT_ACCEPTED_COMMAND,
} from '../protocol/lsp';
import { serverInsights } from './insightsFeature';
import { detectPartialAccept } from './partialAccept';
import { fsPath } from './fileUri';
import { GcPauses } from './gcPauses';
import { onNotification, onRequest } from './lspTyped';
import { nextEditGhostText } from './nextEditGhostText';
import { serverModels } from './modelsFeature';
import type { ServerFeature } from './serverContext';

export const completionFeature: ServerFeature = {
  name: 'completion',
  capabilities: () => ({ inlineCompletionProvider: true }),
  register(ctx) {
    let lastError = '';
    const syntax = new SyntaxCursorFacts(ctx.initOptions.grammarsDir, (err) => ctx.logger.warn(`Completion syntax facts unavailable, using text rules: ${String(err)}`));
    const engine = new CompletionEngine({
      model: () => serverModels.client(),
      context: () => indexContextSource(ctx.codeIndex.current(), ctx.workspaceFolders()),
      settings: () => pipelineSettings(ctx.settings()),
      syntax: (input, windows) => syntax.syntaxFor(input, windows),
      repoName: () => {
        const root = ctx.workspaceFolders()[0];
        return root ? path.basename(root) : undefined;
      },
      onModelError: (err) => {
        // Logged and shown once per distinct failure: a down model would otherwise log on every keystroke.
        const text = err instanceof ModelError ? err.describe() : String(err);
        if (text === lastError) return;
        lastError = text;
        ctx.logger.warn(`Inline completion failed: ${text}`);
        setHealth('down', text);
      },
    });
    const offInsights = engine.metrics.onEvent((e) => serverInsights.completion(e));
    serverInsights.countRequests(() => {
      const { requests, modelRequests } = engine.snapshot().engine;
      return { requests, modelRequests };
    });
    // Collection pauses, to tell how much of the slowest requests was GC: watched from the first request.
    let gc: GcPauses | undefined;
    const gcWithin = (from: number, to: number) => gc?.within(from, to) ?? 0;
    const lengths = new Map<string, number>();
    /** The completion endpoint's health in the status bar, as the last suggestion request found it. */
    const setHealth = (state: 'up' | 'down', message?: string) => {
      const e = resolveModelConfig(ctx.settings(), (id) => ctx.secret(id)).roles.completion[0];
      if (e) ctx.status.setEndpointHealth({ role: 'completion', endpoint: `${e.baseUrl} (${e.model})`, state, ...(message ? { message } : {}) });
    };

    // The context tables are built once the index is idle, not by the first keystroke that needs them.
    const warm = (index: CodeIndex | undefined) => {
      // After the publisher has started the index's refresh: whenIdle then waits for it.
      if (!index) return;
      setImmediate(() => {
        index
          .whenIdle()
          .then(() => ctx.codeIndex.current() === index && warmCompletionContext(index))
          .catch((err: unknown) => ctx.logger.warn(`Preparing completion context failed: ${String(err)}`));
      });
    };
    warm(ctx.codeIndex.current());

    const subscriptions = [
      ctx.codeIndex.onPublish(warm),
      ctx.connection.languages.inlineCompletion.on((params, token) => provide(params, token)),
      ctx.documents.onDidChangeContent(({ document }) => {
        engine.recordKeystroke();
        const before = lengths.get(document.uri);
        const text = document.getText();
        lengths.set(document.uri, text.length);
        // A keystroke changes a character or two (an auto-closed pair); pastes and accepts are not typing.
        if (before !== undefined && text.length !== before && Math.abs(text.length - before) <= 2) serverInsights.typed(1);
        const shown = engine.shownIn(document.uri);
        if (shown && before !== undefined) {
          const kind = detectPartialAccept(shown.suggestion, text, text.length - before);
          if (kind) engine.recordAccepted(shown.id, kind);
        }
      }),
      ctx.documents.onDidOpen(({ document }) => void lengths.set(document.uri, document.getText().length)),
      ctx.documents.onDidClose(({ document }) => {
        lengths.delete(document.uri);
        engine.forget(document.uri);
      }),
      onNotification(ctx.connection, CompletionAcceptedNotification, (p) => engine.recordAccepted(p.id, p.kind)),
      onRequest(ctx.connection, CompletionSnoozeRequest, (p) => {
        engine.snooze(p.minutes);
        return { snoozedForMs: engine.snoozeLeftMs() };
      }),
      onRequest(ctx.connection, CompletionMetricsRequest, () => ({ ...engine.snapshot(gc ? gcWithin : undefined), snoozedForMs: engine.snoozeLeftMs() })),
    ];

    async function provide(params: InlineCompletionParams, token: CancellationToken): Promise<InlineCompletionItem[]> {
      const document = ctx.documents.get(params.textDocument.uri);
      if (!document) return [];
      // A next-edit insertion at the cursor is served as this ghost text, never beside another one.
      const nextEdit = nextEditGhostText.at(params.textDocument.uri, document.version, params.position);
      if (nextEdit) return [{ insertText: nextEdit.text, range: { start: params.position, end: params.position }, command: { title: 'Accept', command: NEXT_EDIT_ACCEPTED_COMMAND, arguments: [nextEdit.id] } }];
      const file = fsPath(params.textDocument.uri);
      const input: CompletionInput = {
        uri: params.textDocument.uri,
        ...(file ? { file, relPath: workspaceRelative(ctx.workspaceFolders(), file) } : {}),
        text: document.getText(),
        offset: document.offsetAt(params.position),
        position: params.position,
        languageId: document.languageId,
        explicit: params.context.triggerKind === InlineCompletionTriggerKind.Invoked,
      };
      gc ??= new GcPauses();
      const controller = new AbortController();
      if (token.isCancellationRequested) controller.abort();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        const outcome = await engine.complete(input, controller.signal);
        if (outcome.kind !== 'suggestion') {
          if (outcome.kind === 'none') ctx.logger.debug(`inline completion: none (${outcome.reason})`);
          return [];
        }
        if (outcome.source === 'model' && lastError) {
          lastError = '';
          setHealth('up');
        }
        const { suggestion } = outcome;
        const start = document.positionAt(input.offset - suggestion.replaceBefore);
        const end = document.positionAt(input.offset + suggestion.replaceAfter);
        const t = outcome.timings;
        ctx.logger.debug(`inline completion from ${outcome.source} in ${t.total.toFixed(1)} ms (debounce ${t.debounce.toFixed(0)}, context ${t.context.toFixed(1)} with ${outcome.snippets.length} snippets, first token ${t.firstToken.toFixed(0)}, model ${t.model.toFixed(0)})`);
        return [{
          insertText: input.text.slice(input.offset - suggestion.replaceBefore, input.offset) + suggestion.text,
          range: { start, end },
          command: { title: 'Accept', command: COMPLETION_ACCEPTED_COMMAND, arguments: [suggestion.id] },
        }];
      } finally {
        cancel.dispose();
      }
    }

    return {
      dispose: () => {
        for (const s of subscriptions) s.dispose();
        offInsights();
        engine.dispose();
        gc?.dispose();
      },
    };
  },
};
