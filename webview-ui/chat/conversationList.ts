/**
 * The history of conversations (from the extension, which keeps them per workspace): pick one to
 * reopen it, or delete it. Shown as a panel toggled from the toolbar.
 */
import type { ConversationSummary } from '../../src/protocol/webview';
import { el, iconButton } from '../dom';

export function renderConversationList(container: HTMLElement, conversations: readonly ConversationSummary[], activeId: string | null, now = Date.now()): void {
  const list = el('ul', 'conversation-list');
  list.setAttribute('aria-label', 'Conversations');
  for (const c of [...conversations].sort((a, b) => b.updatedAt - a.updatedAt)) {
    const item = el('li', 'conversation-item');
    item.dataset.conversationId = c.id;
    if (c.id === activeId) item.classList.add('active');
    const open = el('button', 'conversation-open');
    open.type = 'button';
    open.dataset.selectConversation = c.id;
    if (c.id === activeId) open.setAttribute('aria-current', 'true');
    open.append(el('span', 'conversation-title', c.title || 'Untitled'), el('span', 'conversation-when', `${relativeTime(c.updatedAt, now)} · ${c.messageCount} messages`));
    const del = iconButton('trash', `Delete conversation ${c.title || 'Untitled'}`);
    del.dataset.deleteConversation = c.id;
    item.append(open, del);
    list.append(item);
  }
  container.replaceChildren(conversations.length ? list : el('p', 'conversation-empty', 'No earlier conversations.'));
}

export function relativeTime(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
