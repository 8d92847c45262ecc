import { nearestRank } from '../completionMetrics';
import type { AdaptiveDebounce } from '../economy/adaptiveDebounce';
import type { PipelineClock } from './types';

/**
 * Stage: wait out the debounce, with the repository context assembled in its last milliseconds.
 *
 * It lives in the server, awaited with the request's cancellation: VS Code cancels the previous
 * inline-completion request on every keystroke, so a request that is still waiting when the next
 * key arrives ends here at no cost, and the server — which sees every keystroke through document
 * sync — learns the typing rhythm in one place for every client (VS Code, Neovim, the bench).
 * Line starts and explicit requests do not wait.
 *
 * The context work (`work`, typically a few milliseconds of index lookups) starts `leadMs` before the
 * window closes instead of after it: it overlaps a wait the request makes anyway, so it adds no
 * latency unless it outlasts the lead. Only a key pressed within those last milliseconds wastes it.
 */
export async function debounceStage<T>(clock: PipelineClock, plannedMs: number, leadMs: number, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const started = clock.now();
  const lead = Math.max(0, Math.min(plannedMs, leadMs));
  if (plannedMs - lead > 0) await clock.sleep(plannedMs - lead, signal);
  const value = await work();
  const rest = plannedMs - (clock.now() - started);
  if (rest > 0) await clock.sleep(rest, signal);
  return value;
}

/** The debounce this request waits: learned from the typing rhythm and model latency, capped by the setting. */
export function debounceDelay(debounce: AdaptiveDebounce, trigger: { explicit: boolean; atLineStart: boolean }, maxMs: number): number {
  // The setting is read per request, so a changed limit (raised as well as lowered) applies at once.
  return Math.max(0, debounce.delayFor({ ...trigger, maxMs }));
}

/**
 * How long before the end of the debounce the context work starts: a high percentile of its recent
 * durations (it should finish inside the window), within bounds.
 *
 * The 95th, not the 90th: an assembly that outlasts its lead delays the request by the difference, and
 * at the 90th about 1 in 10 did — the slowest of them made the replay's overhead p99. A longer lead costs
 * only assemblies thrown away when a key comes within it (the engine counts them as discarded).
 */
export class ContextLead {
  private readonly recent: number[] = [];

  /** The first assemblies after a start are the slowest (cold caches, unoptimised code): start at the bound. */
  constructor(private readonly initialMs = 40, private readonly maxMs = 40, private readonly window = 32) {}

  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.window) this.recent.shift();
  }

  ms(): number {
    if (this.recent.length < 4) return this.initialMs;
    const p95 = nearestRank([...this.recent].sort((a, b) => a - b), 95);
    return Math.min(this.maxMs, Math.ceil(p95) + 2);
  }
}
