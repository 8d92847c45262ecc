/** What the approval policy decides over. Built by the tools from their arguments, never from model prose. */
export type ApprovalCategory = 'read' | 'edit' | 'command' | 'mcp';

export interface ApprovalRequest {
  readonly category: ApprovalCategory;
  /** The tool asking (`run_command`, `edit_file`, `mcp:server/tool`…). */
  readonly tool: string;
  /** One line for the approval card: "Run `npm test`", "Edit src/a.ts". */
  readonly title: string;
  /** A unified diff for edits, the command line for commands, the arguments for MCP calls. */
  readonly detail?: string;
  /** For commands: the exact command line. */
  readonly command?: string;
  /** For edits: the workspace-relative path. */
  readonly path?: string;
}

export type EditApproval = 'ask' | 'auto';
export type CommandApproval = 'ask' | 'auto';

export interface ApprovalSettings {
  readonly edits: EditApproval;
  /** `auto` is "approve always": the built-in and user deny lists still refuse. */
  readonly commands: CommandApproval;
  /** Command prefixes that run without asking ("npm test", "git status"). */
  readonly allowCommands: readonly string[];
  /** Command prefixes that are refused outright. */
  readonly denyCommands: readonly string[];
  /** MCP tools (`server/tool`, or `server/*`) that run without asking; every other MCP tool asks. */
  readonly mcpAutoApprove: readonly string[];
}

export type PolicyVerdict =
  | { readonly kind: 'allow'; readonly why: string }
  | { readonly kind: 'ask' }
  | { readonly kind: 'refuse'; readonly reason: string };
