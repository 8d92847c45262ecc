/**
 * Extension entry point. Reads as a table of contents: construct, register, return. The server starts
 * in the background so activation costs the window nothing noticeable.
 */
import * as vscode from 'vscode';
import { markActivateEnd, markActivateStart } from './activationTiming';
import type { BanyanContext } from './banyanContext';
import { ChatViewProvider } from './chatViewProvider';
import { registerCommands } from './commands';
import { registerIndexUi } from './index/indexUi';
import { registerChatPanel } from './chat/chatPanel';
import { registerAgentPanel } from './agent/agentPanel';
import { registerFirstRunOffer } from './models/firstRunOffer';
import { createLogChannel } from './logChannel';
import { nextEditController } from './nextEdit/nextEditCommands';
import { SecretStore } from './secretStore';
import { ServerManager } from './serverManager';
import { StatusBar } from './statusBar';

let current: BanyanContext | undefined;

export function activate(context: vscode.ExtensionContext): BanyanContext {
  markActivateStart();
  const log = createLogChannel();
  const secrets = new SecretStore(context);
  const server = new ServerManager(context, log, secrets);
  const ctx: BanyanContext = { extension: context, log, server, secrets, menuExtras: () => [] };
  const chat = new ChatViewProvider(context.extensionUri, server, log);

  context.subscriptions.push(
    log,
    secrets,
    server,
    new StatusBar(server),
    chat,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: false } }),
    ...registerCommands(ctx),
    ...registerIndexUi(ctx),
    ...registerChatPanel(ctx, chat),
    ...registerAgentPanel(ctx, chat),
    ...registerFirstRunOffer(ctx),
  );

  nextEditController(ctx);
  void server.start();
  current = ctx;
  markActivateEnd();
  return ctx;
}

export async function deactivate(): Promise<void> {
  await current?.server.stop();
  current = undefined;
}
