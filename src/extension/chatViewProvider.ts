import * as vscode from 'vscode';
import { type ExtensionToWebview, isWebviewToExtension, type WebviewCommand, type WebviewToExtension } from '../protocol/webview';
import { COMMANDS } from './commandIds';
import { webviewDocument } from './webviewDocument';
import type { ServerManager } from './serverManager';

/**
 * The chat side-bar view. Owns the webview's HTML (strict CSP, nonce, local resources only) and the
 * message plumbing webview ⇄ extension ⇄ server. The chat UI itself lives in webview-ui/.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'banyan.chatView';
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The chat controller (src/extension/chat): every chat message goes there. */
  private chat: { handle(msg: WebviewToExtension): void } | undefined;
  /** Agent mode (src/extension/agent): `agent/*` messages and `ready` go there. */
  private agent: { handle(msg: Extract<WebviewToExtension, { type: `agent/${string}` }> | { type: 'ready' }): void } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(server.onDidChange(() => this.postStatus()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = this.html(view.webview);
    this.disposables.push(
      view.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)),
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    );
  }

  private onMessage(msg: unknown): void {
    if (!isWebviewToExtension(msg)) {
      this.log.warn(`Ignoring a malformed message from the chat view: ${JSON.stringify(msg)?.slice(0, 200)}`);
      return;
    }
    if (msg.type.startsWith('agent/')) {
      this.agent?.handle(msg as Extract<WebviewToExtension, { type: `agent/${string}` }>);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.postStatus();
        this.chat?.handle(msg);
        this.agent?.handle(msg);
        return;
      case 'requestStatus':
        this.postStatus();
        return;
      case 'runCommand':
        void vscode.commands.executeCommand(commandFor(msg.command));
        return;
      default:
        this.chat?.handle(msg);
    }
  }

  attachChat(chat: { handle(msg: WebviewToExtension): void }): void {
    this.chat = chat;
  }

  attachAgent(agent: NonNullable<ChatViewProvider['agent']>): void {
    this.agent = agent;
  }

  private postStatus(): void {
    this.post({ type: 'status', status: this.server.serverStatus(), clientState: this.server.state() });
  }

  post(message: ExtensionToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    return webviewDocument(webview, this.extensionUri, { title: 'Banyan Chat', styles: [['codicons', 'codicon.css'], ['webview.css']], script: 'webview.js', rootAttribute: 'data-banyan-root' });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function commandFor(c: WebviewCommand): string {
  switch (c) {
    case 'showLogs':
      return COMMANDS.showLogs.id;
    case 'restartServer':
      return COMMANDS.restartServer.id;
  }
}
