/**
 * Connects the composer's textarea to the `@` popup: detects the mention being typed, offers kinds,
 * asks the extension for `@file` / `@symbol` matches (debounced, each request numbered so a late
 * answer to an old query is ignored), inserts the pick and remembers it for the next send.
 */
import type { Mention, MentionItem, MentionKind, WebviewToExtension } from '../../src/protocol/webview';
import { MentionPopup, type PopupItem } from './mentionPopup';
import { findMentionTrigger, kindOptions, type MentionTrigger } from './mentionTrigger';

type Item = PopupItem & ({ readonly pick: 'kind'; readonly kind: MentionKind } | { readonly pick: 'match'; readonly match: MentionItem });

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const DEFAULT_TIMERS: Timers = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
export const MENTION_DEBOUNCE_MS = 150;

export class MentionController {
  readonly popup: MentionPopup<Item>;
  private picked: Mention[] = [];
  private trigger: MentionTrigger | null = null;
  private requestId = 0;
  private pendingQuery: unknown = null;

  constructor(
    private readonly textarea: HTMLTextAreaElement,
    private readonly post: (msg: WebviewToExtension) => void,
    private readonly timers: Timers = DEFAULT_TIMERS,
  ) {
    this.popup = new MentionPopup<Item>(textarea, (item) => this.pick(item));
    textarea.addEventListener('input', () => this.refresh());
    textarea.addEventListener('click', () => this.refresh());
    textarea.addEventListener('blur', () => this.close());
  }

  /** Keys for the popup while it is open; returns true when used. */
  handleKey(event: KeyboardEvent): boolean {
    return this.popup.handleKey(event);
  }

  /** Mentions picked that are still in the text; called on send. */
  mentionsIn(text: string): Mention[] {
    const seen = new Set<string>();
    return this.picked.filter((m) => {
      const key = `${m.kind}:${m.value ?? m.label}`;
      if (seen.has(key) || !text.includes(`@${m.label}`)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Forget picks (after a send) or start from given ones (editing an earlier message). */
  reset(mentions: readonly Mention[] = []): void {
    this.picked = [...mentions];
    this.close();
  }

  /** An answer to a query: shown only if it answers the latest one. */
  results(requestId: number, items: readonly MentionItem[]): void {
    if (requestId !== this.requestId || this.trigger?.stage !== 'query') return;
    this.popup.show(
      items.map((match) => ({ pick: 'match' as const, match, label: match.label, ...(match.detail ? { detail: match.detail } : {}) })),
      'No matches',
    );
  }

  close(): void {
    if (this.pendingQuery !== null) this.timers.clear(this.pendingQuery);
    this.pendingQuery = null;
    this.trigger = null;
    this.popup.close();
  }

  private refresh(): void {
    const t = findMentionTrigger(this.textarea.value, this.textarea.selectionStart ?? this.textarea.value.length);
    const before = this.trigger;
    this.trigger = t;
    if (!t) return this.close();
    if (t.stage === 'kind') {
      const options = kindOptions(t.prefix);
      if (!options.length) return this.close();
      this.popup.show(options.map((o) => ({ pick: 'kind' as const, kind: o.kind, label: `@${o.kind}`, detail: o.description })));
      return;
    }
    if (before?.stage === 'query' && before.kind === t.kind && before.query === t.query) return;
    if (!this.popup.isOpen || before?.stage !== 'query') this.popup.show([], 'Searching…');
    if (this.pendingQuery !== null) this.timers.clear(this.pendingQuery);
    this.pendingQuery = this.timers.set(() => {
      this.pendingQuery = null;
      this.post({ type: 'mention/query', requestId: ++this.requestId, kind: t.kind, query: t.query });
    }, MENTION_DEBOUNCE_MS);
  }

  private pick(item: Item): void {
    const t = this.trigger;
    if (!t) return;
    if (item.pick === 'kind' && (item.kind === 'file' || item.kind === 'symbol')) {
      // Second stage: keep the popup open and search.
      this.replace(t.start, t.end, `@${item.kind}:`);
      this.refresh();
      return;
    }
    const mention: Mention =
      item.pick === 'kind' ? { kind: item.kind, label: item.kind } : { kind: item.match.kind, label: item.match.label, value: item.match.value };
    this.picked.push(mention);
    this.replace(t.start, t.end, `@${mention.label} `);
    this.close();
  }

  private replace(start: number, end: number, text: string): void {
    const v = this.textarea.value;
    this.textarea.value = v.slice(0, start) + text + v.slice(end);
    const caret = start + text.length;
    this.textarea.setSelectionRange(caret, caret);
    this.textarea.dispatchEvent(new Event('mentionchange'));
  }
}
