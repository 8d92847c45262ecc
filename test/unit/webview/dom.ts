/**
 * Installs a jsdom window as the global DOM for webview tests. Import it first in every webview
 * test file, before any module under webview-ui/ (they read `document` and `window` at call time).
 */
import { JSDOM } from 'jsdom';

export const dom = new JSDOM('<!DOCTYPE html><html><body><div id="root"></div></body></html>', { url: 'https://webview.invalid/', pretendToBeVisual: true });
const g = globalThis as Record<string, unknown>;
for (const key of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLTextAreaElement', 'HTMLButtonElement', 'HTMLAnchorElement', 'DocumentFragment', 'Text', 'NodeFilter', 'MutationObserver', 'KeyboardEvent', 'MouseEvent', 'Event', 'FocusEvent', 'InputEvent', 'getComputedStyle']) {
  const value = (dom.window as unknown as Record<string, unknown>)[key];
  g[key] = typeof value === 'function' && key === 'getComputedStyle' ? (value as (...a: unknown[]) => unknown).bind(dom.window) : value;
}
g.window = dom.window;
g.document = dom.window.document;

/** A fresh, empty container attached to the document. */
export function container(): HTMLElement {
  const div = dom.window.document.createElement('div');
  dom.window.document.body.append(div);
  return div as unknown as HTMLElement;
}

/** A manual scheduler standing in for requestAnimationFrame: tests decide when a frame happens. */
export class ManualFrames {
  private queue: Array<() => void> = [];
  readonly schedule = (cb: () => void): void => {
    this.queue.push(cb);
  };
  get pending(): number {
    return this.queue.length;
  }
  run(): void {
    const q = this.queue;
    this.queue = [];
    for (const cb of q) cb();
  }
}

/** Timers the test advances by hand (debounces, delayed saves). */
export class ManualTimers {
  private next = 1;
  private readonly pending = new Map<number, { at: number; cb: () => void }>();
  now = 0;
  readonly set = (cb: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, cb });
    return id;
  };
  readonly clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.now) continue;
      this.pending.delete(id);
      t.cb();
    }
  }
  get count(): number {
    return this.pending.size;
  }
}

export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new dom.window.KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e as unknown as KeyboardEvent;
}

/** Types `text` into a textarea as the user would (value, caret, input event). */
export function type(textarea: HTMLTextAreaElement, text: string): void {
  textarea.value += text;
  textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  textarea.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
}
