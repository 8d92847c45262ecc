/**
 * Renders a growing markdown answer without re-rendering what is already on screen. The text is cut
 * into blocks by marked's lexer; every block except the last is final (a later character cannot
 * change a block once another block follows it), so it is rendered once and appended. Only the last
 * block is rendered again, at most once per animation frame. An open code fence, the common big
 * tail, just gets its new characters appended as text. Work per frame is therefore bounded by the
 * size of the last block, not the size of the answer; and when that block is itself huge (a list of
 * thousands of items is one block) frames are skipped so the average work per frame stays within
 * FRAME_BUDGET_CHARS.
 */
import type { Token } from 'marked';
import { lexBlocks, renderTokens } from './markdown/renderMarkdown';

export type FrameScheduler = (callback: () => void) => void;

/** A list longer than this is committed item by item while it streams. */
const LIST_SPLIT_CHARS = 2_000;

/** Markdown characters a frame may render on average before the following frames are skipped. */
export const FRAME_BUDGET_CHARS = 24_000;

/** Counters the tests read: how much markdown each frame rendered. */
export interface RenderStats {
  flushes: number;
  /** Characters of markdown handed to the renderer (or appended to an open code fence), in total. */
  renderedChars: number;
  /** The most any single flush rendered. */
  maxFlushChars: number;
}

export class StreamingMarkdown {
  readonly element: HTMLElement;
  readonly stats: RenderStats = { flushes: 0, renderedChars: 0, maxFlushChars: 0 };
  private readonly committedEl: HTMLElement;
  private readonly tailEl: HTMLElement;
  private source = '';
  /** Characters of `source` rendered for good into committedEl. */
  private committed = 0;
  private finished = false;
  private scheduled = false;
  /** Frames still to skip after a flush that rendered more than the budget. */
  private skipFrames = 0;
  /** The open code fence being streamed into the tail, appended to in place. */
  private openFence: { header: string; text: string; code: HTMLElement } | null = null;

  constructor(
    private readonly schedule: FrameScheduler,
    /** Runs on each final block before it is shown (code block toolbars). */
    private readonly decorateFinal: (root: ParentNode) => void,
    private readonly frameBudgetChars = FRAME_BUDGET_CHARS,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'markdown';
    this.committedEl = document.createElement('div');
    this.committedEl.className = 'markdown-final';
    this.tailEl = document.createElement('div');
    this.tailEl.className = 'markdown-tail';
    this.element.append(this.committedEl, this.tailEl);
  }

  get text(): string {
    return this.source;
  }

  append(chunk: string): void {
    if (!chunk) return;
    this.source += normalise(chunk);
    this.request();
  }

  /** Full text from a state sync: extends what is shown when it can, else starts over. */
  setText(text: string, finished: boolean): void {
    const next = normalise(text);
    if (next.length >= this.source.length && next.startsWith(this.source) && !(this.finished && !finished)) {
      this.source = next;
    } else {
      this.source = next;
      this.committed = 0;
      this.openFence = null;
      this.committedEl.replaceChildren();
      this.tailEl.replaceChildren();
    }
    this.finished = finished;
    this.request();
  }

  /** The answer is complete (or stopped/failed): render everything as final, now. */
  finish(): void {
    this.finished = true;
    this.flush();
  }

  /** Renders pending text immediately (instead of on the next frame). */
  flush(): void {
    this.scheduled = false;
    let tail = this.source.slice(this.committed);
    if (!tail && !this.finished) return;
    const tokens = safeLex(tail);
    const cut = this.finished ? tokens.length : lastContentIndex(tokens);
    let rendered = 0;
    let rest = tokens;
    if (cut > 0) {
      const done = tokens.slice(0, cut);
      const raw = done.map((t) => t.raw).join('');
      // The lexer's raw pieces must add up to the source, or the cut would lose text: then wait.
      if (raw.length > 0 && tail.startsWith(raw)) {
        this.commit(renderTokens(done), raw.length);
        rendered += raw.length;
        tail = tail.slice(raw.length);
        rest = tokens.slice(cut);
      }
    }
    if (!this.finished) {
      const split = this.splitLongList(tail, rest);
      if (split) {
        rendered += split.rendered;
        tail = split.tail;
        rest = split.tokens;
      }
    }
    rendered += this.renderTail(tail, rest);
    this.stats.flushes++;
    this.stats.renderedChars += rendered;
    this.stats.maxFlushChars = Math.max(this.stats.maxFlushChars, rendered);
    this.skipFrames = Math.floor(rendered / this.frameBudgetChars);
  }

