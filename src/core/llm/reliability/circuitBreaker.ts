/**
 * Marks an endpoint down after consecutive availability failures (refused, timeouts, 5xx), so
 * requests skip to the fallback at once instead of waiting for the same failure again. After a
 * cooldown one probe (a real request or the explicit health probe) may pass: success closes the
 * breaker, failure opens it again with a longer cooldown.
 */
import type { Clock } from './clock';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerOptions {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  /** Cooldown grows ×2 per failed probe up to this. */
  readonly maxCooldownMs?: number;
}

export class CircuitBreaker {
  private failures = 0;
  private state: BreakerState = 'closed';
  private openedAt = 0;
  private cooldown: number;
  private probing = false;
  private lastError: string | undefined;
  private readonly listeners = new Set<(state: BreakerState, message: string | undefined) => void>();

  constructor(private options: BreakerOptions, private readonly clock: Clock) {
    this.cooldown = options.cooldownMs;
  }

  /** New thresholds from settings; the current state (open or not) is kept. */
  setOptions(options: BreakerOptions): void {
    if (this.state === 'closed') this.cooldown = options.cooldownMs;
    this.options = options;
  }

  current(): BreakerState {
    if (this.state === 'open' && this.clock.now() - this.openedAt >= this.cooldown) return 'halfOpen';
    return this.state;
  }

  /** Why it opened, for the status bar. */
  reason(): string | undefined {
    return this.lastError;
  }

  /** Milliseconds until a probe may run (0 when it may run now or the breaker is closed). */
  msUntilProbe(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.cooldown - this.clock.now()) : 0;
  }

  /** True when a request may go out now; in half-open only one probe at a time. */
  tryAcquire(): boolean {
    const s = this.current();
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Releases a probe slot taken by tryAcquire without a verdict (e.g. the caller cancelled). */
  release(): void {
    this.probing = false;
  }

  recordSuccess(): void {
    const wasDown = this.state !== 'closed';
    this.failures = 0;
    this.probing = false;
    this.state = 'closed';
    this.cooldown = this.options.cooldownMs;
    this.lastError = undefined;
    if (wasDown) this.emit();
  }

  recordFailure(message: string): void {
    this.lastError = message;
    if (this.state !== 'closed') {
      // A failed probe: stay down, wait longer before the next one.
      this.probing = false;
      this.cooldown = Math.min(this.cooldown * 2, this.options.maxCooldownMs ?? 10 * 60_000);
      this.state = 'open';
      this.openedAt = this.clock.now();
      this.emit();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) {
      this.state = 'open';
      this.openedAt = this.clock.now();
      this.emit();
    }
  }

  onChange(listener: (state: BreakerState, message: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.state, this.lastError);
  }
}
