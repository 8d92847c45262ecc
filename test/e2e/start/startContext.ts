import type { Browser } from 'playwright-core';

/** What a start-stage spec gets: the shared browser and the run's folders; it owns its own processes. */
export interface StartContext {
  readonly browser: Browser;
  readonly runDir: string;
  readonly shotsDir: string;
}
