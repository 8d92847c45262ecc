import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM } from './paths';

/** Debian's Chromium, headless, with everything that would reach outside the machine switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** How long a workbench page may take to load: tens of seconds when other work shares the two cores. */
const NAVIGATION_TIMEOUT_MS = 120_000;

/** A browser context for one workbench window: the tests' viewport, and page loads (goto, reload) allowed a loaded machine's time. */
export async function newWorkbenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  return context;
}
