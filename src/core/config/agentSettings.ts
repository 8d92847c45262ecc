/**
 * Settings of agent mode (src/core/agent): approval defaults, command allow/deny lists, the step
 * limit, the command timeout, the tool-call format and MCP servers. The built-in deny list is not a
 * setting: it cannot be switched off.
 */
import type { ApprovalSettings } from '../agent/approval/approvalTypes';
import { enumSetting, numberSetting, type SettingSpec, stringArraySetting } from './settingSpec';

const mcpServers: SettingSpec<Readonly<Record<string, unknown>>> = {
  type: 'object',
  default: {},
  markdownDescription:
    'MCP servers whose tools the agent may call, by name: `{ "docs": { "command": "node", "args": ["server.js"], "env": {} } }` (stdio) or `{ "web": { "url": "http://127.0.0.1:8931/mcp", "headers": {} } }` (streamable HTTP). `"disabled": true` keeps one configured but off. A server that fails is reported in the panel; the others keep working.',
  scope: 'machine-overridable',
  restricted: true,
  coerce: (v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined),
};

export const agentSettings = {
  'agent.approval.edits': enumSetting<'ask' | 'auto'>(
    'ask',
    ['ask', 'auto'],
    'Whether the agent\'s file edits (edit, create, delete) wait for your approval with the diff shown (`ask`), or are applied at once (`auto`). Either way a checkpoint can restore them.',
    ['Show the diff and wait for Approve / Deny.', 'Apply edits without asking.'],
    { restricted: true },
  ),
  'agent.approval.commands': enumSetting<'ask' | 'auto'>(
    'ask',
    ['ask', 'auto'],
    'Whether every command the agent wants to run asks first (`ask`), or runs without asking (`auto`, "approve always"). Commands on the built-in deny list (`rm -rf /`, `mkfs`, `dd of=/dev/…`, `git push --force`, `kubectl delete/apply`, `curl … | sh`, `chmod -R 777 /`, `shutdown`, fork bombs…) and on `#banyan.agent.commands.deny#` are refused either way.',
    ['Ask before every command not on the allow list.', 'Run commands without asking (deny lists still apply).'],
    { scope: 'machine-overridable', restricted: true },
  ),
  'agent.commands.allow': stringArraySetting(
    [],
    'Command prefixes that run without asking, e.g. `npm test`, `git status` (whole words; every command of a chain like `a && b` must match).',
    { scope: 'machine-overridable', restricted: true },
  ),
  'agent.commands.deny': stringArraySetting(
    [],
    'Command prefixes that are always refused, in addition to the built-in deny list (e.g. `git reset --hard`, `docker rm`). Checked in chains, subshells, `sudo` and `sh -c` too.',
    { scope: 'machine-overridable', restricted: true },
  ),
  'agent.mcp.autoApprove': stringArraySetting(
    [],
    'MCP tools that run without asking, as `server/tool` or `server/*`. Every other MCP tool asks.',
    { scope: 'machine-overridable', restricted: true },
  ),
  'agent.maxSteps': numberSetting(40, 'Most tool calls in one agent turn; the agent stops there and you can tell it to continue.', { minimum: 1, maximum: 500, integer: true }),
  'agent.commandTimeoutSeconds': numberSetting(
    300,
    'A command the agent runs is killed after this many seconds (the model may ask for less, never more).',
    { minimum: 1, maximum: 7200, integer: true },
  ),
  'agent.toolCalling': enumSetting<'native' | 'prompt'>(
    'native',
    ['native', 'prompt'],
    'How the agent model calls tools: the API\'s native tool calls, or a text format in the prompt for models without tool calling.',
    ['Native tool calls (OpenAI tools, Anthropic tool_use, Ollama tools).', '<tool_call>{…}</tool_call> blocks in the answer, parsed and repaired.'],
  ),
  'agent.mcp.servers': mcpServers,
} as const;

/** The approval policy's view of the settings. */
export function approvalSettings(s: {
  readonly 'agent.approval.edits': 'ask' | 'auto';
  readonly 'agent.approval.commands': 'ask' | 'auto';
  readonly 'agent.commands.allow': readonly string[];
  readonly 'agent.commands.deny': readonly string[];
  readonly 'agent.mcp.autoApprove': readonly string[];
}): ApprovalSettings {
  return {
    edits: s['agent.approval.edits'],
    commands: s['agent.approval.commands'],
    allowCommands: s['agent.commands.allow'],
    denyCommands: s['agent.commands.deny'],
    mcpAutoApprove: s['agent.mcp.autoApprove'],
  };
}
