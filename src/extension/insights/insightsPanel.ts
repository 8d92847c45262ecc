import * as vscode from 'vscode';
import { type EvalReport, type InsightsExtensionToWebview, isInsightsWebviewToExtension, type InsightsWebviewToExtension } from '../../protocol/insightsWebview';
import { InsightsClearRequest, InsightsExportRequest, InsightsQueryRequest, type InsightsQuery } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { COMMANDS } from '../commandIds';
import { webviewDocument } from '../webviewDocument';
import { sendRequest } from '../typedClient';

/**
 * *Banyan: Show Insights*: one editor panel (a second call reveals it) under the same strict CSP as
 * the chat view (nonce'd script, styles from files only, no eval), drawing from the server's insights
 * log. Export asks where to save and the server writes the file atomically; Clear asks first.
 */
export class InsightsPanel implements vscode.Disposable {
  static readonly viewType = 'banyan.insights';
  private static current: InsightsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private lastQuery: InsightsQuery = { range: '7d', timezoneOffsetMin: 0 };
  private pendingEval: EvalReport | undefined;

  static show(ctx: BanyanContext): InsightsPanel {
    if (InsightsPanel.current) {
      InsightsPanel.current.panel.reveal();
      return InsightsPanel.current;
    }
    const dist = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(InsightsPanel.viewType, 'Banyan Insights', vscode.ViewColumn.Active, {
      enableScripts: true, localResourceRoots: [dist],
    });
    InsightsPanel.current = new InsightsPanel(ctx, panel);
    return InsightsPanel.current;
  }

  /** An evaluation's report: the panel opens (or comes forward) and shows it above the charts. */
  static showEval(ctx: BanyanContext, report: EvalReport): void {
    const p = InsightsPanel.show(ctx);
    p.pendingEval = report;
    p.post({ type: 'insights/eval', report });
  }

  private constructor(private readonly ctx: BanyanContext, private readonly panel: vscode.WebviewPanel) {
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'banyan-activity.svg');
    panel.webview.html = this.html(panel.webview);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async onMessage(msg: unknown): Promise<void> {
    if (!isInsightsWebviewToExtension(msg)) {
      this.ctx.log.warn(`Ignoring a malformed message from the insights view: ${JSON.stringify(msg)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(msg);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.post({ type: 'insights/error', message: `Banyan could not do that: ${message}` });
      this.ctx.log.error(`Insights: ${message}`);
    }
  }

  private async handle(msg: InsightsWebviewToExtension): Promise<void> {
    switch (msg.type) {
      case 'insights/ready':
        // A reload of the view: the evaluation shown before comes back too.
        if (this.pendingEval) this.post({ type: 'insights/eval', report: this.pendingEval });
        return;
      case 'insights/query': {
        this.lastQuery = { range: msg.range, timezoneOffsetMin: msg.timezoneOffsetMin, languages: msg.languages, models: msg.models };
        await this.refresh();
        return;
      }
      case 'insights/export': {
        const ext = msg.format;
        const target = await vscode.window.showSaveDialog({
          title: 'Export Banyan insights',
          defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? this.ctx.extension.globalStorageUri, `banyan-insights-${new Date().toISOString().slice(0, 10)}.${ext}`),
          filters: ext === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        });
        if (!target) return;
        if (target.scheme !== 'file') throw new Error(`exports are written by the Banyan server and need a local file, not ${target.scheme}:`);
        const client = await this.ctx.server.readyClient();
        const r = await sendRequest(client, InsightsExportRequest, { ...this.lastQuery, format: ext, path: target.fsPath });
        void vscode.window.showInformationMessage(`Banyan: exported ${r.events} events to ${target.fsPath}.`);
        return;
      }
      case 'insights/clear': {
        const ok = await vscode.window.showWarningMessage('Clear every Banyan insight recorded on this machine (all windows)? This cannot be undone.', { modal: true }, 'Clear');
        if (ok !== 'Clear') return;
        const client = await this.ctx.server.readyClient();
        await sendRequest(client, InsightsClearRequest, undefined);
        await this.refresh();
        return;
      }
      case 'insights/runEval':
        await vscode.commands.executeCommand(COMMANDS.evaluateCompletionModel.id);
        return;
    }
  }

  /** Asks the server for the last query's report and shows it. */
  async refresh(): Promise<void> {
    const client = await this.ctx.server.readyClient();
    this.post({ type: 'insights/report', result: await sendRequest(client, InsightsQueryRequest, this.lastQuery) });
  }

  private post(message: InsightsExtensionToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    return webviewDocument(webview, this.ctx.extension.extensionUri, { title: 'Banyan Insights', styles: [['insights.css']], script: 'insights.js', rootAttribute: 'data-banyan-insights' });
  }

  dispose(): void {
    if (InsightsPanel.current === this) InsightsPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
