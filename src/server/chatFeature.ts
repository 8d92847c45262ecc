/**
 * LSP glue for chat: banyan/chat/turn runs one turn of the core chat engine and streams its events
 * as banyan/chat/progress notifications (sent before the response, so the client has every delta when
 * the request resolves); banyan/chat/cancel or the request's cancellation stop it; banyan/chat/mentions
 * answers the `@file` / `@symbol` popup.
 */
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { EmbeddingCache } from '../core/chat/embeddingCache';
import { gitContext } from '../core/chat/gitContext';
import { searchFiles, searchSymbols } from '../core/chat/mentionSearch';
import { runChatTurn } from '../core/chat/runChatTurn';
import { ModelError } from '../core/llm/errors';
import { ChatCancelNotification, ChatProgressNotification, type ChatTurnEvent, type ChatTurnParams, ChatTurnRequest, type ChatTurnResult, MentionSearchRequest } from '../protocol/lsp';
import { serverInsights } from './insightsFeature';
import { onNotification, onRequest, sendNotification } from './lspTyped';
import { RunningTurns } from './runningTurns';
import { serverModels } from './modelsFeature';
import type { ServerContext, ServerFeature } from './serverContext';

/** Longest wait for the embedding model during retrieval. */
const EMBED_TIMEOUT_MS = 3000;
const warned = new Set<string>();

function warnOnce(ctx: ServerContext, key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  ctx.logger.warn(message);
}

export const chatFeature: ServerFeature = {
  name: 'chat',
  register(ctx) {
    const running = new RunningTurns();
    let cache: { model: string; cache: EmbeddingCache } | undefined;
    const embeddingCache = (model: string) => {
      if (cache?.model !== model) {
        const dir = ctx.initOptions.storageDir;
        void cache?.cache.flush(); // the previous model's pending vectors, in the background
        cache = { model, cache: new EmbeddingCache(dir ? path.join(dir, 'index', 'chat-embeddings.bin') : undefined, model) };
      }
      return cache.cache;
    };

    const subscriptions = [
      onRequest(ctx.connection, ChatTurnRequest, (p, token) => runTurn(ctx, p, token, running, embeddingCache)),
      onNotification(ctx.connection, ChatCancelNotification, (p) => running.cancel(p.turnId)),
      onRequest(ctx.connection, MentionSearchRequest, (p) => {
        const index = ctx.codeIndex.current();
        if (!index) return [];
        const limit = Math.min(p.limit ?? 20, 100);
        return p.kind === 'file' ? searchFiles(Array.from(index.entries(), (f) => f.rel), p.query, limit) : searchSymbols(index, p.query, limit);
      }),
    ];
    return {
      dispose: async () => {
        running.abortAll();
        for (const s of subscriptions) s.dispose();
        await cache?.cache.flush(); // vectors embedded in the last seconds
      },
    };
  },
};

async function runTurn(
  ctx: ServerContext,
  p: ChatTurnParams,
  token: CancellationToken,
  running: RunningTurns,
  embeddingCache: (model: string) => EmbeddingCache,
): Promise<ChatTurnResult> {
  const abort = running.start(p.turnId, token);
  const send = (event: ChatTurnEvent) => void sendNotification(ctx.connection, ChatProgressNotification, { turnId: p.turnId, event });
  let text = '';
  let references: ChatTurnResult['references'] = [];
  let usage: ChatTurnResult['usage'];
  try {
    const models = await serverModels.ready();
    const index = ctx.codeIndex.current();
    const embedModel = ctx.settings()['models.embeddings.model'].trim();
    const turn = runChatTurn(
      p,
      {
        models,
        index,
        roots: ctx.workspaceFolders(),
        gitContext,
        // Embeddings only when a model is configured; a failing embedding call just leaves them out.
        ...(embedModel && index
          ? {
              // Time-boxed: an absent embedding server (the default Ollama model) must not delay answers.
              embed: async (texts: readonly string[]) => (await models.embed(texts, AbortSignal.any([abort.signal, AbortSignal.timeout(EMBED_TIMEOUT_MS)]))).vectors,
              embeddingCache: embeddingCache(embedModel),
              onEmbeddingError: (err: unknown) => warnOnce(ctx, `embeddings:${embedModel}`, `Chat retrieval goes on without embeddings (model ${embedModel}): ${err instanceof ModelError ? err.describe() : String(err)}. Set banyan.models.embeddings.model to "" to turn them off.`),
            }
          : {}),
      },
      abort.signal,
    );
    for (;;) {
      const r = await turn.next();
      if (r.done) {
        serverInsights.record('chat.turn', { status: 'done', model: r.value.model });
        return { status: 'done', text: r.value.text, usage: r.value.usage, references: r.value.references, model: r.value.model };
      }
      const ev = r.value;
      if (ev.type === 'text') text += ev.text;
      else if (ev.type === 'references') references = ev.references;
      else if (ev.type === 'usage') usage = ev.usage;
      send(ev);
    }
  } catch (err) {
    serverInsights.record('chat.turn', { status: abort.signal.aborted ? 'stopped' : 'error' });
    if (abort.signal.aborted) return { status: 'stopped', text, references, ...(usage ? { usage } : {}) };
    const message = err instanceof ModelError ? err.describe() : err instanceof Error ? err.message : String(err);
    ctx.logger.error(`Chat turn ${p.turnId} failed`, err);
    return { status: 'error', text, references, error: message, ...(usage ? { usage } : {}) };
  } finally {
    running.finish(p.turnId, abort);
  }
}
