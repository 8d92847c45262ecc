/**
 * Select-and-rewrite as a user does it: select code in src/format.ts, "Banyan: Rewrite Selection" from
 * the palette, type an instruction; the fake model streams the new code. While and after it streams the
 * inline diff shows (removed lines struck through, the proposed line beside them, Accept/Reject
 * CodeLenses): screenshot. Ctrl+Enter accepts (the file has the new text), Ctrl+Z restores the
 * original in one step, and Escape on a second rewrite rejects it with the text untouched.
 */
import type { Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { waitForModelEndpoint } from '../harness/banyanLog';
import { isReady, START_TIMEOUT_MS, waitForStatusBar } from '../harness/workbench';

const INPUT = '.quick-input-widget input';
const EDITOR = '.editor-group-container.active .monaco-editor';
const ORIGINAL_LINE = "const flag = user.active ? '' : ' (inactive)';";
const NEW_LINE = "const flag = user.active ? '' : ' [inactive]';";
const ANSWER = "Here is the rewrite:\n```ts\nconst flag = user.active ? '' : ' [inactive]';\n```\n";

/** The active editor's text as rendered (monaco renders spaces as U+00A0). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator(`${EDITOR} .view-lines`).first().innerText()).replace(/\u00a0/g, ' ');
}

async function waitForEditorText(page: Page, want: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText(page);
    if (want(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the editor never showed ${what}; it shows:\n${text}`);
}

/** The inline diff as rendered: struck-through text spans and the injected proposed text. */
async function inlineDiff(page: Page): Promise<{ struck: string[]; proposed: string[] }> {
  return page.$eval(EDITOR, (root) => {
    const struck: string[] = [];
    const proposed: string[] = [];
    for (const el of Array.from(root.querySelectorAll('.view-lines span'))) {
      if (el.children.length === 0 && getComputedStyle(el).textDecorationLine.includes('line-through')) struck.push((el.textContent ?? '').replace(/\u00a0/g, ' '));
      const after = getComputedStyle(el, '::after').content;
      if (after && after !== 'none' && after !== 'normal') proposed.push(after);
    }
    return { struck, proposed };
  });
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

/** Opens src/format.ts and selects line 5 (the `flag` line) from its indentation to its end. */
async function selectFlagLine(page: Page): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill('src/format.ts');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'format.ts' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await waitForEditorText(page, (t) => t.includes(ORIGINAL_LINE), 'src/format.ts');
  await page.locator(`${EDITOR} .view-lines`).first().click();
  await page.keyboard.press('Control+G');
  await page.locator(INPUT).waitFor({ state: 'visible' });
  // The go-to-line picker is the quick input with its ":" prefix.
  await page.locator(INPUT).fill(':5');
  await page.keyboard.press('Enter');
  await page.locator(INPUT).waitFor({ state: 'hidden' });
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
}

async function rewrite(page: Page, instruction: string): Promise<void> {
  await runCommand(page, 'Banyan: Rewrite Selection');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Rewrite Selection' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.locator(INPUT).fill(instruction);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: instruction }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function waitForReview(page: Page): Promise<{ struck: string[]; proposed: string[] }> {
  await page.locator(`${EDITOR} .codelens-decoration`, { hasText: 'Accept' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const deadline = Date.now() + 10_000;
  let diff = await inlineDiff(page);
  while (Date.now() < deadline && !(diff.struck.length && diff.proposed.some((p) => p.includes('[inactive]')))) {
    await page.waitForTimeout(100);
    diff = await inlineDiff(page);
  }
  return diff;
}

export const tests = [
  uiTest('Rewrite Selection shows an inline diff; Accept applies it; Undo restores the original', async ({ page, server, fakeModel: fake, screenshot }) => {
    fake.reset();
    server.updateWorkspaceSettings({
      'banyan.models.edit.provider': 'openai-compatible',
      'banyan.models.edit.baseUrl': fake.openaiBaseUrl,
      'banyan.models.edit.model': 'fake-model',
    });
    // Small pieces with pauses: the streaming state lasts long enough to be seen and photographed.
    const pieces = ANSWER.match(/[\s\S]{1,4}/g)!;
    fake.addRule({ name: 'rewrite', route: '/v1/chat/completions', prompt: 'square brackets', times: 1, reply: { chunks: pieces, chunkDelayMs: 80 } });
    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await waitForModelEndpoint(server, 'edit', 'fake-model', fake.openaiBaseUrl);
    await selectFlagLine(page);
    await rewrite(page, 'use square brackets');
    // The streaming lens is what a user sees first; on a fast machine the stream can end before the
    // editor re-renders its CodeLenses, so the review lens (Accept) also counts as having got past it.
    const streaming = page.locator(`${EDITOR} .codelens-decoration`, { hasText: 'rewriting' }).first();
    const review = page.locator(`${EDITOR} .codelens-decoration`, { hasText: 'Accept' }).first();
    await streaming.or(review).waitFor({ state: 'visible', timeout: 30_000 });
    if (await streaming.isVisible()) await screenshot('rewrite-streaming');
    const diff = await waitForReview(page);
    await screenshot('rewrite-inline-diff');
    assert(diff.struck.join('').includes("' (inactive)'"), `the removed line is not struck through: ${JSON.stringify(diff)}`);
    assert(diff.proposed.some((p) => p.includes(NEW_LINE)), `the proposed line is not shown: ${JSON.stringify(diff)}`);
    assert((await editorText(page)).includes(ORIGINAL_LINE), 'the file changed before Accept');
    const request = fake.requests({ path: '/v1/chat/completions' }).at(-1);
    assert(JSON.stringify(request?.body).includes('formatUser'), 'the prompt lacks the enclosing function');

    await page.keyboard.press('Control+Enter');
    const accepted = await waitForEditorText(page, (t) => t.includes(NEW_LINE), 'the accepted rewrite');
    assert(!accepted.includes(ORIGINAL_LINE), 'the original line is still there after Accept');
    assert((await inlineDiff(page)).struck.length === 0, 'the diff decorations stayed after Accept');
    await page.locator(`${EDITOR} .codelens-decoration`, { hasText: 'Accept' }).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot('rewrite-accepted');

    await page.keyboard.press('Control+Z');
    const undone = await waitForEditorText(page, (t) => t.includes(ORIGINAL_LINE), 'the original after Undo');
    assert(!undone.includes(NEW_LINE), 'one Undo did not remove the whole rewrite');
  }, START_TIMEOUT_MS + 90_000),

  uiTest('Reject (Escape) leaves the original text untouched', async ({ page, fakeModel: fake, screenshot }) => {
    fake.addRule({ name: 'rewrite-again', route: '/v1/chat/completions', prompt: 'brackets again', reply: { text: ANSWER } });
    const before = await editorText(page);
    await selectFlagLine(page);
    await rewrite(page, 'brackets again');
    await waitForReview(page);
    await page.keyboard.press('Escape');
    await page.locator(`${EDITOR} .codelens-decoration`, { hasText: 'Accept' }).first().waitFor({ state: 'hidden', timeout: 10_000 });
    assert((await inlineDiff(page)).struck.length === 0, 'the diff decorations stayed after Reject');
    const after = await editorText(page);
    assert(after === before, `Reject changed the text:\n${after}`);
    await screenshot('rewrite-rejected');
  }),
];
