import * as vscode from 'vscode';
import { FileEventsNotification } from '../../protocol/lsp';
import type { ServerManager } from '../serverManager';
import { sendNotification } from '../typedClient';

const COALESCE_MS = 300;
const MAX_PATHS_PER_MESSAGE = 5000;

/**
 * Tells the server about files created, changed and deleted outside the editor (git checkout, build
 * tools, another editor). Events are coalesced for a moment so a branch switch arrives as one burst;
 * the server coalesces again and rescans if the burst is large.
 */
export class IndexFileWatcher implements vscode.Disposable {
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*');
  private readonly pending = new Map<string, 'created' | 'changed' | 'deleted'>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly server: ServerManager) {
    this.watcher.onDidCreate((uri) => this.add(uri, 'created'));
    this.watcher.onDidChange((uri) => this.add(uri, 'changed'));
    this.watcher.onDidDelete((uri) => this.add(uri, 'deleted'));
  }

  private add(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file') return;
    const previous = this.pending.get(uri.fsPath);
    // created then changed is still a creation; anything then deleted is a deletion.
    this.pending.set(uri.fsPath, previous === 'created' && kind === 'changed' ? 'created' : kind);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const entries = [...this.pending];
    this.pending.clear();
    const client = this.server.client();
    if (!client) return; // a (re)starting server scans the workspace anyway
    for (let i = 0; i < entries.length; i += MAX_PATHS_PER_MESSAGE) {
      const slice = entries.slice(i, i + MAX_PATHS_PER_MESSAGE);
      const pick = (k: string) => slice.filter(([, kind]) => kind === k).map(([p]) => p);
      void sendNotification(client, FileEventsNotification, { created: pick('created'), changed: pick('changed'), deleted: pick('deleted') });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher.dispose();
  }
}
