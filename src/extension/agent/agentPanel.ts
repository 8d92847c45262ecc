/** Builds agent mode's parts (terminal, run store, controller) and plugs the controller into the chat view. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { BanyanContext } from '../banyanContext';
import type { ChatViewProvider } from '../chatViewProvider';
import { AgentController } from './agentController';
import { AgentRunStore } from './agentRunStore';
import { AgentTerminal } from './agentTerminal';

export function registerAgentPanel(ctx: BanyanContext, view: ChatViewProvider): vscode.Disposable[] {
  const terminal = new AgentTerminal(ctx.log);
  const storage = ctx.extension.storageUri ?? ctx.extension.globalStorageUri;
  const store = new AgentRunStore(storage.scheme === 'file' ? path.join(storage.fsPath, 'agent') : undefined);
  const controller = new AgentController(ctx.server, terminal, store, (m) => view.post(m), ctx.log);
  view.attachAgent(controller);
  return [controller, terminal];
}
