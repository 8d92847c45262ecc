/**
 * Inline completions as a user sees them: typing `service.` in src/app.ts (where `service` is a
 * UserService, defined in src/userService.ts) shows ghost text that the fake model only gives when
 * UserService's definition is in the prompt; typing its first characters keeps it on screen with no
 * new model request; Ctrl+Right accepts a word; Tab accepts the rest.
 */
import type { Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { waitForModelEndpoint } from '../harness/banyanLog';
import { EDITOR, newLineAfter, openFile } from '../harness/editor';
import { isReady, START_TIMEOUT_MS, waitFor, waitForStatusBar } from '../harness/workbench';

const GHOST = `${EDITOR} [class*="ghost-text"]`;
const ANSWER = "findByEmail('ada@example.com');";

/** The editor's lines without the ghost text (which is rendered inside the same lines). */
async function documentText(page: Page): Promise<string> {
  return page.$eval(`${EDITOR} .view-lines`, (root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    for (const el of Array.from(copy.querySelectorAll('[class*="ghost-text"]'))) el.remove();
    const lines = Array.from(copy.querySelectorAll('.view-line')).map((l) => ({ top: parseFloat((l as HTMLElement).style.top), text: l.textContent ?? '' }));
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text.replace(/\u00a0/g, ' ')).join('\n');
  });
}

async function ghostText(page: Page): Promise<string> {
  return (await page.locator(GHOST).allInnerTexts()).join('').replace(/\u00a0/g, ' ');
}

/** Opens src/app.ts and puts the cursor on a new line after `service.deactivate(ada.id);` (line 11). */
async function newLineInApp(page: Page): Promise<void> {
  await openFile(page, 'src/app.ts', 'service.deactivate(ada.id);');
  await newLineAfter(page, 11);
}

export const tests = [
  uiTest('ghost text from another file\'s definition; typed-ahead without a request; word accept; Tab accepts', async ({ page, server, fakeModel: fake, screenshot }) => {
    fake.reset();
    const settings = {
      'banyan.models.completion.provider': 'openai-compatible',
      'banyan.models.completion.baseUrl': fake.openaiBaseUrl,
      'banyan.models.completion.model': 'qwen2.5-coder:1.5b-base',
      // The definition must reach the prompt however busy the machine (the 150 ms default box fired under load).
      'banyan.completion.contextTimeBoxMs': 10_000,
      // The TypeScript suggest list would otherwise open after `.` and filter the ghost text.
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
    };
    server.updateWorkspaceSettings(settings);
    try {
      // Only with UserService's definition (from src/userService.ts) in the prompt does the model
      // answer, and only right after `service.`: once the suggestion is accepted, VS Code asks again at
      // the end of the line, and the same answer there would be new ghost text.
      fake.addRule({ name: 'needs-definition', route: '/v1/completions', prompt: /findByEmail\(email: string\): User \| undefined[\s\S]*const again = service\.<\|fim_suffix\|>/, reply: { text: ANSWER } });
      fake.configure({ defaultReply: { text: '' } });
      await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
      // VS Code asks for a completion as the text is typed: the server must have the endpoint first.
      await waitForModelEndpoint(server, 'completion', settings['banyan.models.completion.model'], fake.openaiBaseUrl);
      await newLineInApp(page);
      await page.keyboard.type('const again = service.', { delay: 40 });

      const shown = await waitFor('ghost text', async () => {
        const text = await ghostText(page);
        return text.includes('findByEmail') ? text : undefined;
      }, 30_000);
      await screenshot('completion-ghost-text');
      assert(shown.includes(ANSWER), `unexpected ghost text: ${shown}`);
      const answered = fake.requests({ path: '/v1/completions' }).filter((r) => r.rule === 'needs-definition');
      assert(answered.length >= 1, 'the model never saw the definition in the prompt');

      // Typed-ahead: the first characters of the suggestion keep the rest on screen, with no new request.
      const before = fake.requests({ path: '/v1/completions' }).length;
      await page.keyboard.type('fin', { delay: 60 });
      let rest = '';
      await waitFor('the rest of the suggestion', async () => ((rest = await ghostText(page)).includes("dByEmail('ada@example.com');") ? true : undefined), 10_000).catch(() => undefined);
      assert(rest.includes("dByEmail('ada@example.com');"), `the rest of the suggestion is not shown after typing its start: ${rest}`);
      // Room for a request that should not come (the debounce would send it within this time).
      await page.waitForTimeout(800);
      const after = fake.requests({ path: '/v1/completions' }).length;
      assert(after === before, `typing the suggestion's start sent ${after - before} new model request(s)`);
      await screenshot('completion-typed-ahead');

      // Word-by-word partial accept.
      await page.keyboard.press('Control+ArrowRight');
      const partial = await waitFor('a word accepted', async () => {
        const text = await documentText(page);
        return /const again = service\.findByEmail\b/.test(text) ? text : undefined;
      }, 10_000);
      assert(!partial.includes(`service.${ANSWER}`), 'Ctrl+Right accepted everything');
      let remaining = '';
      await waitFor('the rest after a word accept', async () => ((remaining = await ghostText(page)).includes("'ada@example.com');") ? true : undefined), 10_000).catch(() => undefined);
      assert(remaining.includes("'ada@example.com');"), `the rest is not shown after a word accept: ${remaining}`);
      await screenshot('completion-partial-accept');

      // Tab accepts what is left.
      await page.keyboard.press('Tab');
      await waitFor('the accepted suggestion', async () => ((await documentText(page)).includes(`const again = service.${ANSWER}`) ? true : undefined), 10_000);
      await screenshot('completion-accepted');
      let left = '';
      await waitFor('the ghost text to go', async () => ((left = (await ghostText(page)).trim()) === '' ? true : undefined), 10_000).catch(() => undefined);
      assert(left === '', `ghost text stayed after Tab: ${left}`);
    } finally {
      // Later specs (90-models) expect the default completion endpoint: leave the workspace as found.
      server.updateWorkspaceSettings(Object.fromEntries(Object.keys(settings).map((k) => [k, undefined])));
    }
  }, START_TIMEOUT_MS + 120_000),
];
