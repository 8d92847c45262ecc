/**
 * The code index through the real server over stdio: a fixture workspace is indexed in the
 * background, searched, updated from an open document and from file events, and reused from its
 * snapshot by the next server process.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FileEventsNotification, type IndexStats, SearchRequest, SymbolsRequest } from '@src/protocol/lsp';
import { LspSession, REPO_ROOT } from './helpers/lspSession';
import { until } from './helpers/until';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'index', 'workspace');
const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');

describe('index through the language server', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-index-it-'));
  const ws = path.join(tmp, 'ws');
  const storage = path.join(tmp, 'storage');
  let session: LspSession;
  const start = async () => {
    const s = new LspSession({ workspace: ws, initializationOptions: { storageDir: storage, grammarsDir: GRAMMARS } });
    await s.initialize();
    return s;
  };
  const idleStats = (s: LspSession) => s.indexIdle();

  before(async () => {
    cpSync(FIXTURE, ws, { recursive: true });
    session = await start();
  });
  after(async () => {
    await session.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('indexes the workspace in the background and reports statistics', async () => {
    const st: IndexStats = await idleStats(session);
    assert.equal(st.enabled, true);
    assert.equal(st.files, 28);
    assert.equal(st.symbols, 29);
    assert.ok(st.chunks >= st.files - 5);
    for (const lang of ['typescript', 'python', 'java', 'go', 'rust', 'c']) assert.ok(st.languages[lang]! > 0, `${lang} counted`);
    assert.deepEqual(st.errors, []);
  });

  it('searches chunks and finds definitions by name', async () => {
    const hits = await session.request(SearchRequest, { query: 'register user', limit: 3 });
    assert.equal(hits[0]?.rel, 'src/services/userService.ts');
    assert.equal(hits[0]?.symbol, 'UserService.registerUser');
    assert.match(hits[0]!.text, /registerUser\(user: User\)/);
    const defs = await session.request(SymbolsRequest, { name: 'UserService' });
    assert.deepEqual(defs.map((d) => [d.rel, d.kind, d.nameLine]), [['src/services/userService.ts', 'class', 6]]);
    const fuzzy = await session.request(SymbolsRequest, { name: 'inventory', match: 'fuzzy' });
    assert.ok(fuzzy.some((d) => d.name === 'NewInventory'));
  });

  it('an open document is indexed from its in-memory text', async () => {
    const file = path.join(ws, 'src', 'util.ts');
    const uri = pathToFileURL(file).toString();
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: 'export const x = 1;\n' } });
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'export function interpolateSmoothly(a: number, b: number): number {\n  return (a + b) / 2;\n}\n' }],
    });
    const defs = await until('the edit to be indexed', async () => {
      const d = await session.request(SymbolsRequest, { name: 'interpolateSmoothly' });
      return d.length ? d : undefined;
    });
    assert.equal(defs[0]!.rel, 'src/util.ts');
    assert.deepEqual(await session.request(SymbolsRequest, { name: 'clamp' }), []);
  });

  it('file events from the client add and remove files', async () => {
    const created = path.join(ws, 'src', 'audit.ts');
    writeFileSync(created, 'export class AuditTrail {\n  record(event: string): void {}\n}\n');
    await session.notify(FileEventsNotification, { created: [created], changed: [], deleted: [] });
    await until('the created file', async () => ((await session.request(SymbolsRequest, { name: 'AuditTrail' })).length ? true : undefined));
    rmSync(path.join(ws, 'go'), { recursive: true });
    await session.notify(FileEventsNotification, { created: [], changed: [], deleted: [path.join(ws, 'go')] });
    await until('the deleted folder', async () => ((await session.request(SymbolsRequest, { name: 'NewInventory' })).length ? undefined : true));
  });

  it('the next server process starts from the snapshot', async () => {
    await session.close();
    assert.ok(existsSync(path.join(storage, 'index', 'index.snapshot')));
    session = await start();
    const st = await idleStats(session);
    assert.ok(st.sizeOnDiskBytes > 0);
    assert.equal((await session.request(SymbolsRequest, { name: 'AuditTrail' })).length, 1);
    assert.ok(session.logs.some((l) => l.includes('snapshot loaded')), session.logs.join('\n'));
  });

  it('a workspace folder added later is indexed too', async () => {
    const extra = path.join(tmp, 'extra');
    mkdirSync(extra, { recursive: true });
    writeFileSync(path.join(extra, 'billing.py'), 'class InvoiceBuilder:\n    def build(self):\n        return 1\n');
    await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToFileURL(extra).toString(), name: 'extra' }], removed: [] },
    });
    const defs = await until('the new folder to be indexed', async () => {
      const d = await session.request(SymbolsRequest, { name: 'InvoiceBuilder' });
      return d.length ? d : undefined;
    });
    assert.equal(defs[0]!.rel, 'billing.py');
    // The first folder is still there.
    assert.equal((await session.request(SymbolsRequest, { name: 'UserService' })).length, 1);
  });
});
