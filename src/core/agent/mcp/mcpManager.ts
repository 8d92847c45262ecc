/**
 * Connects the MCP servers from settings (stdio and streamable HTTP, through @modelcontextprotocol/sdk),
 * lists their tools and turns each into an agent tool of category `mcp` (approved per tool). Each
 * server is isolated: one that fails to start, times out or dies is marked failed with its error and
 * its tools are withdrawn; the others and the agent go on. A failed server is tried again when the
 * next agent task starts, so a slow first start (an `npx` download, a busy machine) does not keep it
 * away for the rest of the session.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AgentTool } from '../types';
import { cap, failed } from '../tools/toolArgs';
import type { McpServerConfig, McpServerStatus, McpToolInfo } from './mcpTypes';

/** Generous: a server started through `npx` may download its package on first start. */
const CONNECT_TIMEOUT_MS = 60_000;

interface Connection {
  readonly key: string;
  readonly config: McpServerConfig;
  client?: Client;
  status: McpServerStatus;
  tools: { info: McpToolInfo; schema: Record<string, unknown> }[];
}

export class McpManager {
  private readonly connections = new Map<string, Connection>();

  private cwd: string | undefined;

  constructor(
    private readonly log: (message: string) => void = () => undefined,
    private readonly onChange: () => void = () => undefined,
    private readonly connectTimeoutMs: () => number = () => CONNECT_TIMEOUT_MS,
  ) {}

  /** Starts new or changed servers, stops removed ones; resolves when every start settled. */
  async sync(configs: Readonly<Record<string, McpServerConfig>>, cwd: string | undefined): Promise<void> {
    this.cwd = cwd;
    for (const [name, c] of this.connections) {
      if (configs[name] === undefined || c.key !== JSON.stringify(configs[name])) {
        this.connections.delete(name);
        await c.client?.close().catch(() => undefined);
      }
    }
    const starts: Promise<void>[] = [];
    for (const [name, config] of Object.entries(configs)) {
      if (this.connections.has(name)) continue;
      const transport = config.url ? 'http' : 'stdio';
      const conn: Connection = { key: JSON.stringify(config), config, status: { name, transport, state: config.disabled ? 'disabled' : 'connecting', tools: [] }, tools: [] };
      this.connections.set(name, conn);
      if (!config.disabled) starts.push(this.connect(name, conn, cwd));
    }
    this.onChange();
    await Promise.all(starts);
  }

  /** Starts again each server whose last start or connection failed; resolves when those settled. */
  async retryFailed(): Promise<void> {
    const starts: Promise<void>[] = [];
    for (const [name, old] of this.connections) {
      if (old.status.state !== 'failed') continue;
      void old.client?.close().catch(() => undefined);
      const conn: Connection = { key: old.key, config: old.config, status: { name, transport: old.status.transport, state: 'connecting', tools: [] }, tools: [] };
      this.connections.set(name, conn);
      this.log(`MCP server "${name}": trying again.`);
      starts.push(this.connect(name, conn, this.cwd));
    }
    if (!starts.length) return;
    this.onChange();
    await Promise.all(starts);
  }

  status(): McpServerStatus[] {
    return [...this.connections.values()].map((c) => c.status);
  }

  tools(): AgentTool[] {
    return [...this.connections.values()].filter((c) => c.status.state === 'connected').flatMap((c) => c.tools.map((t) => this.agentTool(c, t.info, t.schema)));
  }

  async dispose(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.client?.close().catch(() => undefined)));
  }

  private async connect(name: string, conn: Connection, cwd: string | undefined): Promise<void> {
    const client = new Client({ name: 'banyan', version: '0.1.0' });
    let timer: NodeJS.Timeout | undefined;
    try {
      const transport: Transport = conn.config.url
        ? new StreamableHTTPClientTransport(new URL(conn.config.url), conn.config.headers ? { requestInit: { headers: { ...conn.config.headers } } } : undefined)
        : new StdioClientTransport({
            command: conn.config.command!,
            args: [...(conn.config.args ?? [])],
            ...(conn.config.env ? { env: { ...(process.env as Record<string, string>), ...conn.config.env } } : {}),
            ...(conn.config.cwd ?? cwd ? { cwd: conn.config.cwd ?? cwd! } : {}),
            stderr: 'pipe',
          });
      const limit = this.connectTimeoutMs();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${limit / 1000} s`)), limit);
      });
      await Promise.race([client.connect(transport), timeout]);
      const listed = await Promise.race([client.listTools(), timeout]);
      if (this.connections.get(name) !== conn) {
        await client.close().catch(() => undefined);
        return;
      }
      conn.client = client;
      conn.tools = listed.tools.map((t) => ({
        info: { server: name, name: t.name, callName: callName(name, t.name), description: t.description ?? '' },
        schema: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
      }));
      conn.status = { name, transport: conn.status.transport, state: 'connected', tools: conn.tools.map((t) => t.info) };
      client.onclose = () => {
        if (this.connections.get(name) !== conn || conn.status.state !== 'connected') return;
        conn.status = { ...conn.status, state: 'failed', error: 'the server closed the connection', tools: [] };
        this.log(`MCP server "${name}" closed the connection; its tools are withdrawn.`);
        this.onChange();
      };
      this.log(`MCP server "${name}" connected: ${conn.tools.length} tool(s).`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      conn.status = { name, transport: conn.status.transport, state: 'failed', error: `${message}. Check banyan.agent.mcp.servers["${name}"].`, tools: [] };
      this.log(`MCP server "${name}" failed: ${message}`);
      await client.close().catch(() => undefined);
    } finally {
      if (timer) clearTimeout(timer);
      this.onChange();
    }
  }

  private agentTool(conn: Connection, info: McpToolInfo, schema: Record<string, unknown>): AgentTool {
    return {
      category: 'mcp',
      definition: { name: info.callName, description: `[MCP ${info.server}] ${info.description}`.trim(), parameters: schema },
      run: async (args, ctx) => {
        const refusal = await ctx.approve({ category: 'mcp', tool: `mcp:${info.server}/${info.name}`, title: `Call ${info.server}/${info.name}`, detail: JSON.stringify(args, null, 2) });
        if (refusal) return failed(`${info.server}/${info.name}: not run`, refusal);
        if (!conn.client || conn.status.state !== 'connected') return failed(`${info.server}/${info.name}: server down`, `The MCP server "${info.server}" is not connected (${conn.status.error ?? 'stopped'}).`);
        try {
          const r = await conn.client.callTool({ name: info.name, arguments: args }, undefined, { signal: ctx.signal });
          const parts = Array.isArray(r.content) ? (r.content as { type: string; text?: string }[]) : [];
          const text = parts.map((p) => (p.type === 'text' ? (p.text ?? '') : `[${p.type} content]`)).join('\n') || JSON.stringify(r.structuredContent ?? r);
          return { title: `${info.server}/${info.name}${r.isError ? ': error' : ''}`, content: cap(text), detail: text.slice(0, 2000), ...(r.isError ? { failed: true } : {}) };
        } catch (err) {
          return failed(`${info.server}/${info.name} failed`, `The MCP tool failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    };
  }
}

/** Tool names the chat APIs accept: [A-Za-z0-9_-], at most 64 characters. */
export function callName(server: string, tool: string): string {
  return `mcp_${server}_${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}
