/**
 * The history of conversations (kept per workspace by the extension) as a panel toggled from the
 * toolbar: pick one to reopen it, or delete it. Focus moves into the panel when it opens, to a
 * neighbour after a delete, and back to the toggle when it closes.
 */
import type { ConversationSummary } from '../../src/protocol/webview';
import { el, iconButton } from '../dom';

export interface HistoryActions {
  select(conversationId: string): void;
  remove(conversationId: string): void;
}

export class ConversationList {
  readonly element: HTMLElement;
  readonly toggleButton: HTMLButtonElement;
  private conversations: readonly ConversationSummary[] = [];
  private activeId: string | null = null;

  constructor(
    private readonly actions: HistoryActions,
    private readonly now: () => number,
  ) {
    this.toggleButton = iconButton('history', 'Show conversation history');
    this.toggleButton.setAttribute('aria-expanded', 'false');
    this.element = el('section', 'history');
    this.element.id = 'banyan-history';
    this.element.setAttribute('aria-label', 'Conversation history');
    this.element.hidden = true;
    this.toggleButton.setAttribute('aria-controls', this.element.id);
    this.toggleButton.addEventListener('click', () => this.toggle());
    this.element.addEventListener('click', (e) => this.onClick(e));
    this.element.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault(); // closing the list is all this Esc does (it must not also stop an answer)
      this.toggle(false);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  update(conversations: readonly ConversationSummary[], activeId: string | null): void {
    this.conversations = conversations;
    this.activeId = activeId;
    if (this.isOpen) this.render();
  }

  toggle(open = !this.isOpen): void {
    const wasOpen = this.isOpen;
    this.element.hidden = !open;
    this.toggleButton.setAttribute('aria-expanded', String(open));
    this.toggleButton.setAttribute('aria-label', open ? 'Hide conversation history' : 'Show conversation history');
    this.toggleButton.title = this.toggleButton.getAttribute('aria-label') ?? '';
    if (open && !wasOpen) {
      this.render();
      (this.element.querySelector('button') as HTMLElement | null)?.focus();
    } else if (!open && this.element.contains(document.activeElement)) this.toggleButton.focus();
  }

  private onClick(e: Event): void {
    const target = e.target as Element;
    const select = (target.closest('[data-select-conversation]') as HTMLElement | null)?.dataset.selectConversation;
    if (select) {
      this.toggle(false);
      this.actions.select(select);
      return;
    }
    const del = (target.closest('[data-delete-conversation]') as HTMLElement | null)?.dataset.deleteConversation;
    if (!del) return;
    const item = target.closest('li');
    const neighbour = ((item?.nextElementSibling ?? item?.previousElementSibling) as HTMLElement | null)?.dataset.conversationId;
    this.actions.remove(del);
    // Shown gone at once; the extension's next state agrees.
    this.update(
      this.conversations.filter((c) => c.id !== del),
      this.activeId,
    );
    const next = (Array.from(this.element.querySelectorAll('[data-select-conversation]')) as HTMLElement[]).find((b) => b.dataset.selectConversation === neighbour);
    (next ?? this.toggleButton).focus();
  }

  private render(): void {
    const list = el('ul', 'conversation-list');
    list.setAttribute('aria-label', 'Conversations');
    const now = this.now();
    for (const c of [...this.conversations].sort((a, b) => b.updatedAt - a.updatedAt)) {
      const item = el('li', 'conversation-item');
      item.dataset.conversationId = c.id;
      const open = el('button', 'conversation-open');
      open.type = 'button';
      open.dataset.selectConversation = c.id;
      if (c.id === this.activeId) {
        item.classList.add('active');
        open.setAttribute('aria-current', 'true');
      }
      open.append(el('span', 'conversation-title', c.title || 'Untitled'), el('span', 'conversation-when', `${relativeTime(c.updatedAt, now)} · ${c.messageCount} messages`));
      const del = iconButton('trash', `Delete conversation ${c.title || 'Untitled'}`);
      del.dataset.deleteConversation = c.id;
      item.append(open, del);
      list.append(item);
    }
    this.element.replaceChildren(this.conversations.length ? list : el('p', 'conversation-empty', 'No earlier conversations.'));
  }
}

export function relativeTime(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
