/**
 * Builds the chat panel's parts (conversation store, server turns, context chips, Apply preview,
 * controller) and plugs the controller into the chat view. One panel per window; commands reach it
 * through `chatPanel(ctx)`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BanyanContext } from '../banyanContext';
import type { ChatViewProvider } from '../chatViewProvider';
import { ApplyPreview } from './applyPreview';
import { ChatController } from './chatController';
import { ChatTurnClient } from './chatTurnClient';
import { CodeBlockActions } from './codeBlockActions';
import { ContextChips } from './contextChips';
import { ConversationStore } from './conversationStore';

export interface ChatPanel {
  readonly controller: ChatController;
  readonly preview: ApplyPreview;
  readonly view: ChatViewProvider;
}

const panels = new WeakMap<BanyanContext, ChatPanel>();

export function chatPanel(ctx: BanyanContext): ChatPanel | undefined {
  return panels.get(ctx);
}

export function registerChatPanel(ctx: BanyanContext, view: ChatViewProvider): vscode.Disposable[] {
  const storage = ctx.extension.storageUri ?? ctx.extension.globalStorageUri;
  const store = new ConversationStore(storage.scheme === 'file' ? path.join(storage.fsPath, 'chat') : undefined);
  const turns = new ChatTurnClient(ctx.server);
  const chips = new ContextChips();
  const preview = new ApplyPreview(ctx.log);
  const actions = new CodeBlockActions(preview);
  const controller = new ChatController(store, turns, chips, actions, (m) => view.post(m), ctx.log);
  view.attachChat(controller);
  panels.set(ctx, { controller, preview, view });
  return [turns, chips, preview, actions, controller];
}

/** "Add Selection to Chat": attach the selection (or the cursor's line) and focus the composer. */
export async function addSelectionToChat(ctx: BanyanContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const panel = chatPanel(ctx);
  if (!editor || !panel) return;
  await vscode.commands.executeCommand('banyan.chatView.focus');
  panel.controller.addSelection(editor);
}
