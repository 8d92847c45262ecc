/**
 * Streamed text from the model host, at most one message per `intervalMs` per request: the first
 * piece goes at once, later pieces that come faster than that are joined. A model that generates a
 * token every few milliseconds or slower sends every token as it comes; a very fast one (a tiny model,
 * a GPU) does not spend its time on one IPC message per token. Anything else a request sends goes
 * after the text before it (`flush`).
 */
export class TextCoalescer {
  private pending = '';
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (text: string) => void, private readonly intervalMs = 2, private readonly now: () => number = () => performance.now()) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.timer) return;
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastSent = this.now();
    this.send(text);
  }
}
