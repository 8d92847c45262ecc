/**
 * The chat panel as a user drives it: ask about `pluralize`; the fake model answers only when the
 * prompt holds pluralize's retrieved definition, streaming an answer with a code block for
 * src/format.ts. Apply opens a diff of the proposal, Accept changes the file (saved and read back
 * from disk). An `@file` mention picked from the popup puts that file into the prompt. After a page
 * reload (a window reload) the conversation is still there. Screenshots in dark and light themes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { assert, uiTest } from '../harness/testing';
import { chatFrame, isReady, modelPickerOptions, openBanyanContainer, START_TIMEOUT_MS, waitFor, waitForStatusBar, waitForWorkbench } from '../harness/workbench';

const QUESTION = 'How does pluralize work? Make it clearer.';
const NEW_CODE = 'export function pluralize(count: number, noun: string): string {\n  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;\n}';
const ANSWER = `\`pluralize\` (src/format.ts:9-11) appends an "s" unless the count is 1. A clearer version:\n\n\`\`\`ts src/format.ts\n${NEW_CODE}\n\`\`\`\n`;
const MENTION_ANSWER = 'It holds the UserService class: src/userService.ts:18.';

function composer(frame: Frame) {
  return frame.getByRole('textbox', { name: /^Message Banyan/ });
}

/** Waits until the conversation's last answer has finished (`data-status` done) and returns its text. */
async function lastAnswer(frame: Frame, contains: string, timeoutMs = 30_000): Promise<string> {
  const answer = frame.locator('article.message.assistant', { hasText: contains }).last();
  await answer.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while ((await answer.getAttribute('data-status')) === 'streaming' && Date.now() < deadline) await frame.waitForTimeout(100);
  const status = await answer.getAttribute('data-status');
  assert(status === 'done', `the answer ended as ${status}`);
  return answer.innerText();
}

/** Waits until the model picker shows `model` selected: the window has read the new settings. */
async function waitForModel(frame: Frame, model: string): Promise<void> {
  await waitFor(`the model picker to show ${model}`, async () => (await modelPickerOptions(frame)).find((o) => o.selected && o.label === model), 30_000);
}

async function theme(page: Page, name: string, dark: boolean, set: (v: string) => void): Promise<void> {
  set(name);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const cls = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
    if (dark ? cls.includes('vs-dark') : cls.includes(' vs ') || cls.endsWith(' vs')) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`the workbench never switched to ${name}`);
}

