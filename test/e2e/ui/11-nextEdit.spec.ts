/**
 * Next-edit suggestions as a user sees them, in src/app.ts with the fake model as the edit role's chat
 * model (next edit inherits it): renaming `ada` on line 7 shows the rename of its use on line 11 as an
 * inline diff with a jump label at the cursor; Tab jumps there, Tab accepts, one Undo reverts the accept.
 * Renaming `grace` then Escape dismisses the suggestion with the text untouched. Typing the start of a
 * declaration gets the rest as ghost text, and Tab accepts the ghost text (the next-edit Tab binding
 * stays out of the way while an inline suggestion shows).
 */
import type { Page } from 'playwright-core';
import type { ModelRequest } from '../../fixtures/fakeModelServer';
import { waitForModelEndpoint } from '../harness/banyanLog';
import { EDITOR, editorText, INPUT, newLineAfter, openFile } from '../harness/editor';
import { assert, uiTest } from '../harness/testing';
import { isReady, START_TIMEOUT_MS, waitFor, waitForStatusBar } from '../harness/workbench';

const GHOST = `${EDITOR} [class*="ghost-text"]`;

/** The region the chat-format prompt asks about, without the cursor marker. */
function regionOf(req: { readonly body: unknown }): string | undefined {
  const messages = (req.body as { messages?: { content: unknown }[] }).messages ?? [];
  const m = /<\|editable_region_start\|>\n([\s\S]*?)\n<\|editable_region_end\|>/.exec(String(messages.at(-1)?.content ?? ''));
  return m?.[1]?.replace('<|user_cursor_is_here|>', '');
}

/** A model that finishes renames it sees begun (`const lovelace` with `ada.id` still used; the latest first) and completes `const count = `. */
function predict(req: ModelRequest): { text: string } {
  const region = regionOf(req);
  if (region === undefined) return { text: 'NO_CHANGE' };
  let out = region;
  if (/const count = $/m.test(out)) out = out.replace(/const count = $/m, 'const count = active.length;');
  else if (/const hopper\b/.test(out)) out = out.replace(/\bgrace\.id\b/g, 'hopper.id');
  else if (/const lovelace\b/.test(out)) out = out.replace(/\bada\.id\b/g, 'lovelace.id');
  return { text: out === region ? 'NO_CHANGE' : `\`\`\`ts\n${out}\n\`\`\`` };
}

/** Struck-through text and injected (::after) text in the active editor: the inline diff and the jump label. */
async function decorations(page: Page): Promise<{ struck: string[]; injected: string[] }> {
  return page.$eval(EDITOR, (root) => {
    const struck: string[] = [];
    const injected: string[] = [];
    for (const el of Array.from(root.querySelectorAll('.view-lines span'))) {
      if (el.children.length === 0 && getComputedStyle(el).textDecorationLine.includes('line-through')) struck.push((el.textContent ?? '').replace(/\u00a0/g, ' '));
      const after = getComputedStyle(el, '::after').content;
      if (after && after !== 'none' && after !== 'normal') injected.push(after);
    }
    return { struck, injected };
  });
}

/** Selects the name starting at `column` (1-based) on `line` and types `name` over it. */
async function renameAt(page: Page, line: number, column: number, length: number, name: string): Promise<void> {
  await page.locator(`${EDITOR} .view-lines`).first().click();
  await page.keyboard.press('Control+G');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator(INPUT).waitFor({ state: 'hidden' });
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(name, { delay: 50 });
}

/** The line holding `needle`, without spaces and the zero-width characters decorations may split it with. */
const lineOf = (text: string, needle: string) => text.split('\n').find((l) => l.includes(needle))?.replace(/[\s\u200b-\u200d\ufeff]/g, '');

