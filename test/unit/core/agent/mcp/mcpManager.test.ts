/** MCP through the SDK against the stdio fixture: tools listed and called; a failing server is isolated. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { McpManager, callName } from '@src/core/agent/mcp/mcpManager';
import { parseMcpServers } from '@src/core/agent/mcp/mcpTypes';
import type { ToolContext } from '@src/core/agent/types';
import { startHttpMcpServer } from '../../../../fixtures/mcp/httpMcpServer';

const FIXTURE = path.resolve(__dirname, '../../../../fixtures/mcp/wordCountServer.mjs');

describe('MCP manager', () => {
  const logs: string[] = [];
  const manager = new McpManager((m) => logs.push(m));
  after(() => manager.dispose());

  it('lists the fixture server tool, calls it after approval, and isolates a server that cannot start', async () => {
    await manager.sync({ words: { command: process.execPath, args: [FIXTURE] }, broken: { command: path.join(__dirname, 'no-such-program') }, off: { command: 'x', disabled: true } }, __dirname);
    const status = new Map(manager.status().map((s) => [s.name, s]));
    assert.equal(status.get('words')?.state, 'connected', JSON.stringify(manager.status()));
    assert.deepEqual(status.get('words')?.tools.map((t) => t.name), ['count_words']);
    assert.equal(status.get('broken')?.state, 'failed');
    assert.match(status.get('broken')?.error ?? '', /banyan\.agent\.mcp\.servers\["broken"\]/);
    assert.equal(status.get('off')?.state, 'disabled');

    const tools = manager.tools();
    assert.deepEqual(tools.map((t) => t.definition.name), ['mcp_words_count_words']);
    assert.equal(tools[0]!.category, 'mcp');
    const asked: string[] = [];
    const ctx = { signal: new AbortController().signal, approve: async (r: { tool: string }) => (asked.push(r.tool), undefined) } as unknown as ToolContext;
    const r = await tools[0]!.run({ text: 'one two three' }, ctx);
    assert.deepEqual(asked, ['mcp:words/count_words']);
    assert.equal(r.content, '3 words (counted by the word-count MCP server)');

    const denied = await tools[0]!.run({ text: 'x' }, { ...ctx, approve: async () => 'The user denied this.' } as ToolContext);
    assert.equal(denied.failed, true);
    assert.equal(denied.content, 'The user denied this.');
  });

  it('talks to a streamable-HTTP server, and reports one that refuses connections without touching the others', async () => {
    const http = await startHttpMcpServer();
    const other = new McpManager();
    try {
      await other.sync({ rev: { url: http.url }, down: { url: 'http://127.0.0.1:9/mcp' } }, undefined);
      const status = new Map(other.status().map((s) => [s.name, s]));
      assert.equal(status.get('rev')?.state, 'connected', JSON.stringify(other.status()));
      assert.equal(status.get('rev')?.transport, 'http');
      assert.equal(status.get('down')?.state, 'failed');
      const tool = other.tools().find((t) => t.definition.name === 'mcp_rev_reverse')!;
      const ctx = { signal: new AbortController().signal, approve: async () => undefined } as unknown as ToolContext;
      assert.equal((await tool.run({ text: 'banyan' }, ctx)).content, 'naynab');
    } finally {
      await other.dispose();
      await http.close();
    }
  });

  it('a server that does not answer in time is marked failed, and retryFailed starts it again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'banyan-mcp-'));
    // Silent until the marker file exists, then the real fixture: a start that never answers, then one that does.
    const script = path.join(dir, 'slowOnce.mjs');
    writeFileSync(script, `import { existsSync } from 'node:fs';\nif (!existsSync(${JSON.stringify(path.join(dir, 'ready'))})) setInterval(() => {}, 1000);\nelse await import(${JSON.stringify(pathToFileURL(FIXTURE).href)});\n`);
    const changes: string[] = [];
    let limit = 300;
    const slow = new McpManager(undefined, () => changes.push(slow.status().map((s) => s.state).join()), () => limit);
    try {
      await slow.sync({ words: { command: process.execPath, args: [script] } }, dir);
      assert.equal(slow.status()[0]?.state, 'failed');
      assert.match(slow.status()[0]?.error ?? '', /no answer within 0\.3 s/);
      assert.deepEqual(slow.tools(), []);

      writeFileSync(path.join(dir, 'ready'), '');
      limit = 60_000;
      await slow.retryFailed();
      assert.equal(slow.status()[0]?.state, 'connected', JSON.stringify(slow.status()));
      assert.equal(slow.status()[0]?.error, undefined);
      assert.deepEqual(slow.tools().map((t) => t.definition.name), ['mcp_words_count_words']);
      assert.deepEqual(changes.slice(-2), ['connecting', 'connected']);

      const before = changes.length;
      await slow.retryFailed();
      assert.equal(changes.length, before, 'a connected server is left alone');
    } finally {
      await slow.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses settings and reports invalid entries', () => {
    const { servers, problems } = parseMcpServers({ a: { command: 'node', args: ['s.js', 3] }, b: { url: 'http://127.0.0.1:1/mcp' }, c: { args: [] }, d: 5 });
    assert.deepEqual(servers, { a: { command: 'node', args: ['s.js'] }, b: { url: 'http://127.0.0.1:1/mcp' } });
    assert.equal(problems.length, 2);
    assert.equal(callName('my.docs', 'search files'), 'mcp_my_docs_search_files');
  });
});
