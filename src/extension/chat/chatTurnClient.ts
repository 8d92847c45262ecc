/**
 * Runs chat turns on the Banyan server: banyan/chat/turn with its progress notifications routed to
 * the turn that asked, and banyan/chat/mentions for the `@` popup.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ChatCancelNotification,
  ChatProgressNotification,
  type ChatTurnEvent,
  type ChatTurnParams,
  ChatTurnRequest,
  type ChatTurnResult,
  type MentionCandidate,
  MentionSearchRequest,
} from '../../protocol/lsp';
import type { ServerManager } from '../serverManager';
import { onNotification, sendNotification, sendRequest } from '../typedClient';

export interface RunningTurn {
  readonly result: Promise<ChatTurnResult>;
  cancel(): void;
}

export class ChatTurnClient implements vscode.Disposable {
  private readonly listeners = new Map<string, (event: ChatTurnEvent) => void>();
  private subscribed: LanguageClient | undefined;
  private subscription: { dispose(): void } | undefined;

  constructor(private readonly server: ServerManager) {}

  start(params: ChatTurnParams, onEvent: (event: ChatTurnEvent) => void): RunningTurn {
    const cts = new vscode.CancellationTokenSource();
    let client: LanguageClient | undefined;
    const result = (async () => {
      client = await this.server.readyClient();
      this.subscribe(client);
      this.listeners.set(params.turnId, onEvent);
      try {
        return await sendRequest(client, ChatTurnRequest, params, cts.token);
      } finally {
        this.listeners.delete(params.turnId);
        cts.dispose();
      }
    })();
    return {
      result,
      cancel: () => {
        if (client) void sendNotification(client, ChatCancelNotification, { turnId: params.turnId }).catch(() => undefined);
        cts.cancel();
      },
    };
  }

  async mentions(kind: 'file' | 'symbol', query: string): Promise<readonly MentionCandidate[]> {
    const client = this.server.client();
    if (!client) return [];
    return sendRequest(client, MentionSearchRequest, { kind, query, limit: 20 });
  }

  /** One progress subscription per language client (it survives server restarts). */
  private subscribe(client: LanguageClient): void {
    if (this.subscribed === client) return;
    this.subscription?.dispose();
    this.subscribed = client;
    this.subscription = onNotification(client, ChatProgressNotification, (p) => this.listeners.get(p.turnId)?.(p.event));
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
