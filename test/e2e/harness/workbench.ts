import type { Frame, Locator, Page } from 'playwright-core';
import { EXTENSION_ID } from './paths';

/**
 * What a user sees of Banyan in the VS Code 1.100 workbench, as selectors and small waits. Specs use
 * these instead of spelling DOM details, so a workbench change is fixed in one place.
 */
export const SELECTORS = {
  workbench: '.monaco-workbench',
  /** The activity-bar entry of the `banyan` view container (its label is the container title). */
  activityBarIcon: '.activitybar a.action-label[aria-label="Banyan"]',
  /** Status bar entries get the id `<extension id>.<item id>`. */
  statusBarItem: `.statusbar-item[id="${EXTENSION_ID}.banyan.status"]`,
  /** Inside the chat webview. */
  serverStatus: '[data-testid=server-status]',
} as const;

/**
 * How long a new window may take to activate Banyan and get its server ready: over a minute when
 * other work shares the two cores (90 s after a window reload at load average 30).
 */
export const START_TIMEOUT_MS = 180_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector(SELECTORS.workbench, { timeout: 60_000 });
}

export interface StatusBarView {
  readonly ariaLabel: string;
  /** The codicon the item renders, e.g. `check`, `loading`, `error`. */
  readonly icon: string;
  readonly text: string;
}

/** The Banyan status bar entry as rendered; null while it is not there. */
export async function readStatusBar(page: Page): Promise<StatusBarView | null> {
  return page.evaluate((selector) => {
    const item = document.querySelector(selector);
    if (!item) return null;
    const codicon = item.querySelector('.codicon');
    const icon = codicon ? (Array.from(codicon.classList).find((c) => c.startsWith('codicon-') && c !== 'codicon-modifier-spin') ?? '').replace('codicon-', '') : '';
    return { ariaLabel: item.getAttribute('aria-label') ?? '', icon, text: (item.textContent ?? '').trim() };
  }, SELECTORS.statusBarItem);
}

/** Polls until the status bar entry matches; the error names what it last showed. */
export async function waitForStatusBar(page: Page, want: (v: StatusBarView) => boolean, what: string, timeoutMs = 30_000): Promise<StatusBarView> {
  const deadline = Date.now() + timeoutMs;
  let last: StatusBarView | null = null;
  while (Date.now() < deadline) {
    last = await readStatusBar(page);
    if (last && want(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`status bar never showed ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

export const isReady = (v: StatusBarView): boolean => v.icon === 'check' && v.text === 'Banyan' && v.ariaLabel.startsWith('Banyan: ready');
/** The server answers, whatever its models' state ("ready, but the model for … is unreachable" included). */
export const isServing = (v: StatusBarView): boolean => v.ariaLabel.startsWith('Banyan: ready');

/** Clicks Banyan's activity-bar icon unless its container is already showing. */
export async function openBanyanContainer(page: Page): Promise<void> {
  const tab = page.locator('.activitybar li.action-item:has(> a.action-label[aria-label="Banyan"])');
  if ((await tab.getAttribute('aria-selected')) !== 'true') await page.locator(SELECTORS.activityBarIcon).click();
}

/** The chat webview's content frame (webviews are nested iframes), found by a selector inside it. */
export async function chatFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.$(SELECTORS.serverStatus).catch(() => null);
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the chat view's webview (${SELECTORS.serverStatus}) did not render within ${timeoutMs} ms`);
}

export interface ChatServerView {
  readonly state: string;
  readonly version: string;
  readonly pid: number | null;
}

/** The server state, version and PID the chat view shows (its dt/dd list). */
export async function readChatServerView(frame: Frame): Promise<ChatServerView> {
  return frame.$eval(SELECTORS.serverStatus, (root) => {
    const details: Record<string, string> = {};
    for (const dt of Array.from(root.querySelectorAll('dt'))) details[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
    const pid = Number(details['Process']);
    return { state: (root as HTMLElement).dataset.state ?? '', version: details['Server'] ?? '', pid: Number.isInteger(pid) && pid > 0 ? pid : null };
  });
}

export async function waitForChat(frame: Frame, want: (v: ChatServerView) => boolean, what: string, timeoutMs = 30_000): Promise<ChatServerView> {
  const deadline = Date.now() + timeoutMs;
  let last: ChatServerView | null = null;
  while (Date.now() < deadline) {
    last = await readChatServerView(frame);
    if (want(last)) return last;
    await frame.waitForTimeout(150);
  }
  throw new Error(`the chat view never showed ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/**
 * Records every `data-state` the chat view's status takes from now on, so a brief state (the
 * "starting" between two PIDs) is seen even if no poll lands on it. Read with statesSeen().
 */
export async function recordChatStates(frame: Frame): Promise<void> {
  await frame.$eval(SELECTORS.serverStatus, (root) => {
    const w = window as unknown as { __banyanStates: string[]; __banyanObserver?: MutationObserver };
    w.__banyanObserver?.disconnect();
    w.__banyanStates = [(root as HTMLElement).dataset.state ?? ''];
    w.__banyanObserver = new MutationObserver(() => {
      const s = (root as HTMLElement).dataset.state ?? '';
      if (w.__banyanStates[w.__banyanStates.length - 1] !== s) w.__banyanStates.push(s);
    });
    w.__banyanObserver.observe(root, { attributes: true, attributeFilter: ['data-state'] });
  });
}

export function statesSeen(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __banyanStates?: string[] }).__banyanStates ?? []);
}

/** A button in the chat view by its accessible name (what a screen reader announces). */
export function chatButton(frame: Frame, name: string): Locator {
  return frame.getByRole('button', { name, exact: true });
}

/** Polls `probe` until it gives a value (not undefined); throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ModelOption {
  /** The role the option stands for (chat, edit, agent). */
  readonly value: string;
  readonly label: string;
  /** Its tooltip: role and endpoint. */
  readonly title: string;
  readonly selected: boolean;
}

/** The chat panel's model picker as it is now (empty while the panel has not rendered it). */
export async function modelPickerOptions(frame: Frame): Promise<ModelOption[]> {
  return frame
    .$$eval('select[aria-label=Model] option', (os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '', title: (o as HTMLOptionElement).title, selected: (o as HTMLOptionElement).selected })))
    .catch(() => []);
}
