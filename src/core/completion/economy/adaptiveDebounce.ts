/**
 * How long to wait after a keystroke before asking the model, learned from the user's typing rhythm.
 * The wait should outlast the usual gap between this user's keystrokes (so no request is sent in the
 * middle of a word) and not much more (so a pause gets its suggestion quickly). The gap is tracked
 * like TCP tracks round trips: a smoothed mean plus a smoothed deviation, the wait being mean + 2 ×
 * deviation (at least a quarter of the mean over it, so a metronomic typist does not race it). A slow model already makes the user wait, so the debounce shrinks so that debounce +
 * model latency stays within a budget. Line starts and explicit requests fire at once.
 *
 * Pure: callers pass times from their own clock.
 */
export interface AdaptiveDebounceOptions {
  minMs: number;
  maxMs: number;
  /** Used until a few keystrokes have been seen. */
  initialMs: number;
  /** Weight of the newest sample in the smoothed values (0..1). */
  smoothing: number;
  /** Gaps longer than this are pauses, not typing rhythm, and are not learned. */
  pauseGapMs: number;
  /** Debounce + model latency the user should not wait beyond, where the bounds allow. */
  totalBudgetMs: number;
}

export const DEFAULT_DEBOUNCE_OPTIONS: AdaptiveDebounceOptions = {
  minMs: 25,
  maxMs: 350,
  initialMs: 150,
  smoothing: 0.25,
  pauseGapMs: 1500,
  totalBudgetMs: 700,
};

export interface DebounceTrigger {
  /** The user asked for a suggestion (keybinding). */
  explicit?: boolean;
  /** The cursor is at the start of a fresh line (after Enter): nothing to wait for. */
  atLineStart?: boolean;
  /** The longest wait for this request (the current setting), instead of the construction-time `maxMs`. */
  maxMs?: number;
}

/** Keystroke gaps needed before the learned rhythm replaces `initialMs`. */
const WARM_UP_GAPS = 3;

export class AdaptiveDebounce {
  private readonly options: AdaptiveDebounceOptions;
  private lastKeystrokeAt: number | undefined;
  private gapMean = 0;
  private gapDeviation = 0;
  private gaps = 0;
  private latency: number | undefined;

  constructor(options: Partial<AdaptiveDebounceOptions> = {}) {
    this.options = { ...DEFAULT_DEBOUNCE_OPTIONS, ...options };
  }

  recordKeystroke(atMs: number): void {
    const last = this.lastKeystrokeAt;
    this.lastKeystrokeAt = atMs;
    if (last === undefined) return;
    const gap = atMs - last;
    if (gap <= 0 || gap > this.options.pauseGapMs) return;
    if (this.gaps === 0) {
      this.gapMean = gap;
      this.gapDeviation = gap / 2;
    } else {
      const a = this.options.smoothing;
      this.gapDeviation = (1 - a) * this.gapDeviation + a * Math.abs(gap - this.gapMean);
      this.gapMean = (1 - a) * this.gapMean + a * gap;
    }
    this.gaps++;
  }

  /** Time from request to the model's complete answer (or first token, as the caller chooses). */
  recordModelLatency(ms: number): void {
    if (!(ms >= 0)) return;
    const a = this.options.smoothing;
    this.latency = this.latency === undefined ? ms : (1 - a) * this.latency + a * ms;
  }

  delayFor(trigger: DebounceTrigger = {}): number {
    if (trigger.explicit || trigger.atLineStart) return 0;
    const { minMs, initialMs, totalBudgetMs } = this.options;
    const maxMs = trigger.maxMs ?? this.options.maxMs;
    let delay = this.gaps >= WARM_UP_GAPS ? this.gapMean + Math.max(2 * this.gapDeviation, this.gapMean / 4) : initialMs;
    if (this.latency !== undefined) delay = Math.min(delay, totalBudgetMs - this.latency);
    return Math.round(Math.min(maxMs, Math.max(minMs, delay)));
  }

  /** The learned values, for the status and logs. */
  snapshot(): { gapMeanMs: number; gapDeviationMs: number; modelLatencyMs: number | undefined; learnedGaps: number } {
    return { gapMeanMs: this.gapMean, gapDeviationMs: this.gapDeviation, modelLatencyMs: this.latency, learnedGaps: this.gaps };
  }
}
