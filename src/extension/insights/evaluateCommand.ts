import * as vscode from 'vscode';
import { EvalCancelNotification, EvalProgressNotification, type EvalReport, EvalRunRequest, type EvalTask } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { onNotification, sendNotification, sendRequest } from '../typedClient';
import { InsightsPanel } from './insightsPanel';

/** What a test (or a keybinding) may pass instead of picking: `{ n, seed, tasks }`. */
interface EvalOptions {
  readonly n?: number;
  readonly seed?: number;
  readonly tasks?: readonly EvalTask[];
}

/**
 * *Banyan: Evaluate Completion Model on This Workspace*: how many cases, then the run in a
 * cancellable progress notification (Cancel stops it at once, the partial report is still shown),
 * then the report in the insights view. Returns the report (for tests).
 */
export async function evaluateCompletionModel(ctx: BanyanContext, given?: unknown): Promise<EvalReport | undefined> {
  const options = (typeof given === 'object' && given !== null ? given : {}) as EvalOptions;
  let n = options.n;
  if (n === undefined) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: '20 cases', description: 'a first look, about a minute with a local model', n: 20 },
        { label: '50 cases', n: 50 },
        { label: '100 cases', description: 'steadier numbers', n: 100 },
      ],
      { title: 'Banyan: Evaluate Completion Model on This Workspace', placeHolder: 'Cases are cut from this workspace (line, API call, function body), tests and generated files left out' },
    );
    if (!pick) return undefined;
    n = pick.n;
  }
  const client = await ctx.server.readyClient();
  const progressToken = `eval-${Date.now()}`;
  const seed = options.seed ?? 1;
  const tasks = options.tasks ?? ['line', 'api', 'block'];
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Banyan: evaluating the completion model', cancellable: true },
      async (progress, token) => {
        let reported = 0;
        const sub = onNotification(client, EvalProgressNotification, (p) => {
          if (p.progressToken !== progressToken) return;
          if (p.phase === 'index') {
            progress.report({ message: `indexing ${p.done}/${p.total}` });
            return;
          }
          const share = p.total ? (100 * p.done) / p.total : 0;
          progress.report({ increment: share - reported, message: `${p.done}/${p.total} cases · exact ${Math.round(p.exactMatch * 100)}%` });
          reported = share;
        });
        // Cancel asks the server to stop; its answer then carries the cases done so far.
        const cancel = token.onCancellationRequested(() => void sendNotification(client, EvalCancelNotification, { progressToken }));
        try {
          return await sendRequest(client, EvalRunRequest, { n: n!, seed, tasks, progressToken });
        } finally {
          cancel.dispose();
          sub.dispose();
        }
      },
    );
    InsightsPanel.showEval(ctx, report);
    return report;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`Banyan: the evaluation failed. ${message}`);
    ctx.log.error(`Evaluation failed: ${message}`);
    return undefined;
  }
}
