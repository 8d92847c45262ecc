/**
 * A built-in model download as the user sees it: a cancellable progress notification with bytes and
 * speed, a status bar entry while it runs, and the roles set to the model once it is verified. The
 * download itself runs in the server (banyan/localModels/download), never in the extension host.
 */
import * as vscode from 'vscode';
import { formatBytes } from '../../core/localModels/catalogue';
import { DownloadModelRequest, type DownloadModelResult, DownloadProgressNotification, type ModelRole, SettingsChangedNotification } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { readBanyanSettings, readEditorSettings } from '../editorSettings';
import { onNotification, sendNotification, sendRequest } from '../typedClient';

export interface ModelToGet {
  readonly id: string;
  readonly name: string;
  readonly sizeBytes: number;
}

/** Downloads with progress; undefined when cancelled or failed (the user has been told which). */
export async function downloadWithProgress(ctx: BanyanContext, model: ModelToGet): Promise<DownloadModelResult | undefined> {
  const client = await ctx.server.readyClient();
  const downloadId = `download-${Date.now().toString(36)}`;
  const item = vscode.window.createStatusBarItem('banyan.modelDownload', vscode.StatusBarAlignment.Right, 99);
  item.name = 'Banyan model download';
  item.text = `$(cloud-download) ${model.name} 0%`;
  item.show();
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Banyan: downloading ${model.name} (${formatBytes(model.sizeBytes)})`, cancellable: true },
      async (progress, token) => {
        let shown = 0;
        const sub = onNotification(client, DownloadProgressNotification, (p) => {
          if (p.downloadId !== downloadId) return;
          const pct = p.totalBytes ? Math.min(100, Math.floor((p.receivedBytes / p.totalBytes) * 100)) : 0;
          const message = p.phase === 'verifying'
            ? 'checking the file (sha256)…'
            : `${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}${p.bytesPerSecond ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}`;
          progress.report({ message, increment: pct - shown });
          shown = pct;
          item.text = `$(cloud-download) ${model.name} ${pct}%`;
          item.tooltip = `Banyan: downloading ${model.name}: ${message}`;
        });
        try {
          const result = await sendRequest(client, DownloadModelRequest, { id: model.id, downloadId }, token);
          ctx.log.info(`${model.name}: ${result.alreadyPresent ? 'already downloaded' : 'downloaded and verified'} at ${result.path}`);
          return result;
        } catch (err) {
          if (token.isCancellationRequested) {
            void vscode.window.showInformationMessage(`Banyan: the download of ${model.name} was cancelled. Downloading it again continues where it stopped.`);
            return undefined;
          }
          const message = err instanceof Error ? err.message : String(err);
          ctx.log.warn(`download of ${model.name} failed: ${message}`);
          void vscode.window.showErrorMessage(`Banyan: could not download ${model.name}: ${message}`);
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  } finally {
    item.dispose();
  }
}

/** Points roles at a built-in model (user settings) and tells the server at once. */
export async function useBuiltInModel(ctx: BanyanContext, roles: readonly ModelRole[], id: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('banyan');
  for (const role of roles) {
    await config.update(`models.${role}.provider`, 'embedded', vscode.ConfigurationTarget.Global);
    await config.update(`models.${role}.model`, id, vscode.ConfigurationTarget.Global);
    if (role === 'completion') await config.update('models.completion.template', 'auto', vscode.ConfigurationTarget.Global);
  }
  const client = await ctx.server.readyClient();
  await sendNotification(client, SettingsChangedNotification, { settings: readBanyanSettings(), editorSettings: readEditorSettings() });
  ctx.log.info(`${roles.join(', ')} now use the built-in model ${id}`);
}

/** Download, then use for `roles`, then say so. */
export async function downloadAndUse(ctx: BanyanContext, model: ModelToGet, roles: readonly ModelRole[]): Promise<boolean> {
  const result = await downloadWithProgress(ctx, model);
  if (!result) return false;
  if (roles.length) await useBuiltInModel(ctx, roles, model.id);
  void vscode.window.showInformationMessage(
    roles.length ? `Banyan: ${model.name} is ready. ${describeRoles(roles)} now run on this machine.` : `Banyan: ${model.name} is ready.`,
  );
  return true;
}

export function describeRoles(roles: readonly ModelRole[]): string {
  const names: Record<ModelRole, string> = { completion: 'Completions', chat: 'chat', edit: 'rewrites', agent: 'the agent', embeddings: 'embeddings', nextEdit: 'next-edit suggestions' };
  const list = roles.map((r) => names[r]);
  const text = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0] ?? '';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
