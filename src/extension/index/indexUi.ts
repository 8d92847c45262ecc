import type * as vscode from 'vscode';
import type { BanyanContext } from '../banyanContext';
import { IndexFileWatcher } from './fileWatcher';
import { IndexProgressNotifier } from './indexProgress';

/** The index's presence in the editor: the file watcher feeding the server and the first-index progress notification. */
export function registerIndexUi(ctx: BanyanContext): vscode.Disposable[] {
  return [new IndexFileWatcher(ctx.server), new IndexProgressNotifier(ctx.server)];
}
