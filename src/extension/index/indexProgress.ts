import * as vscode from 'vscode';
import { PauseIndexingRequest } from '../../protocol/lsp';
import type { ServerManager } from '../serverManager';
import { sendRequest } from '../typedClient';

/** Workspaces with at least this many files to index get a progress notification (others: status bar only). */
const LARGE_INDEX_FILES = 1000;

/**
 * A progress notification for the first index of a large workspace, driven by the server's status.
 * Cancel pauses indexing (it does not throw work away); the status bar keeps showing progress.
 */
export class IndexProgressNotifier implements vscode.Disposable {
  private shown = false;
  private readonly subscription: vscode.Disposable;
  private update: ((done: number, total: number) => void) | undefined;
  private finish: (() => void) | undefined;

  constructor(private readonly server: ServerManager) {
    this.subscription = server.onDidChange(() => this.onStatus());
  }

  private onStatus(): void {
    const indexing = this.server.serverStatus()?.indexing;
    if (!indexing || indexing.paused) {
      this.finish?.();
      return;
    }
    if (this.update) {
      this.update(indexing.done, indexing.total);
      return;
    }
    if (this.shown || indexing.total < LARGE_INDEX_FILES) return;
    this.shown = true;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Banyan: indexing the workspace', cancellable: true },
      (progress, token) =>
        new Promise<void>((resolve) => {
          let reported = 0;
          this.update = (done, total) => {
            const pct = total > 0 ? (100 * done) / total : 0;
            progress.report({ message: `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} files`, increment: Math.max(0, pct - reported) });
            reported = Math.max(reported, pct);
          };
          this.finish = () => {
            this.update = undefined;
            this.finish = undefined;
            resolve();
          };
          token.onCancellationRequested(() => {
            const client = this.server.client();
            if (client) void sendRequest(client, PauseIndexingRequest, { paused: true });
            void vscode.window.showInformationMessage('Banyan: indexing paused. Run "Banyan: Resume Indexing" to continue.');
            this.finish?.();
          });
          this.update(indexing.done, indexing.total);
        }),
    );
  }

  dispose(): void {
    this.finish?.();
    this.subscription.dispose();
  }
}
