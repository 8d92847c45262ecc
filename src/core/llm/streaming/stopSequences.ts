/**
 * Applies stop sequences on the client side as text streams in: servers differ in whether they
 * honour `stop` (and raw FIM prompts need the family's special tokens stopped). Holds back just
 * enough text to recognise a stop sequence split across chunks.
 */
export class StopScanner {
  private pending = '';
  private stopped = false;
  private readonly longest: number;

  constructor(private readonly stops: readonly string[]) {
    this.longest = Math.max(0, ...stops.map((s) => s.length));
  }

  get hasStopped(): boolean {
    return this.stopped;
  }

  /** Text safe to emit now; after a stop sequence, nothing more. */
  push(text: string): string {
    if (this.stopped) return '';
    if (!this.stops.length) return text;
    this.pending += text;
    let cut = -1;
    for (const s of this.stops) {
      const i = s ? this.pending.indexOf(s) : -1;
      if (i >= 0 && (cut < 0 || i < cut)) cut = i;
    }
    if (cut >= 0) {
      this.stopped = true;
      const out = this.pending.slice(0, cut);
      this.pending = '';
      return out;
    }
    const keep = Math.min(this.pending.length, this.longest - 1);
    // Hold back only a tail that could start a stop sequence.
    let hold = 0;
    for (let k = keep; k > 0; k--) {
      const tail = this.pending.slice(-k);
      if (this.stops.some((s) => s.startsWith(tail))) {
        hold = k;
        break;
      }
    }
    const out = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return out;
  }

  /** The held-back tail once the stream ends without a stop sequence. */
  flush(): string {
    const out = this.stopped ? '' : this.pending;
    this.pending = '';
    return out;
  }
}
