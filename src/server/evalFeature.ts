/**
 * LSP glue for the palette's evaluation (banyan/eval/run): the same engine as `banyan eval`, on the
 * first workspace folder with the editor's settings and model. It works on its own copy of the index
 * (seeded from the live snapshot, so only changed files are parsed), because each case masks a file
 * in it: the live index serving the user's completions must never see a file with a hole in it.
 * Progress goes out as banyan/eval/progress; cancelling the request stops the run at once.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { evaluateWorkspace } from '../core/eval/evaluateWorkspace';
import { CodeIndex } from '../core/index/codeIndex';
import { ModelError } from '../core/llm/errors';
import { ModelHub } from '../core/llm/modelClient';
import { EvalCancelNotification, EvalProgressNotification, type EvalReport, EvalRunRequest, type EvalRunParams } from '../protocol/lsp';
import { serverInsights } from './insightsFeature';
import { onNotification, onRequest, sendNotification } from './lspTyped';
import { serverModels } from './modelsFeature';
import type { ServerContext, ServerFeature } from './serverContext';

export const evalFeature: ServerFeature = {
  name: 'eval',
  register(ctx) {
    let running: { token: string; controller: AbortController } | undefined;
    const subscriptions = [onRequest(ctx.connection, EvalRunRequest, async (p, token): Promise<EvalReport> => {
      if (running) throw new Error('an evaluation is already running in this window');
      const controller = new AbortController();
      running = { token: p.progressToken, controller };
      try {
        return await run(ctx, p, token, controller);
      } catch (err) {
        // The LSP error carries only a message: put the fix into it.
        throw new Error(err instanceof ModelError ? err.describe() : err instanceof Error ? err.message : String(err));
      } finally {
        running = undefined;
      }
    }), onNotification(ctx.connection, EvalCancelNotification, (p) => {
      if (running?.token === p.progressToken) running.controller.abort();
    })];
    return {
      dispose: () => {
        running?.controller.abort();
        for (const s of subscriptions) s.dispose();
      },
    };
  },
};

async function run(ctx: ServerContext, p: EvalRunParams, token: CancellationToken, controller: AbortController): Promise<EvalReport> {
  const roots = ctx.workspaceFolders();
  const workspace = roots[0];
  if (!workspace) throw new Error('open a folder first: the evaluation cuts its cases from the workspace');
  const hub = await serverModels.ready();
  if (!(hub instanceof ModelHub)) throw new Error('the model layer is not ready');
  if (token.isCancellationRequested) controller.abort();
  const onCancel = token.onCancellationRequested(() => controller.abort());
  const progress = (phase: 'index' | 'cases', done: number, total: number, exactMatch = 0) =>
    void sendNotification(ctx.connection, EvalProgressNotification, { progressToken: p.progressToken, phase, done, total, exactMatch });
  const settings = ctx.settings();
  const storage = ctx.initOptions.storageDir;
  const evalStorage = storage ? path.join(storage, 'eval-index') : undefined;
  if (storage && evalStorage) await seedSnapshot(path.join(storage, 'index', 'index.snapshot'), path.join(evalStorage, 'index.snapshot'));
  const overlay = new Map<string, string>();
  const editor = ctx.editorSettings();
  const index = await CodeIndex.open({
    roots,
    ...(evalStorage ? { storageDir: evalStorage } : {}),
    ...(ctx.initOptions.grammarsDir ? { grammarsDir: ctx.initOptions.grammarsDir } : {}),
    workers: 1,
    maxFileBytes: settings['index.maxFileSizeKB'] * 1024,
    maxFiles: settings['index.maxFiles'],
    exclude: settings['index.exclude'],
    includeDirs: settings['index.includeDirs'],
    editorExcludes: [editor.filesExclude, editor.searchExclude],
    logger: ctx.logger,
    documentText: (f) => overlay.get(f),
    onProgress: (x) => progress('index', x.done, x.total),
  });
  let exact = 0;
  let scored = 0;
  try {
    await index.refresh();
    if (controller.signal.aborted) throw new Error('the evaluation was cancelled while its index was built');
    const report = await evaluateWorkspace({
      workspace, index, overlay,
      ...(ctx.initOptions.grammarsDir ? { grammarsDir: ctx.initOptions.grammarsDir } : {}),
      configs: [{ label: 'A', model: settings['models.completion.model'], client: hub, settings }],
      n: p.n, seed: p.seed, tasks: p.tasks, includeTests: Boolean(p.includeTests), includeGenerated: Boolean(p.includeGenerated),
      signal: controller.signal,
      onCases: (cases) => {
        if (!cases.length) throw new Error('no case could be cut from this workspace: it has no source file in a language Banyan parses (tests and generated files are left out)');
        progress('cases', 0, cases.length);
      },
      onResult: (done, total, r) => {
        scored++;
        if (r.exactMatch) exact++;
        progress('cases', done, total, exact / scored);
      },
    });
    const o = report.summary.overall;
    serverInsights.record('eval.run', {
      model: report.info.model, n: report.results.length, seed: p.seed, task: p.tasks.join(','),
      exactMatch: o.exactMatch, editSimilarity: o.editSimilarity, identifierMatch: o.identifierMatch, syntaxMatch: o.syntaxMatch,
      p50TotalMs: o.totalMs.p50, p95TotalMs: o.totalMs.p95, ...(report.info.cancelled ? { cancelled: true } : {}),
    });
    return report;
  } finally {
    onCancel.dispose();
    await index.close({ save: true });
  }
}

/** Starts the evaluation's index from the live one's snapshot when that is newer. */
async function seedSnapshot(live: string, copy: string): Promise<void> {
  const [a, b] = await Promise.all([stat(live).catch(() => undefined), stat(copy).catch(() => undefined)]);
  if (!a || (b && b.mtimeMs >= a.mtimeMs)) return;
  await mkdir(path.dirname(copy), { recursive: true });
  await copyFile(live, copy);
}
