/**
 * The message box. Enter sends, Shift+Enter breaks the line, Esc stops a streaming answer (or
 * cancels an edit), Up in an empty box edits the last message you sent. While an answer streams
 * the Send button becomes Stop.
 */
import type { Mention, WebviewToExtension } from '../../src/protocol/webview';
import { el, icon, iconButton } from '../dom';
import { DEFAULT_TIMERS, MentionController, type Timers } from './mentionController';

export interface ComposerActions {
  send(text: string, mentions: Mention[]): void;
  stop(): void;
  editLast(): void;
  cancelEdit(): void;
  /** The draft changed (persisted across webview reloads). */
  draftChanged(text: string): void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  readonly mentions: MentionController;
  private readonly sendButton: HTMLButtonElement;
  private readonly editBanner: HTMLElement;
  private streaming = false;
  private editing = false;

  constructor(
    private readonly actions: ComposerActions,
    post: (msg: WebviewToExtension) => void,
    timers: Timers = DEFAULT_TIMERS,
  ) {
    this.element = el('form', 'composer');
    this.element.setAttribute('aria-label', 'Ask Banyan');
    this.editBanner = el('div', 'edit-banner');
    this.editBanner.hidden = true;
    this.textarea = el('textarea', 'composer-input');
    this.textarea.rows = 1;
    this.textarea.placeholder = 'Ask about your code — @ to add context';
    this.textarea.setAttribute('aria-label', 'Message Banyan. Enter sends, Shift+Enter adds a line, @ adds context.');
    this.mentions = new MentionController(this.textarea, post, timers);
    this.sendButton = iconButton('send', 'Send message', undefined, 'icon-button send-button');
    this.sendButton.type = 'submit';
    const row = el('div', 'composer-row');
    row.append(this.textarea, this.sendButton);
    this.element.append(this.editBanner, this.mentions.popup.element, row);

    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.streaming) this.actions.stop();
      else this.submit();
    });
    this.textarea.addEventListener('keydown', (e) => this.onKey(e));
    this.textarea.addEventListener('input', () => this.changed());
    this.textarea.addEventListener('mentionchange', () => this.changed());
  }

  get text(): string {
    return this.textarea.value;
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.sendButton.replaceChildren(icon(streaming ? 'debug-stop' : 'send'));
    const label = streaming ? 'Stop generating (Esc)' : 'Send message (Enter)';
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = label;
    this.sendButton.classList.toggle('stop', streaming);
  }

  /** Puts text in the box (editing an earlier message, or restoring a draft) and the caret at its end. */
  setText(text: string, mentions: readonly Mention[] = []): void {
    this.textarea.value = text;
    this.mentions.reset(mentions);
    this.textarea.setSelectionRange(text.length, text.length);
    this.changed();
  }

  /** `label`: what is being edited, or null to leave edit mode. */
  setEditing(label: string | null): void {
    this.editing = label !== null;
    this.editBanner.hidden = !this.editing;
    this.editBanner.replaceChildren(...(label ? [icon('edit'), el('span', '', `Editing ${label} — Enter resends, Esc cancels`)] : []));
    this.element.classList.toggle('editing', this.editing);
  }

  focus(): void {
    this.textarea.focus();
  }

  private submit(): void {
    const text = this.textarea.value;
    if (!text.trim()) return;
    const mentions = this.mentions.mentionsIn(text);
    this.actions.send(text, mentions);
    this.setText('');
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing || e.keyCode === 229) return; // an IME is composing: its Enter is not ours
    if (this.mentions.handleKey(e)) {
      e.preventDefault();
      return;
    }
    switch (e.key) {
      case 'Enter':
        if (e.shiftKey || e.altKey) return;
        e.preventDefault();
        if (!this.streaming) this.submit();
        return;
      case 'Escape':
        if (this.streaming) {
          e.preventDefault();
          this.actions.stop();
        } else if (this.editing) {
          e.preventDefault();
          this.actions.cancelEdit();
        }
        return;
      case 'ArrowUp':
        if (this.textarea.value === '' && !e.shiftKey) {
          e.preventDefault();
          this.actions.editLast();
        }
        return;
    }
  }

  private changed(): void {
    // The box grows with its content through CSS (field-sizing), no inline styles.
    this.actions.draftChanged(this.textarea.value);
  }
}
