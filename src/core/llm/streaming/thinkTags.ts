/**
 * Separates the reasoning that models write inline as `<think>…</think>` at the start of their answer
 * (Qwen3, QwQ, DeepSeek-R1 distills served without a reasoning parser, e.g. by Ollama's /v1 before
 * it split them, or vLLM without `--reasoning-parser`), also when a tag is split across chunks
 * (`<thi` + `nk>`). Only a block that opens the answer (after whitespace) is reasoning: a `<think>`
 * further on is answer text, since code may well contain one. A lone `</think>` opening the answer
 * (a server whose parser took the reasoning but left its closing tag) is dropped.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

export interface SplitText {
  readonly thinking: string;
  readonly text: string;
}

export class ThinkTagSplitter {
  private state: 'start' | 'thinking' | 'afterThinking' | 'answer' = 'start';
  private held = '';
  private sawTags = false;

  /** True once a leading `<think>` block was found. */
  get foundTags(): boolean {
    return this.sawTags;
  }

  /** True while inside an unclosed `<think>` block. */
  get inThinking(): boolean {
    return this.state === 'thinking';
  }

  push(chunk: string): SplitText {
    let thinking = '';
    let text = '';
    let rest = chunk;
    while (rest) {
      switch (this.state) {
        case 'answer':
          text += rest;
          rest = '';
          break;
        case 'start': {
          this.held += rest;
          rest = '';
          const lead = this.held.replace(/^\s+/, '');
          if (lead.startsWith(OPEN)) {
            this.state = 'thinking';
            this.sawTags = true;
            rest = lead.slice(OPEN.length);
            this.held = '';
          } else if (lead.startsWith(CLOSE)) {
            this.state = 'afterThinking';
            this.sawTags = true;
            rest = lead.slice(CLOSE.length);
            this.held = '';
          } else if (lead === '' || OPEN.startsWith(lead) || CLOSE.startsWith(lead)) {
            // Whitespace or the start of a tag so far: wait for more.
          } else {
            this.state = 'answer';
            text += this.held;
            this.held = '';
          }
          break;
        }
        case 'thinking': {
          this.held += rest;
          rest = '';
          const end = this.held.indexOf(CLOSE);
          if (end >= 0) {
            thinking += this.held.slice(0, end);
            rest = this.held.slice(end + CLOSE.length);
            this.held = '';
            this.state = 'afterThinking';
          } else {
            const keep = partialTail(this.held, CLOSE);
            thinking += this.held.slice(0, this.held.length - keep);
            this.held = this.held.slice(this.held.length - keep);
          }
          break;
        }
        case 'afterThinking': {
          // The blank line models put between the reasoning and the answer is not part of the answer.
          const lead = rest.replace(/^\s+/, '');
          if (lead) {
            this.state = 'answer';
            text += lead;
          }
          rest = '';
          break;
        }
      }
    }
    return { thinking, text };
  }

  /** What is still held when the stream ends: an unfinished tag start is text, an unclosed block is reasoning. */
  flush(): SplitText {
    const held = this.held;
    this.held = '';
    if (this.state === 'thinking') return { thinking: held, text: '' };
    if (this.state === 'start') {
      this.state = 'answer';
      return { thinking: '', text: held };
    }
    return { thinking: '', text: '' };
  }
}

/** Length of the longest end of `text` that is a proper start of `tag`. */
function partialTail(text: string, tag: string): number {
  for (let k = Math.min(tag.length - 1, text.length); k > 0; k--) if (tag.startsWith(text.slice(-k))) return k;
  return 0;
}
