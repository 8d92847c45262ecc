import * as vscode from 'vscode';
import type { ServerStatus } from '../protocol/lsp';
import type { ClientState } from '../protocol/webview';
import { COMMANDS } from './commandIds';
import type { ServerManager } from './serverManager';

/** The Banyan status bar item: the real state of the server, click for the Banyan menu. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('banyan.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly server: ServerManager) {
    this.item.name = 'Banyan';
    this.item.command = COMMANDS.showMenu.id;
    this.render();
    this.item.show();
    this.subscription = server.onDidChange(() => this.render());
  }

  private render(): void {
    const view = describe(this.server.state(), this.server.serverStatus());
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(`**Banyan** — ${view.tooltip}\n\nClick for the Banyan menu.`);
    this.item.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Banyan: ${view.tooltip}` };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

interface StatusView {
  text: string;
  tooltip: string;
  error?: boolean;
  warning?: boolean;
}

/** Pure mapping from states to what the status bar shows; exported for tests. */
export function describe(client: ClientState, status: ServerStatus | null): StatusView {
  if (client === 'failed') return { text: '$(error) Banyan', tooltip: 'server failed. See the logs.', error: true };
  if (client === 'stopped') return { text: '$(circle-slash) Banyan', tooltip: 'server stopped', warning: true };
  if (client === 'starting' || !status) return { text: '$(loading~spin) Banyan', tooltip: 'starting…' };
  const down = (status.endpoints ?? []).filter((e) => e.state === 'down');
  switch (status.state) {
    case 'starting':
      return { text: '$(loading~spin) Banyan', tooltip: 'starting…' };
    case 'error':
      return { text: '$(error) Banyan', tooltip: status.message ?? 'error', error: true };
    case 'indexing': {
      const p = status.indexing;
      const pct = p && p.total > 0 ? ` ${Math.floor((100 * p.done) / p.total)}%` : '';
      return { text: `$(sync~spin) Banyan${pct}`, tooltip: p ? `indexing ${p.done}/${p.total} files` : 'indexing' };
    }
    case 'ready':
    default:
      if (down.length) {
        const roles = down.map((d) => d.role).join(', ');
        return { text: '$(warning) Banyan', tooltip: `ready, but the model for ${roles} is unreachable${down[0]?.message ? `: ${down[0].message}` : ''}`, warning: true };
      }
      return { text: '$(check) Banyan', tooltip: `ready (server ${status.version})` + (status.indexing?.paused ? ', indexing paused' : '') };
  }
}
