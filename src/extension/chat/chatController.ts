/**
 * The chat panel's controller: implements the webview protocol (src/protocol/webview.ts) over the
 * persisted conversations, the server's chat turns, the context chips and the code block actions.
 * The extension owns the truth; the webview renders `chat/state`, `chat/message` and `chat/delta`.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatTurnAttachment, ChatTurnEvent, ChatTurnHistoryMessage, ChatTurnReference, ChatTurnResult } from '../../protocol/lsp';
import type { ChatDelta, ChatMessage, ChatState, Conversation, ExtensionToWebview, Mention, ModelInfo, ToolStep, WebviewToExtension } from '../../protocol/webview';
import { chatModels, isPickableRole } from './chatModels';
import type { ChatTurnClient, RunningTurn } from './chatTurnClient';
import type { CodeBlockActions } from './codeBlockActions';
import type { ContextChips } from './contextChips';
import type { ConversationStore } from './conversationStore';
import { problemsText } from './problemsText';
import { openLocation } from './workspaceLocation';

interface Stream {
  readonly conversationId: string;
  message: ChatMessage;
  readonly turn: RunningTurn;
  stopped: boolean;
}

/** Sources listed under an answer that cites no file itself. */
const MAX_LISTED_SOURCES = 5;

export class ChatController implements vscode.Disposable {
  private readonly streams = new Map<string, Stream>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConversationStore,
    private readonly turns: ChatTurnClient,
    private readonly chips: ContextChips,
    private readonly actions: CodeBlockActions,
    private readonly post: (message: ExtensionToWebview) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      chips.onDidChange((c) => this.post({ type: 'context/chips', chips: c })),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('banyan.models') && this.postState()),
    );
  }

  handle(msg: WebviewToExtension): void {
    void this.dispatch(msg).catch((err: unknown) => {
      this.log.error(`Chat: ${msg.type} failed: ${err instanceof Error ? err.message : String(err)}`);
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    });
  }

  /** "Add Selection to Chat". */
  addSelection(editor: vscode.TextEditor): void {
    this.chips.addSelection(editor);
    this.post({ type: 'chat/focusComposer' });
  }

  private async dispatch(msg: WebviewToExtension): Promise<void> {
    switch (msg.type) {
      case 'ready':
      case 'chat/requestState':
        return this.postState();
      case 'chat/send':
        return this.send(msg.conversationId, msg.text, msg.mentions, this.chips.attachments(msg.chipIds), msg.chipIds);
      case 'chat/stop':
        return this.stop(msg.conversationId);
      case 'chat/regenerate':
      case 'chat/retry':
        return this.rerun(msg.conversationId, msg.messageId);
      case 'chat/editResend':
        return this.editResend(msg.conversationId, msg.messageId, msg.text, msg.mentions);
      case 'chat/newConversation':
        this.store.setActive(null);
        return this.postState();
      case 'chat/selectConversation':
        if (this.store.get(msg.conversationId)) this.store.setActive(msg.conversationId);
        return this.postState();
      case 'chat/delete':
        this.streams.get(msg.conversationId)?.turn.cancel();
        this.store.delete(msg.conversationId);
        return this.postState();
      case 'model/select':
        if (isPickableRole(msg.modelId)) this.store.setSelectedModel(msg.modelId);
        return this.postState();
      case 'mention/query': {
        const items = await this.turns.mentions(msg.kind, msg.query).catch(() => []);
        this.post({ type: 'mention/results', requestId: msg.requestId, items });
        return;
      }
      case 'context/removeChip':
        return this.chips.remove(msg.chipId);
      case 'codeblock/copy':
        return this.actions.copy(msg.code);
      case 'codeblock/insert':
        return this.actions.insert(msg.code);
      case 'codeblock/apply':
        return this.actions.apply(msg.code, msg.language, msg.path, (path) => this.store.addApplied({ messageId: msg.messageId, path, code: msg.code }));
      case 'openLocation':
        if (!(await openLocation(msg.path, msg.line, msg.column))) this.post({ type: 'error', message: `${msg.path} is not a file of this workspace.` });
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        return;
      case 'requestStatus':
      case 'runCommand':
        return; // the view provider answers these
    }
  }

  state(): ChatState {
    const activeId = this.store.activeId();
    const active = activeId ? (this.store.get(activeId) ?? null) : null;
    const models = chatModels();
    return {
      conversations: this.store.conversations().map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messageCount: c.messages.length })),
      active: active ? this.withLiveText(active) : null,
      models,
      selectedModel: this.selectedModel(models),
      chips: this.chips.chips(),
    };
  }

  /** The picked model when it is still configured, else the first one. */
  private selectedModel(models: readonly ModelInfo[]): string | null {
    const selected = this.store.selectedModel();
    return models.some((m) => m.id === selected) ? selected : (models[0]?.id ?? null);
  }

  private postState(): void {
    this.post({ type: 'chat/state', state: this.state() });
  }

  /** The stored conversation with any streaming message's text so far (a reload mid-stream recovers it). */
  private withLiveText(c: Conversation): Conversation {
    const s = this.streams.get(c.id);
    return s ? { ...c, messages: c.messages.map((m) => (m.id === s.message.id ? s.message : m)) } : c;
  }

  private async send(conversationId: string | null, text: string, mentions: readonly Mention[], attachments: ChatTurnAttachment[], chipIds: readonly string[]): Promise<void> {
    const existing = conversationId ? this.store.get(conversationId) : undefined;
    if (existing) this.stop(existing.id);
    const chips = this.chips.chips().filter((c) => chipIds.includes(c.id));
    const user: ChatMessage = { id: randomUUID(), role: 'user', text, status: 'done', ...(mentions.length ? { mentions } : {}), ...(chips.length ? { chips } : {}), createdAt: Date.now() };
    const conversation: Conversation = existing
      ? { ...existing, messages: [...existing.messages, user], updatedAt: Date.now() }
      : { id: conversationId ?? randomUUID(), title: titleOf(text), messages: [user], updatedAt: Date.now() };
    this.store.put(conversation);
    this.store.setActive(conversation.id);
    this.chips.clearAdded();
    this.post({ type: 'chat/message', conversationId: conversation.id, message: user });
    this.answer(conversation, attachments);
  }

  /** Regenerate or Retry: the assistant message `messageId` is asked again (it and what follows are replaced). */
  private rerun(conversationId: string, messageId: string): void {
    const c = this.store.get(conversationId);
    const i = c?.messages.findIndex((m) => m.id === messageId) ?? -1;
    if (!c || i < 0 || c.messages[i]!.role !== 'assistant') return this.postState();
    this.stop(c.id);
    const kept: Conversation = { ...c, messages: c.messages.slice(0, i), updatedAt: Date.now() };
    this.store.put(kept);
    this.postState();
    this.answer(kept, undefined);
  }

  private editResend(conversationId: string, messageId: string, text: string, mentions: readonly Mention[]): void {
    const c = this.store.get(conversationId);
    const i = c?.messages.findIndex((m) => m.id === messageId) ?? -1;
    if (!c || i < 0 || c.messages[i]!.role !== 'user') return this.postState();
    this.stop(c.id);
    const { mentions: _old, ...rest } = c.messages[i]!;
    const edited: ChatMessage = { ...rest, text, ...(mentions.length ? { mentions } : {}), createdAt: Date.now() };
    const kept: Conversation = { ...c, messages: [...c.messages.slice(0, i), edited], updatedAt: Date.now() };
    this.store.put(kept);
    this.postState();
    this.answer(kept, undefined);
  }

  private stop(conversationId: string): void {
    const s = this.streams.get(conversationId);
    if (!s) return;
    s.stopped = true;
    s.turn.cancel();
  }

  /** Answers the conversation's last (user) message. `attachments` undefined: rebuilt from its chips. */
  private answer(conversation: Conversation, attachments: ChatTurnAttachment[] | undefined): void {
    const user = conversation.messages[conversation.messages.length - 1];
    if (!user || user.role !== 'user') return;
    const models = chatModels();
    const role = this.selectedModel(models);
    const assistant: ChatMessage = { id: randomUUID(), role: 'assistant', text: '', status: 'streaming', ...(role ? { model: models.find((m) => m.id === role)?.label ?? role } : {}), createdAt: Date.now() };
    const withAnswer: Conversation = { ...conversation, messages: [...conversation.messages, assistant], updatedAt: Date.now() };
    this.store.put(withAnswer);
    this.post({ type: 'chat/message', conversationId: conversation.id, message: assistant });

    const mentions = user.mentions ?? [];
    const attached = [...(attachments ?? chipAttachments(user)), ...(mentions.some((m) => m.kind === 'problems') ? [{ kind: 'problems' as const, label: 'Problems', text: problemsText() }] : [])];
    const turn = this.turns.start(
      {
        turnId: assistant.id,
        history: history(conversation.messages.slice(0, -1), this.store.applied()),
        question: user.text,
        mentions: mentions.map((m) => ({ kind: m.kind, ...(m.value ? { value: m.value } : {}) })),
        attachments: attached,
        ...(isPickableRole(role) ? { role } : {}),
      },
      (event) => this.onEvent(conversation.id, event),
    );
    const stream: Stream = { conversationId: conversation.id, message: assistant, turn, stopped: false };
    this.streams.set(conversation.id, stream);
    void turn.result.then(
      (r) => this.finish(stream, r),
      (err: unknown) => this.finish(stream, { status: stream.stopped ? 'stopped' : 'error', text: stream.message.text, references: [], error: err instanceof Error ? err.message : String(err) }),
    );
  }

  private onEvent(conversationId: string, event: ChatTurnEvent): void {
    const s = this.streams.get(conversationId);
    if (!s) return;
    switch (event.type) {
      case 'text':
        this.delta(s, { kind: 'text', offset: s.message.text.length, text: event.text }, { ...s.message, text: s.message.text + event.text });
        return;
      case 'thinking': {
        const before = s.message.thinking?.text ?? '';
        this.delta(s, { kind: 'thinking', offset: before.length, text: event.text }, { ...s.message, thinking: { ...s.message.thinking, text: before + event.text } });
        return;
      }
      case 'thought':
        this.delta(s, { kind: 'thought', durationMs: event.durationMs }, { ...s.message, thinking: { text: s.message.thinking?.text ?? '', durationMs: event.durationMs } });
        return;
      case 'step': {
        const step: ToolStep = { id: event.step.id, title: event.step.title, status: event.step.status, ...(event.step.resultCount !== undefined ? { resultCount: event.step.resultCount } : {}), ...(event.step.detail ? { detail: event.step.detail } : {}) };
        const steps = s.message.steps ?? [];
        const next = steps.some((x) => x.id === step.id) ? steps.map((x) => (x.id === step.id ? step : x)) : [...steps, step];
        this.delta(s, { kind: 'step', step }, { ...s.message, steps: next });
        return;
      }
      case 'usage': {
        const usage = { promptTokens: event.usage.promptTokens, completionTokens: event.usage.completionTokens };
        this.delta(s, { kind: 'usage', usage }, { ...s.message, usage });
        return;
      }
      case 'references':
        return; // cited in the text; listed at the end when the answer names no file
    }
  }

  private delta(s: Stream, delta: ChatDelta, next: ChatMessage, persistNow = false): void {
    s.message = next;
    this.store.updateMessage(s.conversationId, next, persistNow);
    this.post({ type: 'chat/delta', conversationId: s.conversationId, messageId: next.id, delta });
  }

  private finish(s: Stream, r: ChatTurnResult): void {
    if (this.streams.get(s.conversationId) === s) this.streams.delete(s.conversationId);
    if (r.status === 'done') {
      const sources = sourcesFooter(s.message.text, r.references);
      if (sources) this.delta(s, { kind: 'text', offset: s.message.text.length, text: sources }, { ...s.message, text: s.message.text + sources });
    }
    if (r.status === 'error') {
      const message = r.error ?? 'The model failed.';
      this.delta(s, { kind: 'error', message }, { ...s.message, status: 'error', error: message }, true);
      return;
    }
    const status = r.status === 'stopped' || s.stopped ? 'stopped' : 'done';
    this.delta(s, { kind: 'done', status }, { ...s.message, status }, true);
  }

  dispose(): void {
    for (const s of this.streams.values()) s.turn.cancel();
    this.store.flush();
    for (const d of this.disposables) d.dispose();
  }
}