export const tests = [
  uiTest('ask in the panel: the answer needs the retrieved definition; Apply shows a diff and Accept changes the file', async ({ page, server, fakeModel: fake, screenshot, log }) => {
    fake.reset();
    server.updateWorkspaceSettings({
      'banyan.models.chat.provider': 'openai-compatible',
      'banyan.models.chat.baseUrl': fake.openaiBaseUrl,
      'banyan.models.chat.model': 'fake-model',
      'banyan.models.embeddings.model': '',
    });
    // Only a prompt that carries pluralize's definition (retrieval) gets the answer with code.
    fake.addRule({ name: 'grounded', route: '/v1/chat/completions', prompt: /export function pluralize\(count: number, noun: string\): string \{[\s\S]*How does pluralize work/, reply: { text: ANSWER, chunkDelayMs: 20 } });
    fake.addRule({ name: 'mention', route: '/v1/chat/completions', prompt: /src\/userService\.ts:1-\d+\n```\n\/\*\* An in-memory user store[\s\S]*what does this file hold/, reply: { text: MENTION_ANSWER } });
    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await waitForModel(frame, 'fake-model');

    await composer(frame).fill(QUESTION);
    await composer(frame).press('Enter');
    const text = await lastAnswer(frame, 'appends an');
    assert(text.includes('return count === 1'), `the answer has no code block: ${text}`);
    const steps = await frame.locator('article.message.assistant').last().innerText();
    log(`answer with steps: ${steps.slice(0, 300).replace(/\n/g, ' | ')}`);
    await screenshot('chat-answer');

    await frame.getByRole('button', { name: 'Apply to src/format.ts' }).click();
    await page.locator('.monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: "Apply Banyan's change to src/format.ts?" }).first();
    await toast.waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot('chat-apply-diff');
    await toast.getByRole('button', { name: 'Accept' }).click();

    const file = path.join(server.workspace, 'src', 'format.ts');
    const changedLine = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'return count === 1' }).first();
    await changedLine.waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 20_000 });
    const tab = (await page.locator('.editor-group-container.active .tab.active').first().innerText()).trim();
    assert(tab === 'format.ts', `the active editor after Accept is "${tab}", not src/format.ts`);
    // Save from the editor itself (focus may still be in the notification or the chat view).
    await changedLine.click();
    await page.keyboard.press('Control+S');
    await screenshot('chat-apply-saved');
    const deadline = Date.now() + 15_000;
    while (!readFileSync(file, 'utf8').includes('return count === 1 ?') && Date.now() < deadline) await page.waitForTimeout(200);
    const saved = readFileSync(file, 'utf8');
    assert(saved.includes(NEW_CODE), `src/format.ts was not changed:\n${saved}`);
    assert(saved.includes('export function formatUser(user: User): string {'), 'Apply changed more than pluralize');
  }, START_TIMEOUT_MS + 120_000),

  uiTest('an @file mention picked from the popup puts the file into the prompt', async ({ page }) => {
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    const box = composer(frame);
    await box.click();
    await box.pressSequentially('@file:userServ');
    await frame.locator('[role=option]', { hasText: 'userService.ts' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await box.press('Enter');
    await box.pressSequentially('what does this file hold?');
    const value = await box.inputValue();
    assert(value.startsWith('@userService.ts '), `the mention was not inserted: ${value}`);
    await box.press('Enter');
    await lastAnswer(frame, 'It holds the UserService class');
  }, 90_000),

  uiTest('after a window reload the conversation is still there; dark and light screenshots', async ({ page, server, screenshot }) => {
    await page.reload();
    await waitForWorkbench(page);
    await waitForStatusBar(page, isReady, '$(check) Banyan', START_TIMEOUT_MS);
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await frame.locator('article.message.user', { hasText: QUESTION }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('article.message.assistant', { hasText: 'It holds the UserService class' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const answers = await frame.locator('article.message.assistant').count();
    assert(answers === 2, `expected the 2 answers after the reload, found ${answers}`);

    const set = (name: string) => server.updateWorkspaceSettings({ 'workbench.colorTheme': name });
    await theme(page, 'Default Dark Modern', true, set);
    await screenshot('chat-panel-dark');
    await theme(page, 'Default Light Modern', false, set);
    await screenshot('chat-panel-light');
    server.updateWorkspaceSettings({ 'workbench.colorTheme': undefined });
  }, START_TIMEOUT_MS + 120_000),

  uiTest('a model failure mid-stream keeps the partial answer with Retry; Retry answers', async ({ page, fakeModel: fake, screenshot }) => {
    fake.addRule({ name: 'flaky', route: '/v1/chat/completions', prompt: 'Why is formatUser flaky', times: 1, reply: { chunks: ['Partial ', 'answer ', 'before ', 'the drop'] }, fault: { kind: 'dropMidStream', afterChunks: 2 } });
    fake.addRule({ name: 'retried', route: '/v1/chat/completions', prompt: 'Why is formatUser flaky', reply: { text: 'It is not flaky: src/format.ts:4.' } });
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await composer(frame).fill('Why is formatUser flaky?');
    await composer(frame).press('Enter');
    const failed = frame.locator('article.message.assistant', { hasText: 'Partial answer' }).last();
    await failed.waitFor({ state: 'visible', timeout: 30_000 });
    const deadline = Date.now() + 30_000;
    while ((await failed.getAttribute('data-status')) !== 'error' && Date.now() < deadline) await frame.waitForTimeout(100);
    assert((await failed.getAttribute('data-status')) === 'error', `the answer ended as ${await failed.getAttribute('data-status')}, not as an error`);
    const text = await failed.innerText();
    assert(text.includes('Partial answer'), `the partial answer is gone: ${text}`);
    await screenshot('chat-error-retry');
    await failed.getByRole('button', { name: 'Retry this answer' }).click();
    await lastAnswer(frame, 'It is not flaky');
  }, 90_000),

  uiTest('a reasoning model: its thinking is folded above the answer ("Thought for …"), opens on click, and is never in the answer', async ({ page, fakeModel: fake, screenshot }) => {
    const thinking = 'The user asks about formatUser. I should check src/format.ts first.';
    // The earlier questions are still in the conversation's history: their rules would match this request too.
    fake.reset();
    // DeepSeek's stream: reasoning_content deltas, then the answer.
    fake.addRule({ name: 'reasoner', route: '/v1/chat/completions', prompt: 'What does formatUser return', reply: { thinking, text: 'A display string: src/format.ts:4.', chunkDelayMs: 20, shape: 'deepseek-reasoner' } });
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    await composer(frame).fill('What does formatUser return?');
    await composer(frame).press('Enter');
    const text = await lastAnswer(frame, 'A display string');
    const answer = frame.locator('article.message.assistant', { hasText: 'A display string' }).last();
    const summary = answer.locator('details.thinking summary');
    assert(/^Thought( for .*)?$/.test((await summary.innerText()).trim()), `the folded reasoning is labelled "${await summary.innerText()}"`);
    assert(!text.includes('I should check'), `the reasoning shows while folded: ${text}`);
    assert((await answer.locator('.markdown').innerText()).trim() === 'A display string: src/format.ts:4.', 'the answer holds only the answer');
    await summary.click();
    await answer.locator('.thinking-body', { hasText: 'I should check src/format.ts first.' }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('chat-thinking-open');
  }, 90_000),
];
