import * as vscode from 'vscode';
import { formatReport } from '../../core/llm/diagnostics/formatReport';
import { type ModelRole, type ModelTestReport, TestModelsRequest } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { COMMANDS } from '../commandIds';
import { sendRequest } from '../typedClient';

/**
 * "Banyan: Test Model Connection": asks the server to send a real tiny request per role (a real FIM
 * request for completion), then shows the report as a Markdown document with every fix. Returns the
 * reports so tests (and other commands) can read them.
 */
export async function testModelConnection(ctx: BanyanContext, roles?: readonly ModelRole[], options: { show?: boolean } = {}): Promise<readonly ModelTestReport[]> {
  const client = await ctx.server.readyClient();
  const reports = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Banyan: testing the model connection…', cancellable: true },
    (_progress, token) => sendRequest(client, TestModelsRequest, roles?.length ? { roles } : {}, token),
  );
  const text = formatReport(reports, true);
  ctx.log.info(formatReport(reports));
  if (options.show === false) return reports;
  const failed = reports.filter((r) => !r.ok);
  const summary = failed.length
    ? `Banyan: the model for ${failed.map((r) => r.role).join(', ')} has a problem: ${firstProblem(failed[0]!)}`
    : `Banyan: all ${reports.length} model role(s) work.`;
  const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(summary, 'Show Report', ...(failed.length ? ['Configure Model'] : [])).then(async (choice) => {
    if (choice === 'Show Report') await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'markdown' }), { preview: true });
    if (choice === 'Configure Model') await vscode.commands.executeCommand(COMMANDS.configureModel.id);
  });
  return reports;
}

function firstProblem(r: ModelTestReport): string {
  const c = r.checks.find((x) => !x.ok);
  return c ? `${c.detail}${c.fix ? ` — ${c.fix}` : ''}` : 'see the report';
}