export const tests = [
  uiTest('a rename: inline diff with a jump label; Tab jumps, Tab accepts; one Undo reverts the accept', async ({ page, server, fakeModel: fake, screenshot }) => {
    fake.reset();
    server.updateWorkspaceSettings({
      'banyan.models.edit.provider': 'openai-compatible',
      'banyan.models.edit.baseUrl': fake.openaiBaseUrl,
      'banyan.models.edit.model': 'fake-model',
      'banyan.nextEdit.enabled': true,
      // The word-based suggest list would open while typing the new name and (rightly) own Tab.
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
    });
    fake.addRule({ name: 'next-edit', route: '/v1/chat/completions', prompt: 'editable_region_start', reply: predict });
    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await waitForModelEndpoint(server, 'edit', 'fake-model', fake.openaiBaseUrl);
    await openFile(page, 'src/app.ts', 'service.deactivate(ada.id);');
    // Line 7: `  const ada = service.create(…)`; `ada` starts at column 9.
    await renameAt(page, 7, 9, 3, 'lovelace');

    const shown = await waitFor('the inline diff and the jump label', async () => {
      const d = await decorations(page);
      return d.struck.includes('ada') && d.injected.some((t) => t.includes('lovelace')) && d.injected.some((t) => t.includes('Tab: next edit at line 11')) ? d : undefined;
    }, 60_000);
    await screenshot('next-edit-jump-label');
    const untouched = lineOf(await editorText(page), 'service.deactivate');
    assert(untouched === 'service.deactivate(ada.id);', `the file changed before Tab: ${JSON.stringify(untouched)}`);

    await page.keyboard.press('Tab');
    await waitFor('the label gone after the jump', async () => ((await decorations(page)).injected.some((t) => t.includes('Tab: next edit')) ? undefined : true), 10_000);
    const after = await decorations(page);
    assert(after.struck.includes('ada'), `the diff went away with the jump: ${JSON.stringify(after)} (before: ${JSON.stringify(shown)})`);
    assert(lineOf(await editorText(page), 'service.deactivate') === 'service.deactivate(ada.id);', 'the first Tab changed the text');
    await screenshot('next-edit-jumped');

    await page.keyboard.press('Tab');
    await waitFor('the accepted rename', async () => (lineOf(await editorText(page), 'service.deactivate') === 'service.deactivate(lovelace.id);' ? true : undefined), 10_000);
    assert((await decorations(page)).struck.length === 0, 'the diff stayed after the accept');
    await screenshot('next-edit-accepted');

    await page.keyboard.press('Control+Z');
    const undone = await waitFor('one undo', async () => {
      const t = await editorText(page);
      return lineOf(t, 'service.deactivate') === 'service.deactivate(ada.id);' ? t : undefined;
    }, 10_000);
    assert(undone.includes('const lovelace = '), 'one Undo reverted more than the accept');
    await screenshot('next-edit-undone');
  }, START_TIMEOUT_MS + 120_000),

  uiTest('Escape dismisses a suggestion and leaves the text as it was', async ({ page, screenshot }) => {
    // Line 9: `  const grace = service.create(…)`; `grace` starts at column 9; its use is on line 17.
    await renameAt(page, 9, 9, 5, 'hopper');
    await waitFor('the suggestion for grace', async () => ((await decorations(page)).struck.includes('grace') ? true : undefined), 60_000);
    const before = await editorText(page);
    await page.keyboard.press('Escape');
    await waitFor('the diff gone', async () => ((await decorations(page)).struck.length === 0 ? true : undefined), 10_000);
    assert((await editorText(page)) === before, 'Escape changed the text');
    assert(!(await decorations(page)).injected.some((t) => t.includes('Tab: next edit')), 'the jump label stayed');
    await screenshot('next-edit-dismissed');
  }, 120_000),

  uiTest('an insertion at the cursor is ghost text, and Tab accepts the ghost text, not a next edit', async ({ page, server, fakeModel: fake, screenshot }) => {
    await newLineAfter(page, 13);
    await page.keyboard.type('const count = ', { delay: 50 });
    await waitFor('ghost text', async () => ((await page.locator(GHOST).allInnerTexts()).join('').includes('active.length;') ? true : undefined), 60_000)
      .catch(async (err: Error) => {
        throw new Error(`${err.message}; decorations: ${JSON.stringify(await decorations(page))}; last region: ${JSON.stringify(regionOf(fake.requests({ path: '/v1/chat/completions' }).at(-1)!))}`);
      });
    await screenshot('next-edit-ghost-text');
    await page.keyboard.press('Tab');
    await waitFor('the accepted ghost text', async () => (lineOf(await editorText(page), 'const count') === 'constcount=active.length;' ? true : undefined), 10_000);
    // Leave src/app.ts as the later specs expect it.
    await page.keyboard.press('F1');
    await page.locator(INPUT).waitFor({ state: 'visible' });
    await page.locator(INPUT).fill('>File: Revert File');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Revert File' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    await waitFor('the file as found', async () => (lineOf(await editorText(page), 'service.deactivate') === 'service.deactivate(ada.id);' && !(await editorText(page)).includes('hopper') ? true : undefined), 10_000);
    server.updateWorkspaceSettings({ 'editor.quickSuggestions': undefined, 'editor.suggestOnTriggerCharacters': undefined, 'banyan.nextEdit.enabled': undefined });
  }, 120_000),
];
