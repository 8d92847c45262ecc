import {
  type Connection,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type BanyanSettings, defaultSettings, resolveSettings } from '../core/config/settings';
import { RedactingLogger } from '../core/logging/redactingLogger';
import { StatusModel } from '../core/status/statusModel';
import { IndexHandle } from '../core/index/indexHandle';
import { BANYAN_VERSION } from '../core/version';
import {
  type EditorSettings,
  type InitializationOptions,
  SetSecretsNotification,
  SettingsChangedNotification,
  StatusChangedNotification,
  StatusRequest,
} from '../protocol/lsp';
import { fsPath } from './fileUri';
import { connectionLogger } from './connectionLogger';
import { SERVER_FEATURES } from './features';
import { onNotification, onRequest, sendNotification } from './lspTyped';
import type { Disposable, ServerContext, ServerFeature } from './serverContext';

/**
 * Owns the connection and the lifecycle: initialize → features registered → shutdown/exit.
 * Everything else is a feature (src/server/features.ts) working through the ServerContext.
 */
export class BanyanServer {
  readonly documents = new TextDocuments(TextDocument);
  readonly status = new StatusModel(BANYAN_VERSION);
  readonly codeIndex = new IndexHandle();
  private current: BanyanSettings = defaultSettings();
  private editorSettings: EditorSettings = {};
  private readonly secrets = new Map<string, string>();
  private readonly settingsListeners = new Set<(s: BanyanSettings, prev: BanyanSettings) => void>();
  private readonly secretListeners = new Set<() => void>();
  private folders: string[] = [];
  private initOptions: InitializationOptions = {};
  private trusted = true;
  private readonly disposables: Disposable[] = [];
  private readonly logger: RedactingLogger;
  private shuttingDown = false;

  constructor(
    readonly connection: Connection,
    private readonly features: readonly ServerFeature[] = SERVER_FEATURES,
  ) {
    this.logger = new RedactingLogger(connectionLogger(connection, () => this.current['server.debugLogging']));
  }

  listen(): void {
    const { connection } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.afterInitialized());
    onRequest(connection, StatusRequest, () => this.status.snapshot());
    onNotification(connection, SettingsChangedNotification, (p) => {
      if (typeof p.trusted === 'boolean') this.trusted = p.trusted;
      this.applySettings(p.settings, p.editorSettings);
    });
    onNotification(connection, SetSecretsNotification, (p) => this.applySecrets(p.secrets));
    connection.onShutdown(() => this.shutdown());
    connection.onExit(() => process.exit(this.shuttingDown ? 0 : 1));
    this.status.onChange((s) => void sendNotification(connection, StatusChangedNotification, s).catch(() => undefined));
    this.documents.listen(connection);
    connection.listen();
  }

  editor(): EditorSettings {
    return this.editorSettings;
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    this.trusted = this.initOptions.trusted !== false;
    this.folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (this.folders.length === 0 && params.rootUri) this.folders = [uriToPath(params.rootUri)];
    this.applySecrets(this.initOptions.secrets ?? {});
    this.applySettings(this.initOptions.settings ?? {}, this.initOptions.editorSettings ?? {});

    let capabilities: Record<string, unknown> = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const feature of this.features) capabilities = { ...capabilities, ...(feature.capabilities?.() ?? {}) };
    return { capabilities, serverInfo: { name: 'banyan', version: BANYAN_VERSION } };
  }

  private async afterInitialized(): Promise<void> {
    const ctx = this.context();
    this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      this.folders = [...this.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri))];
    });
    try {
      for (const feature of this.features) {
        const started = Date.now();
        this.disposables.push(await feature.register(ctx));
        this.logger.debug(`feature ${feature.name} registered in ${Date.now() - started} ms`);
      }
      if (this.status.snapshot().state === 'starting') this.status.setState('ready');
      this.logger.info(`Banyan server ${BANYAN_VERSION} ready (pid ${process.pid}, ${this.folders.length} workspace folder(s))`);
    } catch (err) {
      this.logger.error('Banyan server failed to start a feature', err);
      this.status.setState('error', `Server start failed: ${err instanceof Error ? err.message : String(err)}. See Banyan logs.`);
    }
  }

  private context(): ServerContext {
    return {
      connection: this.connection,
      documents: this.documents,
      logger: this.logger,
      status: this.status,
      initOptions: this.initOptions,
      workspaceFolders: () => this.folders,
      editorSettings: () => this.editorSettings,
      codeIndex: this.codeIndex,
      settings: () => this.current,
      trusted: () => this.trusted,
      onSettingsChanged: (listener) => {
        this.settingsListeners.add(listener);
        return { dispose: () => void this.settingsListeners.delete(listener) };
      },
      secret: (id) => this.secrets.get(id),
      onSecretsChanged: (listener) => {
        this.secretListeners.add(listener);
        return { dispose: () => void this.secretListeners.delete(listener) };
      },
    };
  }

  private applySettings(raw: unknown, editorSettings: EditorSettings): void {
    const previous = this.current;
    const { settings, invalid } = resolveSettings(raw);
    if (invalid.length) this.logger.warn(`Ignoring invalid setting value(s), defaults used instead: ${invalid.join(', ')}`);
    this.current = settings;
    this.editorSettings = editorSettings;
    for (const l of this.settingsListeners) {
      try {
        l(settings, previous);
      } catch (err) {
        this.logger.error('settings listener failed', err);
      }
    }
  }

  private applySecrets(secrets: Readonly<Record<string, string>>): void {
    this.secrets.clear();
    for (const [k, v] of Object.entries(secrets)) if (typeof v === 'string' && v) this.secrets.set(k, v);
    this.logger.setSecrets(this.secrets.values());
    for (const l of this.secretListeners) l();
  }

  private async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const d of this.disposables.reverse()) {
      try {
        await d.dispose();
      } catch (err) {
        this.logger.error('error while shutting down', err);
      }
    }
  }
}

function uriToPath(uri: string): string {
  return fsPath(uri) ?? uri;
}
