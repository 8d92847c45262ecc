/**
 * The insights view shows what really happened: after Clear, one suggestion accepted with Tab and one
 * dismissed by typing something else, *Banyan: Show Insights* shows exactly those counts (and the
 * completion tokens). Screenshots in the dark and the light theme; the view's CSP reports nothing.
 */
import type { Frame, Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { EDITOR, newLineAfter, openFile } from '../harness/editor';
import { isReady, waitFor, waitForStatusBar } from '../harness/workbench';

const INPUT = '.quick-input-widget input';
const GHOST = `${EDITOR} [class*="ghost-text"]`;
const ANSWER = "findByEmail('ada@example.com');";

async function palette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

/** The insights webview's content frame. */
async function insightsFrame(page: Page): Promise<Frame> {
  return waitFor('the insights view', async () => {
    for (const frame of page.frames()) if (await frame.$('[data-banyan-insights] [data-testid=tiles]').catch(() => null)) return frame;
    return undefined;
  }, 30_000);
}

async function tiles(frame: Frame): Promise<Record<string, string>> {
  return frame.$$eval('[data-metric]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-metric') ?? '', e.querySelector('.tile-value')?.textContent ?? ''])));
}

async function ghost(page: Page): Promise<string> {
  return (await page.locator(GHOST).allInnerTexts()).join('').replace(/\u00a0/g, ' ');
}

export const tests = [
  uiTest('after Clear, one suggestion accepted and one dismissed: the insights view shows exactly those counts (dark and light)', async ({ page, server, fakeModel: fake, screenshot }) => {
    fake.reset();
    const settings = {
      'banyan.models.completion.provider': 'openai-compatible',
      'banyan.models.completion.baseUrl': fake.openaiBaseUrl,
      'banyan.models.completion.model': 'qwen2.5-coder:1.5b-base',
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
    };
    server.updateWorkspaceSettings(settings);
    try {
      // Only a prompt that ends exactly after `insightN = service.` gets an answer: one suggestion per line.
      fake.addRule({ name: 'probe', route: '/v1/completions', prompt: /insight(One|Two) = service\.<\|fim_suffix\|>/, reply: { text: ANSWER, usage: { promptTokens: 500, completionTokens: 9 } } });
      fake.configure({ defaultReply: { text: '', usage: { promptTokens: 50, completionTokens: 0 } } });
      await waitForStatusBar(page, isReady, '$(check) Banyan', 60_000);

      // Clear what earlier specs recorded (the modal asks first).
      await palette(page, 'Banyan: Show Insights');
      let frame = await insightsFrame(page);
      await frame.click('[data-testid=clear]');
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Clear' }).first().click();
      await waitFor('an empty log', async () => ((await tiles(frame)).Shown === '0' ? true : undefined), 20_000);

      // Back to the editor: src/app.ts, a new line at the end of main().
      await openFile(page, 'src/app.ts', 'service.deactivate(ada.id);');
      await newLineAfter(page, 11);

      await page.keyboard.type('const insightOne = service.', { delay: 40 });
      await waitFor('the first suggestion', async () => ((await ghost(page)).includes('findByEmail') ? true : undefined), 30_000);
      await page.keyboard.press('Tab');
      await waitFor('the suggestion accepted', async () => ((await ghost(page)).trim() === '' ? true : undefined), 10_000);
      await page.keyboard.press('Enter');
      await page.keyboard.type('const insightTwo = service.', { delay: 40 });
      await waitFor('the second suggestion', async () => ((await ghost(page)).includes('findByEmail') ? true : undefined), 30_000);
      // Typing something else dismisses it: the next request finds it no longer fits. That request is
      // what records the dismissal, so wait for it to reach the model before Escape can cancel it.
      await page.keyboard.type('x', { delay: 40 });
      await waitFor('the request after the dismissal', async () => (fake.requests({ path: '/v1/completions' }).some((r) => /insightTwo = service\.x<\|fim_suffix\|>/.test(String((r.body as { prompt?: unknown }).prompt ?? ''))) ? true : undefined), 30_000);
      await page.keyboard.press('Escape');

      await palette(page, 'Banyan: Show Insights');
      frame = await insightsFrame(page);
      const counts = await waitFor('the exact counts', async () => {
        await frame.selectOption('[data-testid=range]', 'today');
        const t = await tiles(frame);
        return t.Accepted === '1' && t.Dismissed === '1' ? t : undefined;
      }, 30_000);
      assert(counts.Shown === '2', `shown: ${JSON.stringify(counts)}`);
      assert(counts['Partially accepted'] === '0', `partial: ${JSON.stringify(counts)}`);
      assert(counts['Acceptance rate'] === '50%', `rate: ${JSON.stringify(counts)}`);
      // The tokens table has the completion role's prompt tokens of the two answered requests at least.
      const tokens = await frame.$$eval('[data-chart=tokens] tbody tr', (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent ?? '')));
      assert(tokens.some((r) => r[1] === 'completion' && Number(r[2]) >= 1000), `tokens: ${JSON.stringify(tokens)}`);
      const violations = await frame.$eval('[data-banyan-insights]', (e) => e.getAttribute('data-csp-violations'));
      assert(violations === null, `CSP violations in the insights view: ${violations}`);
      const canvases = await frame.$$eval('figure[data-chart] canvas', (cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0).length);
      assert(canvases >= 7, `only ${canvases} charts drawn`);
      // The view redraws its canvases when VS Code swaps the body's theme class.
      for (const [theme, workbench, body, shot] of [['Default Dark Modern', 'vs-dark', 'vscode-dark', 'insights-dark'], ['Default Light Modern', 'vs', 'vscode-light', 'insights-light']] as const) {
        server.updateWorkspaceSettings({ 'workbench.colorTheme': theme });
        await waitFor(theme, async () => ((await page.$(`.monaco-workbench.${workbench}`)) ? true : undefined), 20_000);
        await waitFor(`${theme} in the view`, async () => ((await frame.$(`body.${body}`)) ? true : undefined), 20_000);
        await screenshot(shot);
      }
    } finally {
      server.updateWorkspaceSettings({ ...Object.fromEntries(Object.keys(settings).map((k) => [k, undefined])), 'workbench.colorTheme': undefined });
    }
  }, 180_000),
];
