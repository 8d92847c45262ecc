/**
 * The chat panel: toolbar (model picker, history, new conversation), the conversation, context chips
 * and the composer. It renders the extension's state, posts the user's intents, and keeps a copy of
 * the state in the webview's own storage so a reload shows the conversation at once.
 */
import type { ChatMessage, ChatState, ExtensionToWebview, Mention, WebviewToExtension } from '../../src/protocol/webview';
import { el, iconButton } from '../dom';
import { codeBlockMessage } from './codeBlockActions';
import { Composer } from './composer';
import { renderContextChips } from './contextChips';
import { ConversationList } from './conversationList';
import { linkMessage } from './linkActions';
import { LiveRegion } from './liveRegion';
import type { Timers } from './mentionController';
import { MessageList } from './messageList';
import type { MessageAction } from './messageView';
import { createModelPicker, renderModelPicker } from './modelPicker';
import { keepScrolledToBottom } from './autoScroll';
import { applyDelta, EMPTY_CHAT, isPersistedView, lastUserMessage, streamingMessage, upsertMessage, withChips, type PersistedView } from './state';
import type { FrameScheduler } from './streamingMarkdown';

/** Everything the panel needs from its surroundings; injected so tests drive it without a webview. */
export interface ChatHost {
  post(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: PersistedView): void;
  schedule: FrameScheduler;
  timers: Timers;
  now(): number;
}

/** While streaming, the webview's saved copy is refreshed at most this often. */
const PERSIST_INTERVAL_MS = 1000;

export class ChatApp {
  readonly element: HTMLElement;
  readonly composer: Composer;
  readonly messages: MessageList;
  readonly live: LiveRegion;
  private state: ChatState = EMPTY_CHAT;
  private draft = '';
  private editingId: string | null = null;
  private removedChips = new Set<string>();
  private awaitingState = false;
  private persistTimer: unknown = null;
  private readonly chips: HTMLElement;
  private readonly history: ConversationList;
  private readonly modelPicker: HTMLSelectElement;

