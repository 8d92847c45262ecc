import * as vscode from 'vscode';
import { COMMANDS, type CommandKey } from './commandIds';
import type { BanyanContext } from './banyanContext';
import { activationTiming } from './activationTiming';
import { addSelectionToChat, chatPanel } from './chat/chatPanel';
import type { ModelRole } from '../protocol/lsp';
import { configureModel } from './models/configureModel';
import { downloadModelCommand, manageLocalModels } from './models/localModelCommands';
import { testModelConnection } from './models/testConnection';
import { reindexWorkspace, setIndexingPaused, showIndexStatus } from './index/indexCommands';
import { rewriteCommands } from './rewrite/rewriteCommands';
import { evaluateCompletionModel } from './insights/evaluateCommand';
import { InsightsPanel } from './insights/insightsPanel';
import { nextEditController, showNextEditMetrics, toggleNextEdit } from './nextEdit/nextEditCommands';
import { reportAccepted, showCompletionMetrics, snoozeInlineSuggestions, toggleInlineSuggestions, triggerInlineSuggestion } from './completion/completionCommands';

type Handler = (ctx: BanyanContext, ...args: unknown[]) => unknown;

/** One handler per command in COMMANDS; the compiler insists every declared command has one. */
const HANDLERS: Record<CommandKey, Handler> = {
  openChat: () => vscode.commands.executeCommand('banyan.chatView.focus'),
  showLogs: (ctx) => ctx.log.show(),
  restartServer: (ctx) => ctx.server.restart(),
  showStatus: (ctx) => showStatus(ctx),
  openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:banyan-dev.banyan'),
  testModelConnection: (ctx, roles) => testModelConnection(ctx, Array.isArray(roles) ? (roles as ModelRole[]) : undefined),
  configureModel: (ctx) => configureModel(ctx),
  showIndexStatus: (ctx) => showIndexStatus(ctx),
  reindexWorkspace: (ctx) => reindexWorkspace(ctx),
  pauseIndexing: (ctx) => setIndexingPaused(ctx, true),
  resumeIndexing: (ctx) => setIndexingPaused(ctx, false),
  showMenu: (ctx) => showMenu(ctx),
  rewriteSelection: (ctx, options) => rewriteCommands(ctx).rewriteSelection(options),
  rewriteAccept: (ctx, uri) => rewriteCommands(ctx).accept(uri),
  rewriteReject: (ctx, uri) => rewriteCommands(ctx).reject(uri),
  rewriteRetry: (ctx, uri, feedback) => rewriteCommands(ctx).retry(uri, feedback),
  rewriteShowDiff: (ctx, uri) => rewriteCommands(ctx).showDiff(uri),
  rewriteAcceptHunk: (ctx, uri, hunk) => rewriteCommands(ctx).decideHunk(uri, hunk, 'accepted'),
  rewriteRejectHunk: (ctx, uri, hunk) => rewriteCommands(ctx).decideHunk(uri, hunk, 'rejected'),
  triggerInlineSuggestion: () => triggerInlineSuggestion(),
  toggleInlineSuggestions: (_ctx, scope) => toggleInlineSuggestions(scope),
  snoozeInlineSuggestions: (ctx, minutes) => snoozeInlineSuggestions(ctx, minutes),
  showCompletionMetrics: (ctx) => showCompletionMetrics(ctx),
  completionAccepted: (ctx, id) => reportAccepted(ctx, id),
  addSelectionToChat: (ctx) => addSelectionToChat(ctx),
  chatApplyAccept: (ctx) => chatPanel(ctx)?.preview.accept(),
  chatApplyReject: (ctx) => chatPanel(ctx)?.preview.reject(),
  activationTiming: () => activationTiming(),
  downloadModel: (ctx) => downloadModelCommand(ctx),
  manageLocalModels: (ctx) => manageLocalModels(ctx),
  showInsights: (ctx) => InsightsPanel.show(ctx),
  evaluateCompletionModel: (ctx, options) => evaluateCompletionModel(ctx, options),
  nextEditTab: (ctx) => nextEditController(ctx).tab(),
  nextEditEscape: (ctx) => nextEditController(ctx).escape(),
  nextEditAccepted: (ctx, id) => nextEditController(ctx).ghostAccepted(id),
  toggleNextEdit: () => toggleNextEdit(),
  showNextEditMetrics: (ctx) => showNextEditMetrics(ctx),
};

export function registerCommands(ctx: BanyanContext): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandKey[]).map((key) =>
    vscode.commands.registerCommand(COMMANDS[key].id, (...args: unknown[]) => HANDLERS[key](ctx, ...args)),
  );
}

async function showMenu(ctx: BanyanContext): Promise<void> {
  const items = Object.values(COMMANDS)
    .filter((c) => 'inMenu' in c && c.inMenu)
    .map((c): { label: string; id: string } => ({ label: `${'icon' in c ? c.icon : ''} ${c.title}`.trim(), id: c.id }))
    .concat(ctx.menuExtras());
  const pick = await vscode.window.showQuickPick(items, { title: 'Banyan', placeHolder: statusLine(ctx) });
  if (pick) await vscode.commands.executeCommand(pick.id);
}

function statusLine(ctx: BanyanContext): string {
  const s = ctx.server.serverStatus();
  if (!s) return `Server ${ctx.server.state()}`;
  return `Server ${s.version} · ${s.state}${s.message ? ` · ${s.message}` : ''}`;
}

async function showStatus(ctx: BanyanContext): Promise<void> {
  const s = ctx.server.serverStatus();
  const lines = s
    ? [`State: ${s.state}`, `Version: ${s.version}`, `PID: ${s.pid}`, `Uptime: ${Math.round(s.uptimeMs / 1000)} s`, ...(s.message ? [s.message] : [])]
    : [`The server is ${ctx.server.state()}.`];
  const choice = await vscode.window.showInformationMessage(`Banyan server — ${lines.join(' · ')}`, 'Show Logs');
  if (choice) ctx.log.show();
}
