/**
 * Approval cards: what the agent wants to do (the diff, the command), and the user's three answers —
 * Approve, Approve for this session, Deny (with optional feedback for the model). Rendered from DOM
 * nodes only; the detail is plain text.
 */
import type { AgentApprovalCard, WebviewToExtension } from '../../src/protocol/webview';
import { el, iconButton } from '../dom';

const CATEGORY: Record<AgentApprovalCard['category'], string> = { read: 'Read', edit: 'Edit', command: 'Run command', mcp: 'MCP tool' };

export function renderApprovalCards(container: HTMLElement, cards: readonly AgentApprovalCard[], post: (m: WebviewToExtension) => void): void {
  const existing = new Map<string, HTMLElement>();
  for (const c of Array.from(container.children) as HTMLElement[]) if (c.dataset.approvalId) existing.set(c.dataset.approvalId, c);
  // Existing cards are kept as they are, so feedback being typed is not lost on re-render.
  container.replaceChildren(...cards.map((card) => existing.get(card.id) ?? buildCard(card, post)));
  container.hidden = cards.length === 0;
}

function buildCard(card: AgentApprovalCard, post: (m: WebviewToExtension) => void): HTMLElement {
  const root = el('section', 'approval-card');
  root.dataset.approvalId = card.id;
  root.dataset.category = card.category;
  root.setAttribute('data-testid', 'agent-approval');
  root.setAttribute('aria-label', `Approval needed: ${card.title}`);
  const head = el('div', 'approval-head');
  head.append(el('span', 'approval-category', CATEGORY[card.category]), el('span', 'approval-title', card.title));
  root.append(head);
  if (card.detail) {
    const pre = el('pre', card.category === 'edit' ? 'approval-detail diff' : 'approval-detail');
    for (const line of card.detail.split('\n')) {
      const span = el('span', line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '', `${line}\n`);
      pre.append(span);
    }
    root.append(pre);
  }
  const feedback = el('textarea', 'approval-feedback');
  feedback.rows = 1;
  feedback.placeholder = 'Feedback for the agent if you deny (optional)';
  feedback.setAttribute('aria-label', 'Feedback if you deny');
  feedback.setAttribute('data-testid', 'approval-feedback');
  const answer = (decision: 'approve' | 'approveSession' | 'deny') => {
    for (const b of Array.from(root.querySelectorAll('button'))) b.disabled = true;
    const text = feedback.value.trim();
    post({ type: 'agent/approve', approvalId: card.id, decision, ...(decision === 'deny' && text ? { feedback: text } : {}) });
  };
  const approve = iconButton('check', 'Approve', 'Approve', 'small');
  approve.setAttribute('data-testid', 'approval-approve');
  approve.addEventListener('click', () => answer('approve'));
  const session = iconButton('check-all', 'Approve for this session', 'Approve for this session', 'secondary small');
  session.setAttribute('data-testid', 'approval-approve-session');
  session.addEventListener('click', () => answer('approveSession'));
  const deny = iconButton('close', 'Deny', 'Deny', 'secondary small');
  deny.setAttribute('data-testid', 'approval-deny');
  deny.addEventListener('click', () => answer('deny'));
  const actions = el('div', 'approval-actions');
  actions.append(approve, session, deny);
  root.append(feedback, actions);
  return root;
}
