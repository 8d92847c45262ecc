/**
 * The server in an untrusted workspace: no MCP server is started (they are processes started in the
 * folder), even from the user's own settings, and agent turns are refused; once the client says the
 * workspace is trusted, the MCP servers start.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AgentMcpStatusRequest, AgentTurnRequest, type McpServerStatus, SettingsChangedNotification } from '@src/protocol/lsp';
import { LspSession, REPO_ROOT } from './helpers/lspSession';
import { until } from './helpers/until';

const MCP_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'mcp', 'wordCountServer.mjs');

describe('an untrusted workspace', () => {
  const ws = mkdtempSync(path.join(tmpdir(), 'banyan-untrusted-'));
  const settings = { index: { enabled: false }, agent: { mcp: { servers: { words: { command: process.execPath, args: [MCP_FIXTURE] } } } } };
  let session: LspSession;

  before(async () => {
    session = new LspSession({ workspace: ws, initializationOptions: { trusted: false, settings } });
    await session.initialize();
  });
  after(async () => {
    await session.close();
    rmSync(ws, { recursive: true, force: true });
  });

  it('starts no MCP server and refuses agent turns until the workspace is trusted', async () => {
    await until('the server to say it left the MCP servers off', async () => (session.logs.some((l) => /MCP servers not started in an untrusted workspace: words/.test(l)) ? true : undefined), 20_000);
    assert.deepEqual(await session.request(AgentMcpStatusRequest, undefined), []);
    const turn = await session.request(AgentTurnRequest, { turnId: 't1', conversationId: 'c1', task: 'anything', history: [], trusted: false, client: { terminal: false, diagnostics: false, locations: false } });
    assert.equal(turn.status, 'disabled');

    await session.notify(SettingsChangedNotification, { settings, editorSettings: {}, trusted: true });
    const status = await until('the MCP server to connect once trusted', async () => {
      const s: readonly McpServerStatus[] = await session.request(AgentMcpStatusRequest, undefined);
      return s.some((x) => x.name === 'words' && x.state === 'connected') ? s : undefined;
    }, 20_000);
    assert.deepEqual(status.find((s) => s.name === 'words')?.tools.map((t) => t.name), ['count_words']);
  });
});
