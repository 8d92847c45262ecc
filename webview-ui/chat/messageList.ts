/**
 * The active conversation's messages, keyed by id so an update touches only the messages that
 * changed and a streamed chunk goes straight to its message's renderer.
 */
import type { ChatMessage, Conversation } from '../../src/protocol/webview';
import { MessageView } from './messageView';
import type { FrameScheduler } from './streamingMarkdown';

export class MessageList {
  readonly element: HTMLElement;
  private views = new Map<string, MessageView>();
  private conversationId: string | null = null;

  constructor(
    private readonly schedule: FrameScheduler,
    private readonly emptyState: HTMLElement,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'messages';
    this.element.append(emptyState);
  }

  render(conversation: Conversation | null): void {
    const messages = conversation?.messages ?? [];
    if ((conversation?.id ?? null) !== this.conversationId) {
      this.views.clear();
      this.conversationId = conversation?.id ?? null;
    }
    const lastAnswer = [...messages].reverse().find((m) => m.role === 'assistant')?.id;
    const next = new Map<string, MessageView>();
    const elements: HTMLElement[] = [];
    for (const m of messages) {
      const isLast = m.id === lastAnswer;
      let view = this.views.get(m.id);
      if (view && view.element.classList.contains(m.role)) view.update(m, isLast);
      else view = new MessageView(m, this.schedule, isLast);
      next.set(m.id, view);
      elements.push(view.element);
    }
    this.views = next;
    this.emptyState.hidden = messages.length > 0;
    // Only reorder the DOM when the sequence changed, so streaming updates touch nothing else.
    const current = Array.from(this.element.children).filter((c) => c !== this.emptyState);
    if (current.length !== elements.length || current.some((c, i) => c !== elements[i])) this.element.replaceChildren(this.emptyState, ...elements);
  }

  appendText(message: ChatMessage, chunk: string): boolean {
    const view = this.views.get(message.id);
    if (!view) return false;
    view.appendText(message, chunk);
    return true;
  }

  updateThinking(message: ChatMessage): boolean {
    const view = this.views.get(message.id);
    if (!view) return false;
    view.updateThinking(message);
    return true;
  }

  view(messageId: string): MessageView | undefined {
    return this.views.get(messageId);
  }
}
