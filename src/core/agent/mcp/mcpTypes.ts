/** MCP servers as configured in `banyan.agent.mcp.servers` and as reported to the panel. */
export interface McpServerConfig {
  /** stdio: the program to start. */
  readonly command?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Streamable HTTP: the endpoint URL. */
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
}

export interface McpToolInfo {
  readonly server: string;
  readonly name: string;
  /** The name the model calls (`mcp_<server>_<tool>`, API-safe characters only). */
  readonly callName: string;
  readonly description: string;
}

export interface McpServerStatus {
  readonly name: string;
  readonly transport: 'stdio' | 'http';
  readonly state: 'connecting' | 'connected' | 'failed' | 'disabled';
  readonly error?: string;
  readonly tools: readonly McpToolInfo[];
}

/** Reads the setting's value without trusting it; invalid entries are reported, not thrown. */
export function parseMcpServers(raw: unknown): { servers: Record<string, McpServerConfig>; problems: string[] } {
  const servers: Record<string, McpServerConfig> = {};
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { servers, problems };
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!v || typeof v !== 'object') {
      problems.push(`${name}: not an object`);
      continue;
    }
    const o = v as Record<string, unknown>;
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : undefined);
    const record = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined);
    if (typeof o['command'] !== 'string' && typeof o['url'] !== 'string') {
      problems.push(`${name}: needs "command" (stdio) or "url" (streamable HTTP)`);
      continue;
    }
    servers[name] = {
      ...(typeof o['command'] === 'string' ? { command: o['command'] } : {}),
      ...(strings(o['args']) ? { args: strings(o['args'])! } : {}),
      ...(record(o['env']) ? { env: record(o['env'])! } : {}),
      ...(typeof o['cwd'] === 'string' ? { cwd: o['cwd'] } : {}),
      ...(typeof o['url'] === 'string' ? { url: o['url'] } : {}),
      ...(record(o['headers']) ? { headers: record(o['headers'])! } : {}),
      ...(o['disabled'] === true ? { disabled: true } : {}),
    };
  }
  return { servers, problems };
}
