/**
 * The rewrite commands through the vscode API in a real VS Code, against the fake model server: per-
 * change Accept/Reject applies only the accepted change (one undo step), Retry with feedback sends the
 * previous answer and the feedback, and a refused answer opens the proposal in a diff editor.
 */
import * as vscode from 'vscode';
import { FakeModelServerRemote } from '../../fixtures/fakeModelServer/remoteControl';
import { COMMANDS } from '@src/extension/commandIds';
import type { RewriteOutcome } from '@src/extension/rewrite/pendingRewrite';
import { assert, test } from './framework';

const TEXT = ['function total(items) {', '  let sum = 0;', '  for (const i of items) sum += i.price;', '  return sum;', '}', ''].join('\n');

function modelUrl(): string {
  const url = process.env.BANYAN_E2E_MODEL_URL;
  assert(url, 'BANYAN_E2E_MODEL_URL is not set: the e2e run starts the fake model server and passes its URL');
  return url;
}

async function editorWith(text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(1, 0, 4, 0);
  return editor;
}

/** Runs the rewrite until the server uses the fake endpoint (settings reach it asynchronously). */
async function rewrite(instruction: string): Promise<RewriteOutcome> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const outcome = await vscode.commands.executeCommand<RewriteOutcome>(COMMANDS.rewriteSelection.id, { instruction });
    if (outcome.state !== 'stopped' || Date.now() > deadline) return outcome;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function setUp(rules: unknown[]): Promise<FakeModelServerRemote> {
  const url = modelUrl();
  const config = vscode.workspace.getConfiguration('banyan');
  await config.update('models.edit.provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
  await config.update('models.edit.baseUrl', `${url}/v1`, vscode.ConfigurationTarget.Global);
  await config.update('models.edit.model', 'fake-model', vscode.ConfigurationTarget.Global);
  const remote = new FakeModelServerRemote(url);
  await remote.reset();
  await remote.addRules(rules as never);
  return remote;
}

test('per-change Accept/Reject applies only the accepted change, as one undo step', async () => {
  await setUp([{ route: '/v1/chat/completions', prompt: 'INHOST-HUNKS', reply: { text: '```js\nlet sum = 0.0;\nfor (const i of items) sum += i.price;\nreturn Math.round(sum);\n```' } }]);
  const editor = await editorWith(TEXT);
  const uri = editor.document.uri.toString();
  const outcome = await rewrite('INHOST-HUNKS');
  assert(outcome.state === 'review' && outcome.hunks === 2, `expected two changes to review: ${JSON.stringify(outcome)}`);
  assert(editor.document.getText() === TEXT, 'the document changed before Accept');
  await vscode.commands.executeCommand(COMMANDS.rewriteAcceptHunk.id, uri, 1);
  assert(editor.document.getText() === TEXT, 'one decided change of two already wrote the document');
  await vscode.commands.executeCommand(COMMANDS.rewriteRejectHunk.id, uri, 0);
  assert(editor.document.getText() === TEXT.replace('return sum;', 'return Math.round(sum);'), `only the accepted change should be applied:\n${editor.document.getText()}`);
  await vscode.commands.executeCommand('undo');
  assert(editor.document.getText() === TEXT, `one undo did not restore the original:\n${editor.document.getText()}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}, 60_000);

test('Retry with feedback sends the previous answer and the feedback; Reject leaves the text', async () => {
  const remote = await setUp([
    { route: '/v1/chat/completions', prompt: 'use reduce please', reply: { text: '```js\nreturn items.reduce((s, i) => s + i.price, 0);\n```' } },
    { route: '/v1/chat/completions', prompt: 'INHOST-RETRY', reply: { text: '```js\nlet sum = 0;\nfor (const item of items) sum += item.price;\nreturn sum;\n```' } },
  ]);
  const editor = await editorWith(TEXT);
  const first = await rewrite('INHOST-RETRY');
  assert(first.state === 'review', `first answer not under review: ${JSON.stringify(first)}`);
  const second = await vscode.commands.executeCommand<RewriteOutcome>(COMMANDS.rewriteRetry.id, editor.document.uri.toString(), 'use reduce please');
  assert(second.state === 'review', `the retry is not under review: ${JSON.stringify(second)}`);
  const body = JSON.stringify((await remote.requests({ path: '/v1/chat/completions' })).at(-1)?.body);
  assert(body.includes('Feedback: use reduce please') && body.includes('for (const item of items)'), `the retry lacks the feedback or the previous answer: ${body}`);
  await vscode.commands.executeCommand(COMMANDS.rewriteReject.id, editor.document.uri.toString());
  assert(editor.document.getText() === TEXT, 'Reject changed the text');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}, 60_000);

test('with no selection the code is generated at the cursor, indented for its line, and Accept inserts it', async () => {
  await setUp([{ route: '/v1/chat/completions', prompt: 'INHOST-CURSOR', reply: { text: '```js\nconsole.log(sum);\n```' } }]);
  const withBlank = TEXT.replace('  return sum;', '\n  return sum;');
  const editor = await editorWith(withBlank);
  editor.selection = new vscode.Selection(3, 0, 3, 0);
  const outcome = await rewrite('INHOST-CURSOR');
  assert(outcome.state === 'review', `the generated code is not under review: ${JSON.stringify(outcome)}`);
  await vscode.commands.executeCommand(COMMANDS.rewriteAccept.id);
  assert(editor.document.getText() === withBlank.replace('\n\n  return sum;', '\n  console.log(sum);\n  return sum;'), `not inserted at the cursor:\n${editor.document.getText()}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}, 60_000);

test('a refused answer opens the proposal in a diff editor and changes nothing', async () => {
  await setUp([{ route: '/v1/chat/completions', prompt: 'INHOST-REFUSE', reply: { text: '```js\nreturn 1;\n```\nor\n```js\nreturn 2;\n```' } }]);
  const editor = await editorWith(TEXT);
  const outcome = await rewrite('INHOST-REFUSE');
  assert(outcome.state === 'refused' && outcome.code === 'ambiguous-code-blocks', `expected a refusal: ${JSON.stringify(outcome)}`);
  assert(editor.document.getText() === TEXT, 'a refused rewrite changed the document');
  const deadline = Date.now() + 10_000;
  const isProposalDiff = (t: vscode.Tab) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'banyan-rewrite';
  while (!vscode.window.tabGroups.all.some((g) => g.tabs.some(isProposalDiff)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isProposalDiff);
  assert(tab, 'no diff editor with the proposal opened');
  await vscode.window.tabGroups.close(tab);
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const config = vscode.workspace.getConfiguration('banyan');
  for (const field of ['provider', 'baseUrl', 'model']) await config.update(`models.edit.${field}`, undefined, vscode.ConfigurationTarget.Global);
}, 60_000);
