/**
 * Next-edit suggestions through the built server over LSP, against the fake model server (the edit
 * role's chat model, so the `chat` format): a rename propagated through its three remaining uses in two
 * files by accepting each suggestion in turn (what Tab, Tab does in the editor), a suggestion that would
 * undo the user's edit never returned, a rejected one not coming back, an insertion at the cursor served
 * as the inline completion's ghost text, and a newer request aborting the older one's model request.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyTextEdits } from '@src/core/edit';
import {
  NextEditAcceptedNotification,
  NextEditIgnoredNotification,
  NextEditMetricsRequest,
  NextEditRejectedNotification,
  NextEditRequest,
  NextEditShownNotification,
  type NextEditResult,
  type NextEditTrigger,
} from '@src/protocol/lsp';
import { FakeModelServer, type ModelRequest } from '../../fixtures/fakeModelServer';
import { LspSession, REPO_ROOT } from '../helpers/lspSession';
import { until } from '../helpers/until';

const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');
const PRICE = `export function sumPrices(items: number[]): number {
  return items.reduce((a, b) => a + b, 0);
}

export function average(items: number[]): number {
  return sumPrices(items) / items.length;
}
`;
const CART = `import { sumPrices } from './price';

export function cartTotal(prices: number[]): number {
  return sumPrices(prices) + 5;
}
`;

/** The region the chat prompt asks about (between the markers), without the cursor marker. */
function regionOf(req: ModelRequest): string {
  const user = String((req.body as { messages: { role: string; content: string }[] }).messages.at(-1)!.content);
  const m = /<\|editable_region_start\|>\n([\s\S]*?)\n<\|editable_region_end\|>/.exec(user);
  return (m?.[1] ?? '').replace('<|user_cursor_is_here|>', '');
}

/** A model that renames the first remaining `sumPrices` in the region, one use per answer. */
const renameOne = (req: ModelRequest) => {
  const region = regionOf(req);
  return { text: region.includes('sumPrices') ? `\`\`\`ts\n${region.replace('sumPrices', 'totalOf')}\n\`\`\`` : 'NO_CHANGE' };
};

