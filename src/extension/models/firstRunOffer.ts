/**
 * The first-run offer: once the server is up, if no configured model answers and no built-in model is
 * downloaded, Banyan offers (once; never again after any answer) to run a model itself: *Use a
 * built-in model (name, size download)* / *Configure a model server* / *Not now*. Nothing is
 * downloaded without that click. The universal package (no native runtime) never offers.
 */
import * as vscode from 'vscode';
import { formatBytes } from '../../core/localModels/catalogue';
import { FirstRunStateRequest, type ModelRole } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { COMMANDS } from '../commandIds';
import { sendRequest } from '../typedClient';
import { downloadAndUse } from './modelDownload';

/** globalState key: set once the user has answered the offer (or closed it). */
export const FIRST_RUN_KEY = 'banyan.firstRunOffer';
const ROLES: readonly ModelRole[] = ['completion', 'chat', 'edit', 'agent'];

export function registerFirstRunOffer(ctx: BanyanContext): vscode.Disposable[] {
  let checking = false;
  const check = async () => {
    const state = ctx.server.serverStatus()?.state;
    if (checking || (state !== 'ready' && state !== 'indexing') || ctx.extension.globalState.get(FIRST_RUN_KEY)) return;
    if (!vscode.workspace.getConfiguration('banyan').get<boolean>('models.embedded.offerOnFirstRun', true)) return;
    checking = true;
    const client = await ctx.server.readyClient();
    const first = await sendRequest(client, FirstRunStateRequest, undefined);
    if (!first.offer) return;
    const offer = first.offer;
    const use = `Use a built-in model (${offer.name}, ${formatBytes(offer.sizeBytes)} download)`;
    const choice = await vscode.window.showInformationMessage(
      'Banyan: no model answers yet (nothing at the configured endpoints, and no built-in model). Banyan can run a model itself, on this machine, with nothing else to install.',
      use, 'Configure a model server', 'Not now',
    );
    await ctx.extension.globalState.update(FIRST_RUN_KEY, choice ?? 'closed');
    ctx.log.info(`first-run offer: ${choice ?? 'closed'}`);
    if (choice === use) await downloadAndUse(ctx, offer, ROLES);
    else if (choice === 'Configure a model server') await vscode.commands.executeCommand(COMMANDS.configureModel.id);
  };
  const run = () => void check().catch((err: unknown) => ctx.log.warn(`first-run check failed: ${err instanceof Error ? err.message : String(err)}`));
  return [
    ctx.server.onDidChange(run),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('banyan.models.embedded.offerOnFirstRun')) return;
      checking = false;
      run();
    }),
  ];
}
