/**
 * The model's reasoning, folded above its answer: "Thinking…" while it reasons, "Thought for N s"
 * once the answer starts. Closed by default; the same <details> element is kept across updates so
 * the user's open/closed choice survives streaming. The reasoning is model output: while it streams
 * it is shown as plain text (cheap, and never markup), once it ended as sanitised markdown.
 */
import type { ChatMessage } from '../../src/protocol/webview';
import { el, icon } from '../dom';
import { renderMarkdown } from './markdown/renderMarkdown';

export function renderThinking(container: HTMLElement, message: ChatMessage): void {
  const thinking = message.thinking;
  container.hidden = !thinking?.text;
  if (!thinking?.text) {
    container.replaceChildren();
    return;
  }
  let details = container.firstElementChild as HTMLDetailsElement | null;
  if (!details) {
    details = el('details', 'thinking') as HTMLDetailsElement;
    details.append(el('summary', 'thinking-summary'), el('div', 'thinking-body'));
    // Drawn when opened, not on every streamed chunk of a block nobody looks at.
    details.addEventListener('toggle', () => fillBody(details!));
    container.append(details);
  }
  const ended = thinking.durationMs !== undefined || message.status !== 'streaming';
  details.dataset.text = thinking.text;
  details.dataset.ended = String(ended);
  const summary = details.querySelector('summary')!;
  summary.replaceChildren(icon(ended ? 'lightbulb' : 'loading'), el('span', 'thinking-label', label(thinking.durationMs, ended)));
  if (details.open) fillBody(details);
}

function fillBody(details: HTMLDetailsElement): void {
  const body = details.querySelector('.thinking-body')!;
  if (!details.open) return;
  const text = details.dataset.text ?? '';
  if (details.dataset.ended === 'true') {
    if (body.getAttribute('data-rendered') === text) return;
    body.replaceChildren(renderMarkdown(text));
    body.setAttribute('data-rendered', text);
  } else {
    body.textContent = text;
    body.removeAttribute('data-rendered');
  }
}

/** "Thinking…", "Thought for 12 s", "Thought for a moment" (under a second), "Thought" (time unknown). */
export function label(durationMs: number | undefined, ended: boolean): string {
  if (!ended) return 'Thinking…';
  if (durationMs === undefined) return 'Thought';
  if (durationMs < 1000) return 'Thought for a moment';
  const s = Math.round(durationMs / 1000);
  return s < 60 ? `Thought for ${s} s` : `Thought for ${Math.floor(s / 60)} min ${s % 60} s`;
}