describe('next-edit suggestions through the language server', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-next-edit-it-'));
  const ws = path.join(tmp, 'ws');
  const files = { price: path.join(ws, 'src', 'price.ts'), cart: path.join(ws, 'src', 'cart.ts') };
  const uris = { price: pathToFileURL(files.price).toString(), cart: pathToFileURL(files.cart).toString() };
  const docs = new Map<string, TextDocument>();
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:7b-instruct'] });
  let session: LspSession;

  const open = async (uri: string, text: string) => {
    docs.set(uri, TextDocument.create(uri, 'typescript', 1, text));
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  };
  /** Replaces the document's text with `edits` applied, as the editor's sync would. */
  const change = async (uri: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]) => {
    const doc = docs.get(uri)!;
    const next = TextDocument.create(uri, 'typescript', doc.version + 1, applyTextEdits(doc.getText(), edits));
    docs.set(uri, next);
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })).reverse() });
  };
  const ask = (uri: string, line: number, character: number, trigger: NextEditTrigger) =>
    session.request(NextEditRequest, { textDocument: { uri, version: docs.get(uri)!.version }, position: { line, character }, trigger });
  /** What the editor does on Tab (jump), Tab (accept): apply the edits, report the accept. */
  const accept = async (r: NextEditResult) => {
    await session.notify(NextEditShownNotification, { id: r.id });
    await change(r.edits[0]!.uri, r.edits.map((e) => ({ range: e.range, newText: e.newText })));
    await session.notify(NextEditAcceptedNotification, { id: r.id });
  };

  before(async () => {
    mkdirSync(path.dirname(files.price), { recursive: true });
    writeFileSync(files.price, PRICE);
    writeFileSync(files.cart, CART);
    await fake.start();
    session = new LspSession({
      workspace: ws,
      initializationOptions: {
        storageDir: path.join(tmp, 'storage'), grammarsDir: GRAMMARS,
        settings: { index: { enabled: true }, nextEdit: { enabled: true }, models: { edit: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'qwen2.5-coder:7b-instruct' } } },
      },
    });
    await session.initialize();
    await session.indexIdle(2);
    await open(uris.price, PRICE);
    await open(uris.cart, CART);
  });
  after(async () => {
    await session.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('propagates a rename through its three remaining uses in two files, one accepted suggestion at a time', async () => {
    fake.addRule({ name: 'rename-one', route: '/v1/chat/completions', reply: renameOne });
    // The user renames the definition.
    await change(uris.price, [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 25 } }, newText: 'totalOf' }]);

    const first = await ask(uris.price, 0, 23, 'edit');
    assert.ok(first, 'a suggestion after the rename');
    assert.equal(first.edits[0]!.uri, uris.price);
    assert.deepEqual(first.edits.map((e) => [e.range.start.line, e.newText]), [[5, 'totalOf']]);
    assert.deepEqual(first.jump?.range.start.line, 5, 'away from the cursor: a jump first');
    await accept(first);

    const second = await ask(uris.price, 5, 16, 'accept');
    assert.ok(second, 'the chain goes on in the other file');
    assert.equal(second.edits[0]!.uri, uris.cart);
    assert.equal(second.jump?.uri, uris.cart);
    // The other file has no version in the answer: each edit names the text it replaces there.
    const cartLines = docs.get(uris.cart)!.getText().split('\n');
    assert.deepEqual(second.edits.map((e) => e.oldText), second.edits.map((e) => cartLines[e.range.start.line]!.slice(e.range.start.character, e.range.end.character)));
    assert.ok(second.edits.every((e) => e.oldText === 'sumPrices'), JSON.stringify(second.edits));
    await accept(second);

    const third = await ask(uris.cart, second.edits[0]!.range.start.line, 0, 'accept');
    assert.ok(third, 'the last use');
    await accept(third);

    assert.equal(docs.get(uris.price)!.getText(), PRICE.replace(/sumPrices/g, 'totalOf'));
    assert.equal(docs.get(uris.cart)!.getText(), CART.replace(/sumPrices/g, 'totalOf'));
    const done = await ask(uris.cart, 3, 0, 'accept');
    assert.equal(done, null, 'nothing left to rename');
    const metrics = await session.request(NextEditMetricsRequest, undefined);
    assert.equal(metrics.accepted, 3);
    assert.equal(metrics.shown, 3);
  });

  it('never returns a suggestion that would undo the user\'s edit', async () => {
    fake.reset();
    // The model insists on the old name: renaming the user's line back.
    fake.addRule({ route: '/v1/chat/completions', reply: (req) => ({ text: `\`\`\`ts\n${regionOf(req).replace('function mean(', 'function average(')}\n\`\`\`` }) });
    await change(uris.price, [{ range: { start: { line: 4, character: 16 }, end: { line: 4, character: 23 } }, newText: 'mean' }]);
    const undo = await ask(uris.price, 4, 20, 'explicit');
    assert.equal(undo, null);
    const metrics = await session.request(NextEditMetricsRequest, undefined);
    assert.ok((metrics.dropped['reverts-user-edit'] ?? 0) >= 1, JSON.stringify(metrics.dropped));
  });

  it('does not bring back a suggestion the user rejected', async () => {
    fake.reset();
    fake.addRule({ route: '/v1/chat/completions', reply: (req) => ({ text: `\`\`\`ts\n${regionOf(req).replace('+ 5', '+ shipping')}\n\`\`\`` }) });
    const offered = await ask(uris.cart, 3, 0, 'explicit');
    assert.ok(offered);
    await session.notify(NextEditShownNotification, { id: offered.id });
    await session.notify(NextEditRejectedNotification, { id: offered.id, reason: 'escape' });
    const again = await ask(uris.cart, 3, 0, 'explicit');
    assert.equal(again, null);
    const metrics = await session.request(NextEditMetricsRequest, undefined);
    assert.ok((metrics.dropped['rejected-before'] ?? 0) >= 1, JSON.stringify(metrics.dropped));
    assert.equal(metrics.rejected, 1);
  });

  it('serves an insertion at the cursor as the inline completion\'s ghost text', async () => {
    fake.reset();
    await change(uris.cart, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  const tax = \n' }]);
    fake.addRule({ route: '/v1/chat/completions', reply: (req) => ({ text: `\`\`\`ts\n${regionOf(req).replace('const tax = ', 'const tax = 0.2;')}\n\`\`\`` }) });
    const r = await ask(uris.cart, 3, 14, 'edit');
    assert.ok(r?.ghostText, JSON.stringify(r));
    const items = (await session.connection.sendRequest('textDocument/inlineCompletion', { textDocument: { uri: uris.cart }, position: { line: 3, character: 14 }, context: { triggerKind: 1 } })) as { insertText: string; command?: { arguments?: unknown[] } }[];
    assert.equal(items[0]?.insertText, '0.2;');
    assert.deepEqual(items[0]?.command?.arguments, [r.id]);
  });

  it('a request sent just before the change it refers to waits for that change', async () => {
    fake.reset();
    fake.addRule({ route: '/v1/chat/completions', reply: { text: 'NO_CHANGE' } });
    // The editor's listener can send the request before the language client sends the change.
    const doc = docs.get(uris.price)!;
    const early = session.request(NextEditRequest, { textDocument: { uri: uris.price, version: doc.version + 1 }, position: { line: 0, character: 0 }, trigger: 'explicit' });
    await change(uris.price, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// prices\n' }]);
    assert.equal(await early, null);
    assert.equal(fake.requests({ path: '/v1/chat/completions' }).length, 1, 'the prediction ran on the new version');
  });

  it('a newer request aborts the older one down to the model\'s socket', async () => {
    fake.reset();
    fake.addRule({ route: '/v1/chat/completions', times: 1, fault: { kind: 'hang' } });
    fake.addRule({ route: '/v1/chat/completions', reply: { text: 'NO_CHANGE' } });
    const older = ask(uris.cart, 3, 14, 'explicit');
    await fake.waitForRequest({ path: '/v1/chat/completions' });
    const newer = ask(uris.cart, 3, 14, 'explicit');
    const aborted = await fake.waitForAbort({ path: '/v1/chat/completions' });
    assert.equal(aborted.state, 'aborted');
    assert.equal(await older, null);
    assert.equal(await newer, null);
    await until('both requests to settle', async () => fake.requests({ path: '/v1/chat/completions' }).every((q) => q.state !== 'open') || undefined);
  });

  it('drops an answer computed against a version the document has since left', async () => {
    fake.reset();
    const readonlyPrices = (req: ModelRequest) => ({ text: `\`\`\`ts\n${regionOf(req).replace('(prices: number[])', '(prices: readonly number[])')}\n\`\`\`` });
    fake.addRule({ route: '/v1/chat/completions', times: 1, reply: readonlyPrices });
    // On a quiet document the same model answer is a suggestion…
    const quiet = await ask(uris.cart, 2, 0, 'explicit');
    assert.ok(quiet, 'the answer is a suggestion when the document stays put');
    await session.notify(NextEditIgnoredNotification, { id: quiet.id, reason: 'test' });
    // …but the document changes while the model answers (an edit applied with no new request: an
    // accept's WorkspaceEdit, another extension): the answer refers to the old text, never shown.
    fake.addRule({ route: '/v1/chat/completions', times: 1, reply: readonlyPrices, fault: { kind: 'delay', ms: 800 } });
    const stale = ask(uris.cart, 2, 0, 'explicit');
    await until('the model request', async () => fake.requests({ path: '/v1/chat/completions' }).length >= 2 || undefined);
    await change(uris.cart, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// cart\n' }]);
    assert.equal(await stale, null);
    assert.equal(fake.requests({ path: '/v1/chat/completions' }).at(-1)?.state, 'completed', 'the model did answer');
  });

  it('a cursor request asking exactly what the edit just asked gets its answer again, no new model request', async () => {
    fake.reset();
    fake.addRule({ route: '/v1/chat/completions', reply: (req) => ({ text: `\`\`\`ts\n${regionOf(req).replace('cartTotal(', 'cartSum(')}\n\`\`\`` }) });
    await change(uris.cart, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// total\n' }]);
    const byEdit = await ask(uris.cart, 1, 0, 'edit');
    assert.ok(byEdit, 'a suggestion after the edit');
    const asked = fake.requests({ path: '/v1/chat/completions' }).length;
    const byCursor = await ask(uris.cart, 1, 0, 'cursor');
    assert.deepEqual(byCursor, byEdit, 'the same suggestion, same id');
    assert.equal(fake.requests({ path: '/v1/chat/completions' }).length, asked, 'no new model request');
    // Once the suggestion is settled it is not served again: the same question is asked anew.
    await session.notify(NextEditIgnoredNotification, { id: byEdit.id, reason: 'test' });
    const anew = await ask(uris.cart, 1, 0, 'cursor');
    assert.ok(anew && anew.id !== byEdit.id, JSON.stringify(anew));
    assert.ok(fake.requests({ path: '/v1/chat/completions' }).length > asked, 'asked the model again');
    const metrics = await session.request(NextEditMetricsRequest, undefined);
    assert.equal(metrics.stages.cursor?.repeat, 1, JSON.stringify(metrics.stages));
  });
});

