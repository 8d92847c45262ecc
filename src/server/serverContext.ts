import type { Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BanyanSettings } from '../core/config/settings';
import type { Logger } from '../core/logging/logger';
import type { StatusModel } from '../core/status/statusModel';
import type { IndexHandle } from '../core/index/indexHandle';
import type { EditorSettings, InitializationOptions } from '../protocol/lsp';

export interface Disposable {
  dispose(): void | Promise<void>;
}

/** What every server feature receives. Features own their disposables and return them from register(). */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly logger: Logger;
  readonly status: StatusModel;
  readonly initOptions: InitializationOptions;
  /** Absolute paths of the workspace folders, in order. */
  workspaceFolders(): readonly string[];
  settings(): BanyanSettings;
  onSettingsChanged(listener: (settings: BanyanSettings, previous: BanyanSettings) => void): Disposable;
  /** Workspace trust as the client last said (true when it never said: the CLI, other editors). Changes come with onSettingsChanged. */
  trusted(): boolean;
  /** VS Code's files.exclude / search.exclude / http settings as last pushed by the client. */
  editorSettings(): EditorSettings;
  /** The workspace code index, published by the index feature; completion and chat read it here. */
  readonly codeIndex: IndexHandle;
  /** API keys handed over by the client (from SecretStorage). Never log these. */
  secret(id: string): string | undefined;
  onSecretsChanged(listener: () => void): Disposable;
}

/**
 * A capability of the server (models, index, completions…). Registered once after `initialized`;
 * `dispose` runs on shutdown and must finish pending writes (e.g. the index snapshot).
 */
export interface ServerFeature {
  readonly name: string;
  /** Capabilities merged into the initialize result. */
  capabilities?(): Record<string, unknown>;
  register(ctx: ServerContext): Disposable | Promise<Disposable>;
}
