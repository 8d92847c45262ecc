import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from './paths';

/** Debian's Chromium, headless, with everything that would reach outside the machine switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