  constructor(private readonly host: ChatHost) {
    this.element = el('div', 'chat');
    this.live = new LiveRegion(host.now, 10_000);

    const toolbar = el('div', 'chat-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Chat');
    this.modelPicker = createModelPicker((modelId) => {
      this.state = { ...this.state, selectedModel: modelId };
      this.post({ type: 'model/select', modelId });
      this.persist();
    });
    this.history = new ConversationList(
      {
        select: (conversationId) => {
          this.setEditing(null);
          this.post({ type: 'chat/selectConversation', conversationId });
          this.composer.focus();
        },
        remove: (conversationId) => {
          this.post({ type: 'chat/delete', conversationId });
          this.state = { ...this.state, conversations: this.state.conversations.filter((c) => c.id !== conversationId) };
          this.persist();
        },
      },
      host.now,
    );
    const newButton = iconButton('add', 'New conversation');
    newButton.addEventListener('click', () => this.newConversation());
    toolbar.append(el('span', 'chat-title', 'Chat'), this.modelPicker, this.history.toggleButton, newButton);

    this.messages = new MessageList(host.schedule, welcome());
    this.messages.element.setAttribute('aria-label', 'Conversation');
    keepScrolledToBottom(this.messages.element);
    this.messages.element.addEventListener('click', (e) => this.onMessagesClick(e));
    this.messages.element.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.target as Element).matches?.('a[data-kind]')) this.onMessagesClick(e);
    });

    this.chips = el('div', 'context-chips');
    this.chips.setAttribute('role', 'group');
    this.chips.addEventListener('click', (e) => {
      const id = ((e.target as Element).closest('[data-remove-chip]') as HTMLElement | null)?.dataset.removeChip;
      if (!id) return;
      this.removedChips.add(id);
      this.post({ type: 'context/removeChip', chipId: id });
      this.renderChips();
      this.composer.focus();
    });

    this.composer = new Composer(
      {
        send: (text, mentions) => this.send(text, mentions),
        stop: () => this.stop(),
        editLast: () => this.editLast(),
        cancelEdit: () => this.cancelEdit(),
        draftChanged: (text) => {
          this.draft = text;
          this.persistSoon();
        },
      },
      (m) => this.post(m),
      host.timers,
    );
    const footer = el('div', 'chat-input');
    footer.append(this.chips, this.composer.element);
    this.element.append(toolbar, this.history.element, this.messages.element, footer, this.live.element);
    // Esc stops an answer wherever focus is in the panel (the composer handles its own Esc first).
    this.element.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !streamingMessage(this.state)) return;
      e.preventDefault();
      this.stop();
    });

    const saved = host.getState();
    if (isPersistedView(saved)) {
      this.state = saved.chat;
      this.draft = saved.draft;
      this.composer.setText(saved.draft);
    }
    this.renderAll();
  }

  /** The state as the panel holds it (tests read it). */
  get chatState(): ChatState {
    return this.state;
  }

  handle(msg: ExtensionToWebview): void {
    switch (msg.type) {
      case 'chat/state':
        this.awaitingState = false;
        this.state = msg.state;
        this.removedChips.clear();
        if (this.editingId && !this.state.active?.messages.some((m) => m.id === this.editingId)) this.cancelEdit();
        this.renderAll();
        this.persist();
        return;
      case 'chat/message':
        this.onMessage(msg.conversationId, msg.message);
        return;
      case 'chat/delta':
        this.onDelta(msg);
        return;
      case 'mention/results':
        this.composer.mentions.results(msg.requestId, msg.items);
        return;
      case 'context/chips':
        this.state = withChips(this.state, msg.chips);
        this.removedChips.clear();
        this.renderChips();
        this.persistSoon();
        return;
      case 'chat/focusComposer':
        this.composer.focus();
        return;
      default:
        return;
    }
  }

  private onMessage(conversationId: string, message: ChatMessage): void {
    const before = this.state;
    this.state = upsertMessage(this.state, conversationId, message);
    if (this.state === before) return;
    if (message.role === 'assistant' && message.status === 'streaming') this.live.say('Banyan is answering…');
    this.renderConversation();
    this.persist();
  }

  private onDelta(msg: Extract<ExtensionToWebview, { type: 'chat/delta' }>): void {
    const result = applyDelta(this.state, msg.conversationId, msg.messageId, msg.delta);
    if (result.gap) {
      // Missed chunks (e.g. a reload mid-stream): the extension sends the full state, text included.
      if (!this.awaitingState) this.post({ type: 'chat/requestState' });
      this.awaitingState = true;
      return;
    }
    if (result.state === this.state) return;
    this.state = result.state;
    const message = this.state.active?.messages.find((m) => m.id === msg.messageId);
    if (!message) return;
    const d = msg.delta;
    if (d.kind === 'text') {
      this.messages.appendText(message, result.appended);
      this.live.progress('Banyan is still answering…');
      this.persistSoon();
      return;
    }
    if (d.kind === 'thinking' || d.kind === 'thought') {
      this.messages.updateThinking(message);
      if (d.kind === 'thinking') this.live.progress('Banyan is thinking…');
      this.persistSoon();
      return;
    }
    if (d.kind === 'step') this.live.progress(`${d.step.title.replace(/`/g, '')}${d.step.resultCount !== undefined ? `, ${d.step.resultCount} results` : ''}`);
    if (d.kind === 'error') this.live.say(`The answer failed: ${d.message} Retry is available.`);
    if (d.kind === 'done') this.live.say(d.status === 'stopped' ? 'Answer stopped.' : `Answer complete${message.text ? `, ${wordCount(message.text)} words` : ''}.`);
    this.renderConversation();
    this.persist();
  }

  private send(text: string, mentions: Mention[]): void {
    const conversationId = this.state.active?.id ?? null;
    if (this.editingId && conversationId) {
      this.post({ type: 'chat/editResend', conversationId, messageId: this.editingId, text, mentions });
      this.setEditing(null);
    } else {
      const chipIds = this.visibleChips().map((c) => c.id);
      this.post({ type: 'chat/send', conversationId, text, mentions, chipIds });
    }
    this.composer.mentions.reset();
  }

  private stop(): void {
    const id = this.state.active?.id;
    if (id && streamingMessage(this.state)) this.post({ type: 'chat/stop', conversationId: id });
  }

  private editLast(): void {
    const last = lastUserMessage(this.state);
    if (last && !streamingMessage(this.state)) this.startEdit(last);
  }

  private startEdit(message: ChatMessage): void {
    this.setEditing(message.id);
    this.composer.setText(message.text, message.mentions ?? []);
    this.composer.focus();
  }

  private cancelEdit(): void {
    this.setEditing(null);
    this.composer.setText('');
  }

  private setEditing(id: string | null): void {
    this.editingId = id;
    this.composer.setEditing(id ? 'your message' : null);
    for (const e of Array.from(this.messages.element.querySelectorAll('.message.editing'))) e.classList.remove('editing');
    if (id) this.messages.view(id)?.element.classList.add('editing');
  }

  private newConversation(): void {
    this.setEditing(null);
    this.post({ type: 'chat/newConversation' });
    // Shown empty at once; the extension's chat/state follows.
    if (!streamingMessage(this.state)) {
      this.state = { ...this.state, active: null };
      this.renderConversation();
      this.persist();
    }
    this.history.toggle(false);
    this.composer.focus();
  }

  private onMessagesClick(e: Event): void {
    const target = e.target as Element;
    const link = target.closest('a[data-kind]');
    if (link) {
      e.preventDefault();
      const m = linkMessage(link);
      if (m) this.post(m);
      return;
    }
    if (target.closest('a')) {
      e.preventDefault(); // a link without a safe target does nothing
      return;
    }
    const article = target.closest('article.message') as HTMLElement | null;
    const messageId = article?.dataset.messageId;
    const conversationId = this.state.active?.id;
    if (!messageId || !conversationId) return;
    const codeButton = target.closest('[data-code-action]');
    if (codeButton) {
      const m = codeBlockMessage(codeButton, messageId);
      if (m) this.post(m);
      if (m?.type === 'codeblock/copy') this.flash(codeButton as HTMLElement, 'Copied');
      return;
    }
    const action = (target.closest('[data-action]') as HTMLElement | null)?.dataset.action as MessageAction | undefined;
    const message = this.state.active?.messages.find((m) => m.id === messageId);
    if (!action || !message) return;
    switch (action) {
      case 'edit':
        if (!streamingMessage(this.state)) this.startEdit(message);
        return;
      // The clicked button goes away with the re-render: focus goes back to the composer.
      case 'regenerate':
        this.post({ type: 'chat/regenerate', conversationId, messageId });
        this.composer.focus();
        return;
      case 'retry':
        this.post({ type: 'chat/retry', conversationId, messageId });
        this.composer.focus();
        return;
      case 'copy-answer':
        this.post({ type: 'codeblock/copy', code: message.text });
        this.flash(target.closest('button') as HTMLElement, 'Copied');
        return;
    }
  }

  private renderAll(): void {
    renderModelPicker(this.modelPicker, this.state.models, this.state.selectedModel);
    this.renderChips();
    this.renderHistory();
    this.renderConversation();
  }

  private renderConversation(): void {
    this.messages.render(this.state.active);
    this.composer.setStreaming(streamingMessage(this.state) !== undefined);
    if (this.editingId) this.messages.view(this.editingId)?.element.classList.add('editing');
  }

  private renderHistory(): void {
    this.history.update(this.state.conversations, this.state.active?.id ?? null);
  }

  private renderChips(): void {
    renderContextChips(this.chips, this.visibleChips());
  }

  private visibleChips() {
    return this.state.chips.filter((c) => !this.removedChips.has(c.id));
  }

  /** Brief visual confirmation on a button (e.g. "Copied"), also said to screen readers. */
  private flash(button: HTMLElement | null, text: string): void {
    if (!button) return;
    button.dataset.flash = text;
    this.live.say(text);
    this.host.timers.set(() => delete button.dataset.flash, 1200);
  }

  private post(message: WebviewToExtension): void {
    this.host.post(message);
  }

  private persist(): void {
    if (this.persistTimer !== null) this.host.timers.clear(this.persistTimer);
    this.persistTimer = null;
    this.host.setState({ version: 1, chat: this.state, draft: this.draft });
  }

  private persistSoon(): void {
    if (this.persistTimer === null) this.persistTimer = this.host.timers.set(() => this.persist(), PERSIST_INTERVAL_MS);
  }
}

function welcome(): HTMLElement {
  const w = el('div', 'welcome');
  w.append(
    el('h2', '', 'Ask Banyan about this workspace'),
    el('p', '', 'Answers are grounded in a local index of your code. Type @ to add a file, a symbol, the whole codebase, problems or git changes.'),
    el('p', 'welcome-keys', 'Enter sends · Shift+Enter new line · Esc stops · ↑ edits your last message'),
  );
  return w;
}


function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