function titleOf(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}

/** Earlier messages as the model sees them; failed answers without text are left out. */
function history(messages: readonly ChatMessage[], applied: readonly { messageId: string; path: string; code: string }[]): ChatTurnHistoryMessage[] {
  return messages
    .filter((m) => m.text.trim() || m.role === 'user')
    .map((m) => {
      const mine = applied.filter((a) => a.messageId === m.id).map((a) => ({ path: a.path, code: a.code }));
      return { role: m.role, content: m.text, ...(mine.length ? { applied: mine } : {}) };
    });
}

/** A re-asked message's chips, read again from the workspace (the selection by its lines). */
function chipAttachments(user: ChatMessage): ChatTurnAttachment[] {
  return (user.chips ?? []).map((c) =>
    c.kind === 'selection' && c.startLine && c.endLine
      ? { kind: 'selection', label: `Selection ${c.path}:${c.startLine}-${c.endLine}`, path: c.path, startLine: c.startLine - 1, endLine: c.endLine - 1 }
      : { kind: 'file', label: `File ${c.path}`, path: c.path },
  );
}

function sourcesFooter(text: string, refs: readonly ChatTurnReference[]): string {
  if (!refs.length || refs.some((r) => text.includes(r.path))) return '';
  const list = refs.slice(0, MAX_LISTED_SOURCES).map((r) => `\`${r.path}:${r.startLine}${r.endLine !== r.startLine ? `-${r.endLine}` : ''}\``);
  return `${text.endsWith('\n') ? '\n' : '\n\n'}Sources: ${list.join(' · ')}`;
}
