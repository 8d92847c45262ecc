import type * as vscode from 'vscode';
import type { ServerManager } from './serverManager';
import type { SecretStore } from './secretStore';

/** The one owner of everything the extension creates; activate() builds it, deactivate() disposes it. */
export interface BanyanContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly server: ServerManager;
  readonly secrets: SecretStore;
  /** Extra entries for the status-bar menu contributed by features. */
  menuExtras(): { label: string; id: string }[];
}
