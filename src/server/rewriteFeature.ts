/**
 * LSP glue for select-and-rewrite: banyan/rewrite/start runs a rewrite of a synced document's range
 * against the edit model and reports the code as it streams (banyan/rewrite/progress) and the outcome
 * (banyan/rewrite/done: the edit engine's EditResult, or why it stopped). The text and version are the
 * server's synced copy; any change of the document stops its rewrites, a new rewrite of an
 * overlapping range replaces the old one, rewrites of other files run side by side (RewriteSessions).
 */
import * as path from 'node:path';
import { ResponseError } from 'vscode-languageserver/node';
import { RewriteCancelledError, RewriteSessions, type RewriteSession } from '../core/edit';
import { ModelError } from '../core/llm/errors';
import { describeError } from '../core/logging/logger';
import { TreeSitterRuntime } from '../core/index/parse/treeSitterRuntime';
import { gatherRewriteContext, runRewrite } from '../core/rewrite';
import { type RewriteDoneParams, RewriteCancelRequest, RewriteDoneNotification, RewriteProgressNotification, type RewriteStartParams, RewriteStartRequest } from '../protocol/lsp';
import { onRequest, sendNotification } from './lspTyped';
import { fsPath } from './fileUri';
import { serverModels } from './modelsFeature';
import type { ServerContext, ServerFeature } from './serverContext';

/** JSON-RPC InvalidParams: the client asked for something the document does not allow. */
const INVALID_PARAMS = -32602;

export const rewriteFeature: ServerFeature = {
  name: 'rewrite',
  register(ctx) {
    const sessions = new RewriteSessions();
    const subscriptions = [
      onRequest(ctx.connection, RewriteStartRequest, (p) => {
        const session = startSession(ctx, sessions, p);
        void run(ctx, session, p).finally(() => sessions.finish(session));
        return { rewriteId: session.id };
      }),
      onRequest(ctx.connection, RewriteCancelRequest, (p) => {
        // A session that already ended (finished or cancelled) is no longer active: nothing to do.
        const session = sessions.active().find((s) => s.id === p.rewriteId);
        if (session) sessions.cancel(session);
      }),
      ctx.documents.onDidChangeContent((e) => sessions.documentChanged(e.document.uri, e.document.version)),
      ctx.documents.onDidClose((e) => sessions.dispose(e.document.uri)),
    ];
    return {
      dispose: () => {
        for (const s of subscriptions) s.dispose();
        sessions.dispose();
      },
    };
  },
};

function startSession(ctx: ServerContext, sessions: RewriteSessions, p: RewriteStartParams): RewriteSession {
  const doc = ctx.documents.get(p.uri);
  if (!doc) throw new ResponseError(INVALID_PARAMS, `${p.uri} is not open in the Banyan server: open the file in the editor and run the rewrite again.`);
  if (doc.version !== p.version) {
    throw new ResponseError(INVALID_PARAMS, `The document changed before the rewrite started (version ${p.version} → ${doc.version}): run the rewrite again.`);
  }
  const { start, end } = p.range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character) || end.line >= doc.lineCount) {
    throw new ResponseError(INVALID_PARAMS, `The range ${start.line}:${start.character}-${end.line}:${end.character} is not inside ${p.uri} (${doc.lineCount} lines): select code in the document and run the rewrite again.`);
  }
  if (!p.instruction.trim()) throw new ResponseError(INVALID_PARAMS, 'The rewrite needs an instruction, e.g. "add error handling".');
  return sessions.start(p.uri, p.range, p.version);
}

async function run(ctx: ServerContext, session: RewriteSession, p: RewriteStartParams): Promise<void> {
  const doc = ctx.documents.get(p.uri)!;
  const text = doc.getText();
  const filePath = fsPath(p.uri);
  const base: Pick<RewriteDoneParams, 'rewriteId' | 'uri' | 'version'> = { rewriteId: session.id, uri: p.uri, version: session.version };
  let done: RewriteDoneParams;
  try {
    const input = { instruction: p.instruction, fileName: displayName(ctx, p.uri, filePath), text, range: p.range, ...(p.feedback ? { feedback: p.feedback } : {}) };
    const index = ctx.codeIndex.current();
    const context = await gatherRewriteContext(input, {
      ...(filePath ? { filePath, parser: TreeSitterRuntime.shared(ctx.initOptions.grammarsDir) } : {}),
      languageId: doc.languageId,
      ...(index ? { index } : {}),
      logger: ctx.logger,
    });
    const models = await serverModels.ready();
    const outcome = await runRewrite(models, input, context, {
      languageId: doc.languageId,
      signal: session.signal,
      onPreview: (preview) => void sendNotification(ctx.connection, RewriteProgressNotification, { rewriteId: session.id, uri: p.uri, text: preview.code, complete: preview.complete }),
    });
    if (!outcome.result.ok) ctx.logger.info(`Rewrite ${session.id} refused by the edit engine: ${outcome.result.message}`);
    done = { ...base, result: outcome.result, answer: outcome.answer };
  } catch (err) {
    const reason = session.signal.aborted ? session.signal.reason : err;
    if (reason instanceof RewriteCancelledError) {
      done = { ...base, stopped: reason.reason, message: reason.message };
    } else {
      const message = reason instanceof ModelError ? reason.describe() : describeError(reason);
      ctx.logger.error(`Rewrite ${session.id} failed`, reason);
      done = { ...base, stopped: 'failed', message: `The rewrite failed: ${message}` };
    }
  }
  await sendNotification(ctx.connection, RewriteDoneNotification, done);
}


/** Workspace-relative path with forward slashes (the model sees this), else the base name. */
function displayName(ctx: ServerContext, uri: string, filePath: string | undefined): string {
  if (!filePath) return uri.slice(uri.lastIndexOf('/') + 1);
  for (const root of ctx.workspaceFolders()) {
    const rel = path.relative(root, filePath);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return path.basename(filePath);
}
