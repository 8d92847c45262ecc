/** Builds agent mode's parts (terminal, controller) and plugs the controller into the chat view. */
import type * as vscode from 'vscode';
import type { BanyanContext } from '../banyanContext';
import type { ChatViewProvider } from '../chatViewProvider';
import { AgentController } from './agentController';
import { AgentTerminal } from './agentTerminal';

export function registerAgentPanel(ctx: BanyanContext, view: ChatViewProvider): vscode.Disposable[] {
  const terminal = new AgentTerminal(ctx.log);
  const controller = new AgentController(ctx.server, terminal, (m) => view.post(m), ctx.log);
  view.attachAgent(controller);
  return [controller, terminal];
}
