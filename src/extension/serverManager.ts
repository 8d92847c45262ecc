import * as vscode from 'vscode';
import type { CloseHandlerResult, ErrorHandlerResult, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { INDEX_HOST_EXEC_ARGV } from '../core/index/hostFlags';
import { type InitializationOptions, type ServerStatus, SetSecretsNotification, SettingsChangedNotification, StatusChangedNotification, StatusRequest } from '../protocol/lsp';
import type { ClientState } from '../protocol/webview';
import { affectsServer, ignoredWorkspaceSettings, serverSettings } from './editorSettings';
import { languageClientModule as lc } from './languageClientModule';
import type { SecretStore } from './secretStore';
import { onNotification, sendNotification, sendRequest } from './typedClient';

const CRASH_WINDOW_MS = 3 * 60 * 1000;

/**
 * Owns the language client: start, restart after crashes (bounded), stop. Everyone else reads the
 * server's state from here and calls it through `client()`.
 */
export class ServerManager implements vscode.Disposable {
  private languageClient: LanguageClient | undefined;
  private status: ServerStatus | null = null;
  private clientState: ClientState = 'stopped';
  private crashes: number[] = [];
  private secrets: Record<string, string> = {};
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when the server status or the client state changes. */
  readonly onDidChange = this.emitter.event;
  private failureShown = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly secretStore: SecretStore,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsServer(e)) this.pushSettings();
      }),
      // Granted during the session: the workspace's own values of the restricted settings apply now.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.pushSettings()),
      secretStore.onDidChange(() => void this.pushSecrets()),
    );
  }

  client(): LanguageClient | undefined {
    return this.isRunning() ? this.languageClient : undefined;
  }

  /** The client once it runs; waits for a start in progress. Throws with a readable message otherwise. */
  async readyClient(): Promise<LanguageClient> {
    const c = this.languageClient;
    if (!c) throw new Error('The Banyan server is not running. Run "Banyan: Restart Server" or see "Banyan: Show Logs".');
    if (c.state === lc().State.Starting) await c.start();
    if (c.state !== lc().State.Running) throw new Error('The Banyan server is not running. Run "Banyan: Restart Server" or see "Banyan: Show Logs".');
    return c;
  }

  serverStatus(): ServerStatus | null {
    return this.status;
  }

  state(): ClientState {
    return this.clientState;
  }

  async start(): Promise<void> {
    if (this.languageClient) return;
    this.secrets = await this.secretStore.all();
    const client = this.createClient();
    this.languageClient = client;
    this.setClientState('starting');
    client.onDidChangeState((e) => {
      if (e.newState === lc().State.Running) {
        this.setClientState('running');
        this.catchUp();
        void this.refreshStatus();
      } else if (e.newState === lc().State.Starting) {
        this.status = null;
        this.setClientState('starting');
      } else if (this.clientState !== 'failed') {
        this.status = null;
        this.setClientState('stopped');
      }
    });
    this.disposables.push(onNotification(client, StatusChangedNotification, (s) => {
      this.status = s;
      this.emitter.fire();
    }));
    try {
      await client.start();
    } catch (err) {
      this.fail(`The Banyan server could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async restart(): Promise<void> {
    this.crashes = [];
    this.failureShown = false;
    const client = this.languageClient;
    if (!client) return this.start();
    this.log.info('Restarting the Banyan server');
    this.setClientState('starting');
    this.secrets = await this.secretStore.all();
    try {
      // Not client.restart(): it skips start() when stop() rejects, which happens when the server dies
      // while being stopped (seen in e2e under load); the user asked for a running server either way.
      if (client.state !== lc().State.Stopped) await client.stop().catch((err) => this.log.warn(`stopping the server for the restart failed: ${String(err)}`));
      await client.start();
    } catch (err) {
      this.fail(`The Banyan server could not restart: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async stop(): Promise<void> {
    const client = this.languageClient;
    if (client && client.state !== lc().State.Stopped) await client.stop(4000).catch((err) => this.log.warn(`server stop: ${String(err)}`));
  }

  private pushSettings(): void {
    this.logIgnoredSettings();
    if (!this.isRunning()) return;
    const settings = serverSettings();
    this.sentSettings = JSON.stringify(settings);
    void sendNotification(this.languageClient!, SettingsChangedNotification, settings);
  }

  /** What the server was last told (initialization options or a push), to catch up on what it missed. */
  private sentSettings = '';
  private sentSecrets = '';

  /**
   * A change of settings, trust or secrets made while the server was starting was not pushed (there
   * was no connection yet) and may postdate the initialization options: tell the running server now.
   */
  private catchUp(): void {
    const settings = serverSettings();
    if (JSON.stringify(settings) !== this.sentSettings) {
      this.sentSettings = JSON.stringify(settings);
      void sendNotification(this.languageClient!, SettingsChangedNotification, settings);
    }
    if (JSON.stringify(this.secrets) !== this.sentSecrets) {
      this.sentSecrets = JSON.stringify(this.secrets);
      void sendNotification(this.languageClient!, SetSecretsNotification, { secrets: this.secrets });
    }
  }

  private ignoredLogged = '';

  /** Says once (per change of the list) which workspace values Restricted Mode keeps from the server. */
  private logIgnoredSettings(): void {
    const ignored = ignoredWorkspaceSettings().join(', ');
    if (ignored && ignored !== this.ignoredLogged) {
      this.log.warn(`Restricted Mode: this workspace's values of ${ignored} are ignored; your user settings apply. Trust the workspace to use them.`);
    }
    this.ignoredLogged = ignored;
  }

  private isRunning(): boolean {
    return this.languageClient !== undefined && this.languageClient.state === lc().State.Running;
  }

  private createClient(): LanguageClient {
    const module = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    const { ErrorAction, LanguageClient, TransportKind } = lc();
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...INDEX_HOST_EXEC_ARGV] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...INDEX_HOST_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
      outputChannel: this.log,
      initializationOptions: () => this.initializationOptions(),
      errorHandler: {
        error: (_error, _message, count): ErrorHandlerResult => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: (): CloseHandlerResult => this.onServerClosed(),
      },
    };
    return new LanguageClient('banyan', 'Banyan', serverOptions, clientOptions);
  }

  private initializationOptions(): InitializationOptions {
    const storage = this.context.storageUri ?? this.context.globalStorageUri;
    this.logIgnoredSettings();
    const settings = serverSettings();
    this.sentSettings = JSON.stringify(settings);
    this.sentSecrets = JSON.stringify(this.secrets);
    return {
      storageDir: storage.fsPath,
      globalStorageDir: this.context.globalStorageUri.fsPath,
      grammarsDir: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'grammars').fsPath,
      ...settings,
      secrets: this.secrets,
      clientKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    };
  }

  /** Called by the client when the server's connection closes unexpectedly. */
  private onServerClosed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const max = vscode.workspace.getConfiguration('banyan').get<number>('server.maxRestarts', 5);
    if (this.crashes.length > max) {
      const message = `The Banyan server crashed ${this.crashes.length} times in 3 minutes and will not be restarted. See "Banyan: Show Logs", then run "Banyan: Restart Server".`;
      this.fail(message);
      return { action: lc().CloseAction.DoNotRestart, handled: true };
    }
    this.log.warn(`The Banyan server stopped unexpectedly; restarting (${this.crashes.length}/${max} in 3 minutes)`);
    this.status = null;
    this.setClientState('starting');
    return { action: lc().CloseAction.Restart, handled: true };
  }

  private fail(message: string): void {
    this.log.error(message);
    this.status = null;
    this.setClientState('failed');
    if (this.failureShown) return;
    this.failureShown = true;
    void vscode.window.showErrorMessage(message, 'Show Logs', 'Restart Server').then((choice) => {
      if (choice === 'Show Logs') this.log.show();
      if (choice === 'Restart Server') void this.restart();
    });
  }

  private async refreshStatus(): Promise<void> {
    const client = this.languageClient;
    if (!client) return;
    try {
      this.status = await sendRequest(client, StatusRequest, undefined);
      this.emitter.fire();
    } catch (err) {
      this.log.warn(`status request failed: ${String(err)}`);
    }
  }

  private async pushSecrets(): Promise<void> {
    this.secrets = await this.secretStore.all();
    if (!this.isRunning()) return;
    this.sentSecrets = JSON.stringify(this.secrets);
    await sendNotification(this.languageClient!, SetSecretsNotification, { secrets: this.secrets });
  }

  private setClientState(state: ClientState): void {
    this.clientState = state;
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}
