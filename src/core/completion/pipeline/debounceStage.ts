import type { AdaptiveDebounce } from '../economy/adaptiveDebounce';
import type { PipelineClock } from './types';

/**
 * Stage: wait out the debounce before paying for context and a model request.
 *
 * It lives in the server, awaited with the request's cancellation: VS Code cancels the previous
 * inline-completion request on every keystroke, so a request that is still waiting when the next
 * key arrives ends here at no cost, and the server — which sees every keystroke through document
 * sync — learns the typing rhythm in one place for every client (VS Code, Neovim, the bench).
 * Line starts and explicit requests do not wait. Returns the time waited.
 */
export async function debounceStage(debounce: AdaptiveDebounce, clock: PipelineClock, trigger: { explicit: boolean; atLineStart: boolean }, maxMs: number, signal: AbortSignal): Promise<number> {
  const delay = Math.min(maxMs, debounce.delayFor(trigger));
  if (delay <= 0) return 0;
  const started = clock.now();
  await clock.sleep(delay, signal);
  return clock.now() - started;
}
