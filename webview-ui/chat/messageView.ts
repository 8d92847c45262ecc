/**
 * One message of the conversation: who said it, the text (plain for the user, streamed markdown for
 * the assistant), tool steps, token usage, an inline error with Retry, and the message's actions
 * (Edit for the user; Regenerate for an answer). Buttons carry `data-action`; the list handles clicks.
 */
import type { ChatMessage } from '../../src/protocol/webview';
import { el, icon, iconButton } from '../dom';
import { decorateCodeBlocks } from './codeBlockActions';
import { StreamingMarkdown, type FrameScheduler } from './streamingMarkdown';
import { renderThinking } from './thinkingBlock';
import { renderToolSteps } from './toolSteps';

export type MessageAction = 'edit' | 'regenerate' | 'retry' | 'copy-answer';

export class MessageView {
  readonly element: HTMLElement;
  private message: ChatMessage;
  private readonly markdown: StreamingMarkdown | null;
  private readonly body: HTMLElement;
  private readonly steps: HTMLElement;
  private readonly thinking: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly errorRow: HTMLElement;
  private readonly actions: HTMLElement;

  constructor(message: ChatMessage, schedule: FrameScheduler, isLastAnswer = false) {
    this.message = message;
    const assistant = message.role === 'assistant';
    this.element = el('article', `message ${message.role}`);
    this.element.dataset.messageId = message.id;
    this.element.setAttribute('aria-label', assistant ? 'Banyan' : 'You');
    const header = el('div', 'message-header');
    header.append(icon(assistant ? 'sparkle' : 'account'), el('span', 'message-author', assistant ? 'Banyan' : 'You'));
    this.meta = el('span', 'message-meta');
    this.actions = el('div', 'message-actions');
    header.append(this.meta, this.actions);
    this.steps = el('div', 'tool-steps');
    this.steps.hidden = true;
    this.thinking = el('div', 'message-thinking');
    this.thinking.hidden = true;
    this.body = el('div', 'message-body');
    this.errorRow = el('div', 'message-error');
    this.errorRow.setAttribute('role', 'alert');
    this.markdown = assistant ? new StreamingMarkdown(schedule, decorateCodeBlocks) : null;
    if (this.markdown) this.body.append(this.markdown.element);
    this.element.append(header, this.steps, this.thinking, this.body, this.errorRow);
    this.render(message, isLastAnswer);
    // A message that arrives with text (history, a reload) is drawn now, not a frame later.
    if (this.markdown && message.text) this.markdown.flush();
  }

  get id(): string {
    return this.message.id;
  }

  /** Appends streamed text (exact: the caller applied the same chunk to the state). */
  appendText(message: ChatMessage, chunk: string): void {
    this.message = message;
    this.markdown?.append(chunk);
    this.element.dataset.empty = String(message.text.length === 0);
  }

  /** Redraws only the reasoning block (a streamed reasoning chunk). */
  updateThinking(message: ChatMessage): void {
    this.message = message;
    renderThinking(this.thinking, message);
  }

  update(message: ChatMessage, isLastAnswer: boolean): void {
    const changed = message !== this.message;
    this.message = message;
    if (changed || this.element.dataset.lastAnswer !== String(isLastAnswer)) this.render(message, isLastAnswer);
  }

  /** Draws everything except streamed text, which goes through StreamingMarkdown. */
  private render(message: ChatMessage, isLastAnswer: boolean): void {
    const e = this.element;
    e.dataset.status = message.status;
    e.dataset.lastAnswer = String(isLastAnswer);
    e.dataset.empty = String(message.text.length === 0);
    e.setAttribute('aria-busy', String(message.status === 'streaming'));
    if (this.markdown) {
      this.markdown.setText(message.text, message.status !== 'streaming');
      if (message.status !== 'streaming') this.markdown.finish();
    } else {
      this.body.replaceChildren(el('div', 'user-text', message.text), ...mentionLabels(message));
    }
    renderToolSteps(this.steps, message.steps ?? []);
    renderThinking(this.thinking, message);
    this.meta.textContent = metaText(message);
    this.renderError(message);
    this.renderActions(message, isLastAnswer);
  }

  private renderError(message: ChatMessage): void {
    if (message.status !== 'error' && message.status !== 'stopped') {
      this.errorRow.replaceChildren();
      this.errorRow.hidden = true;
      return;
    }
    this.errorRow.hidden = false;
    const retry = iconButton('refresh', 'Retry this answer', 'Retry', 'secondary small');
    retry.dataset.action = 'retry';
    const text = message.status === 'stopped' ? 'Stopped.' : (message.error ?? 'The model failed.');
    this.errorRow.classList.toggle('stopped', message.status === 'stopped');
    this.errorRow.replaceChildren(icon(message.status === 'stopped' ? 'debug-stop' : 'error'), el('span', 'message-error-text', text), retry);
    if (message.status === 'stopped') this.errorRow.removeAttribute('role');
    else this.errorRow.setAttribute('role', 'alert');
  }

  private renderActions(message: ChatMessage, isLastAnswer: boolean): void {
    const buttons: HTMLButtonElement[] = [];
    if (message.role === 'user') buttons.push(action('edit', 'edit', 'Edit and resend this message'));
    else if (message.status !== 'streaming') {
      buttons.push(action('copy-answer', 'copy', 'Copy answer'));
      // A failed answer already offers Retry next to its error.
      if (isLastAnswer && message.status !== 'error') buttons.push(action('regenerate', 'refresh', 'Regenerate answer'));
    }
    this.actions.replaceChildren(...buttons);
  }

  /** The markdown renderer, for tests and for flushing before a reload snapshot. */
  get renderer(): StreamingMarkdown | null {
    return this.markdown;
  }
}

function action(name: MessageAction, iconName: string, label: string): HTMLButtonElement {
  const b = iconButton(iconName, label);
  b.dataset.action = name;
  return b;
}

function mentionLabels(message: ChatMessage): HTMLElement[] {
  const labels = [...(message.chips ?? []).map((c) => c.label), ...(message.mentions ?? []).map((m) => `@${m.label}`)];
  if (labels.length === 0) return [];
  const row = el('div', 'message-context');
  for (const l of labels) row.append(el('span', 'context-tag', l));
  return [row];
}

function metaText(message: ChatMessage): string {
  const parts: string[] = [];
  if (message.model) parts.push(message.model);
  if (message.usage) parts.push(`${fmt(message.usage.promptTokens)} in · ${fmt(message.usage.completionTokens)} out tokens`);
  return parts.join(' · ');
}

const fmt = (n: number) => n.toLocaleString('en-US');
