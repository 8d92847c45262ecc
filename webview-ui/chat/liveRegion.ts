/**
 * A polite live region for screen readers. Streaming would announce every token; instead it says
 * when an answer starts, each tool step, a rare "still answering" while long answers stream, and the
 * outcome. Progress messages are throttled; start and outcome always go through.
 */
export class LiveRegion {
  readonly element: HTMLElement;
  private lastAt = -Infinity;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly minIntervalMs = 8000,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'visually-hidden';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-atomic', 'true');
  }

  /** Announces now (answer started, finished, failed). */
  say(text: string): void {
    this.lastAt = this.now();
    // Re-setting identical text is not re-announced by some readers; clearing first makes it a change.
    this.element.textContent = '';
    this.element.textContent = text;
  }

  /** Announces unless something was said within the interval. Returns whether it spoke. */
  progress(text: string): boolean {
    if (this.now() - this.lastAt < this.minIntervalMs) return false;
    this.say(text);
    return true;
  }
}
