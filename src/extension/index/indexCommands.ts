import * as vscode from 'vscode';
import { type IndexStats, IndexStatusRequest, PauseIndexingRequest, ReindexRequest } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { sendRequest } from '../typedClient';

/** Banyan: Reindex Workspace — drops the index and builds it again in the background. */
export async function reindexWorkspace(ctx: BanyanContext): Promise<void> {
  const client = await ctx.server.readyClient();
  await sendRequest(client, ReindexRequest, undefined);
  void vscode.window.showInformationMessage('Banyan: reindexing the workspace. Progress shows in the status bar.');
}

/** Banyan: Pause Indexing / Resume Indexing. Editor changes are still indexed while paused. */
export async function setIndexingPaused(ctx: BanyanContext, paused: boolean): Promise<void> {
  const client = await ctx.server.readyClient();
  await sendRequest(client, PauseIndexingRequest, { paused });
  void vscode.window.showInformationMessage(paused ? 'Banyan: indexing paused. Run "Banyan: Resume Indexing" to continue.' : 'Banyan: indexing resumed.');
}

/**
 * Banyan: Show Index Status — files, symbols, chunks, languages, size on disk, last update, errors.
 * Returns the statistics so tests and other extensions can read them.
 */
export async function showIndexStatus(ctx: BanyanContext): Promise<IndexStats> {
  const client = await ctx.server.readyClient();
  const st = await sendRequest(client, IndexStatusRequest, undefined);
  const actions: string[] = ['Reindex', st.state === 'paused' ? 'Resume' : 'Pause'];
  if (st.errors.length) actions.push('Show Errors');
  void vscode.window.showInformationMessage(`Banyan index — ${describeStats(st)}`, ...actions).then((choice) => {
    if (choice === 'Reindex') void reindexWorkspace(ctx);
    else if (choice === 'Pause' || choice === 'Resume') void setIndexingPaused(ctx, choice === 'Pause');
    else if (choice === 'Show Errors') {
      for (const e of st.errors) ctx.log.warn(`index: ${e}`);
      ctx.log.show();
    }
  });
  return st;
}

/** One line for the notification; exported for tests. */
export function describeStats(st: IndexStats): string {
  if (!st.enabled) return 'disabled (banyan.index.enabled is off)';
  const languages = Object.entries(st.languages)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const parts = [
    st.state === 'idle' ? 'up to date' : st.state,
    `${st.files.toLocaleString('en-US')} files`,
    `${st.symbols.toLocaleString('en-US')} symbols`,
    `${st.chunks.toLocaleString('en-US')} chunks`,
    ...(languages ? [languages] : []),
    `${(st.sizeOnDiskBytes / 1048576).toFixed(1)} MB on disk`,
    ...(st.lastUpdated ? [`updated ${new Date(st.lastUpdated).toLocaleTimeString()}`] : []),
    `${st.errors.length} error${st.errors.length === 1 ? '' : 's'}`,
  ];
  if (st.capped) parts.push(st.capped);
  return parts.join(' · ');
}
