/**
 * Next-edit commands: Tab / Esc while a suggestion shows, the ghost-text accept report, on/off from the
 * status-bar menu, and the metrics (shown / accepted / rejected / ignored, latency, requests) in the log
 * beside the inline-suggestion metrics.
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../core/config/settings';
import { NextEditMetricsRequest } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { sendRequest } from '../typedClient';
import { NextEditController } from './nextEditController';

const controllers = new WeakMap<BanyanContext, NextEditController>();

/** The window's controller, created (and listening) on first use; activate() creates it. */
export function nextEditController(ctx: BanyanContext): NextEditController {
  let c = controllers.get(ctx);
  if (!c) {
    c = new NextEditController(ctx);
    controllers.set(ctx, c);
    ctx.extension.subscriptions.push(c);
  }
  return c;
}

export async function toggleNextEdit(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const next = !config.get<boolean>('nextEdit.enabled', false);
  await config.update('nextEdit.enabled', next, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(`Banyan: next-edit suggestions ${next ? 'on' : 'off'}`, 4000);
}

export async function showNextEditMetrics(ctx: BanyanContext): Promise<unknown> {
  const client = await ctx.server.readyClient();
  const m = await sendRequest(client, NextEditMetricsRequest, undefined);
  ctx.log.info(`Next-edit metrics: ${JSON.stringify(m, null, 2)}`);
  ctx.log.show(true);
  return m;
}
