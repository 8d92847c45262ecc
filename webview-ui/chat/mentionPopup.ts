/**
 * The `@` completion list: a listbox under the composer, navigated from the textarea with the
 * keyboard (the textarea keeps focus; aria-activedescendant points at the highlighted option).
 */
import { el } from '../dom';

export interface PopupItem {
  readonly label: string;
  readonly detail?: string;
}

let popupCount = 0;

export class MentionPopup<T extends PopupItem = PopupItem> {
  readonly element: HTMLElement;
  private items: readonly T[] = [];
  private active = 0;
  private readonly idBase = `mention-${++popupCount}`;

  constructor(
    private readonly input: HTMLElement,
    private readonly onPick: (item: T) => void,
  ) {
    this.element = el('div', 'mention-popup');
    this.element.id = `${this.idBase}-list`;
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', 'Mentions');
    this.element.hidden = true;
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.element.id);
    input.setAttribute('aria-expanded', 'false');
    // mousedown, not click: picking must not blur the textarea first.
    this.element.addEventListener('mousedown', (e) => {
      const option = (e.target as Element).closest('[role=option]') as HTMLElement | null;
      if (!option) return;
      e.preventDefault();
      const item = this.items[Number(option.dataset.index)];
      if (item) this.onPick(item);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get selected(): T | undefined {
    return this.items[this.active];
  }

  /** Shows `items`; `status` replaces the list when there is nothing to pick ("Searching…", "No matches"). */
  show(items: readonly T[], status?: string): void {
    this.items = items;
    this.active = 0;
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.render(status);
  }

  close(): void {
    this.items = [];
    this.element.hidden = true;
    this.element.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Handles navigation keys while open; returns true when the key was used. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.items.length) {
          this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + this.items.length) % this.items.length;
          this.render();
        }
        return true;
      case 'Enter':
      case 'Tab': {
        const item = this.selected;
        if (!item) return event.key === 'Enter' ? (this.close(), true) : false;
        this.onPick(item);
        return true;
      }
      case 'Escape':
        this.close();
        return true;
      default:
        return false;
    }
  }

  private render(status?: string): void {
    const options = this.items.map((item, i) => {
      const o = el('div', 'mention-option');
      o.id = `${this.idBase}-${i}`;
      o.setAttribute('role', 'option');
      o.setAttribute('aria-selected', String(i === this.active));
      o.dataset.index = String(i);
      o.append(el('span', 'mention-label', item.label));
      if (item.detail) o.append(el('span', 'mention-detail', item.detail));
      return o;
    });
    this.element.replaceChildren(...options);
    if (!options.length && status) this.element.append(el('div', 'mention-status', status));
    if (options[this.active]) {
      this.input.setAttribute('aria-activedescendant', options[this.active].id);
      options[this.active].scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
}