  /**
   * A long list is one block, so it would be rendered whole every frame. Its items before the last
   * are final, so they are committed as a list of their own (numbering carries over: marked gives
   * the continuation `start`), and only the last item stays in the tail.
   */
  private splitLongList(tail: string, tokens: Token[]): { rendered: number; tail: string; tokens: Token[] } | null {
    const list = tokens[0];
    if (!list || list.type !== 'list' || list.raw.length < LIST_SPLIT_CHARS) return null;
    const items = (list as { items: Array<{ raw: string }> }).items;
    if (items.length < 2) return null;
    const prefix = items
      .slice(0, -1)
      .map((i) => i.raw)
      .join('');
    if (!prefix || !tail.startsWith(prefix)) return null;
    const fragment = renderTokens(safeLex(prefix));
    // No gap between this piece and the rest of the list that follows it.
    (fragment.firstElementChild as HTMLElement | null)?.classList.add('list-split');
    this.commit(fragment, prefix.length);
    const rest = tail.slice(prefix.length);
    return { rendered: prefix.length, tail: rest, tokens: safeLex(rest) };
  }

  /** `fragment` (the next `length` source characters) is final: shown once, never rendered again. */
  private commit(fragment: DocumentFragment, length: number): void {
    this.decorateFinal(fragment);
    this.committedEl.append(fragment);
    this.committed += length;
    this.openFence = null;
    this.tailEl.replaceChildren();
  }

  private renderTail(tail: string, tokens: Token[]): number {
    if (!tail || tokens.length === 0) {
      this.tailEl.replaceChildren();
      this.openFence = null;
      return 0;
    }
    const last = tokens[tokens.length - 1];
    const fence = tokens.length === 1 && last.type === 'code' ? openFenceHeader(last.raw) : null;
    if (fence !== null && this.openFence && this.openFence.header === fence && (last as { text: string }).text.startsWith(this.openFence.text)) {
      const added = (last as { text: string }).text.slice(this.openFence.text.length);
      this.openFence.code.append(added);
      this.openFence.text += added;
      return added.length;
    }
    this.tailEl.replaceChildren(renderTokens(tokens));
    this.openFence = null;
    if (fence !== null) {
      // Plain text while it streams (highlighting comes once, when the block is final).
      const code = this.tailEl.querySelector('pre code') as HTMLElement | null;
      if (code) {
        const text = (last as { text: string }).text;
        code.replaceChildren(text);
        this.openFence = { header: fence, text, code };
      }
    }
    return tail.length;
  }

  private request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const tick = () => {
      if (!this.scheduled) return;
      if (this.skipFrames > 0) {
        this.skipFrames--;
        this.schedule(tick);
        return;
      }
      this.flush();
    };
    this.schedule(tick);
  }
}

function normalise(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function safeLex(text: string): Token[] {
  try {
    return lexBlocks(text);
  } catch {
    return [{ type: 'paragraph', raw: text, text, tokens: [{ type: 'text', raw: text, text }] } as Token];
  }
}

/** Index of the last token that is not blank space: everything before it is final. */
function lastContentIndex(tokens: Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i].type !== 'space') return i;
  return 0;
}

/** The opening line of a fenced code block that has not been closed yet, else null. */
function openFenceHeader(raw: string): string | null {
  const m = /^ {0,3}(`{3,}|~{3,})[^\n]*\n?/.exec(raw);
  if (!m) return null;
  const closing = new RegExp(`\\n {0,3}${m[1][0] === '`' ? '`' : '~'}{${m[1].length},}[ \\t]*\\n*$`);
  return closing.test(raw.slice(m[0].length - 1)) ? null : m[0];
}
