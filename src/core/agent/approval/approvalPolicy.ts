/**
 * Decides, per tool call, whether it runs, asks the user, or is refused. The inputs are the user's
 * settings, the grants the user gave in this session ("Approve for this session") and the request
 * the tool built from its arguments — nothing the model writes can widen them: there is no argument,
 * flag or text that approves, and a model that claims a command is safe changes nothing.
 *
 * Order for commands: built-in deny list → user deny list → (approve always | user allow list |
 * session grant) → ask. The two deny lists win over everything, "approve always" included.
 * Reads run; edits ask unless set to automatic; MCP tools ask unless the user auto-approved them.
 * Settings are re-read on every call, so a change applies to the next tool call.
 */
import type { ApprovalDecision } from '../types';
import type { ApprovalRequest, ApprovalSettings, PolicyVerdict } from './approvalTypes';
import { deniedByBuiltIn } from './denyList';
import { parseCommand } from './parseCommand';

export class ApprovalPolicy {
  private readonly sessionGrants = new Set<string>();

  constructor(private readonly settings: () => ApprovalSettings) {}

  evaluate(req: ApprovalRequest): PolicyVerdict {
    const s = this.settings();
    switch (req.category) {
      case 'read':
        return { kind: 'allow', why: 'reads run automatically' };
      case 'edit':
        if (s.edits === 'auto') return { kind: 'allow', why: 'edits are set to automatic' };
        return this.grantedOrAsk(req);
      case 'mcp':
        if (s.mcpAutoApprove.some((p) => matchesMcp(p, req.tool))) return { kind: 'allow', why: 'auto-approved in settings' };
        return this.grantedOrAsk(req);
      case 'command':
        return this.evaluateCommand(req, s);
    }
  }

  /** Records the user's answer; only "Approve for this session" outlives the call. */
  remember(req: ApprovalRequest, decision: ApprovalDecision): void {
    if (decision.kind === 'approveSession') this.sessionGrants.add(grantKey(req));
  }

  private evaluateCommand(req: ApprovalRequest, s: ApprovalSettings): PolicyVerdict {
    const line = req.command ?? '';
    if (!line.trim()) return { kind: 'refuse', reason: 'the command is empty' };
    const parsed = parseCommand(line);
    const builtIn = deniedByBuiltIn(line, parsed);
    if (builtIn) return { kind: 'refuse', reason: `Banyan never runs ${builtIn} (built-in deny list)` };
    const simple = parsed.commands.map((c) => c.argv.join(' '));
    const userDeny = s.denyCommands.find((p) => simple.some((c) => hasPrefix(c, p)));
    if (userDeny) return { kind: 'refuse', reason: `"${userDeny}" is on your deny list (banyan.agent.commands.deny)` };
    if (s.commands === 'auto') return { kind: 'allow', why: 'commands are set to approve always' };
    // Every command of a chain must be allow-listed: `npm test && curl …` is not `npm test`.
    if (simple.length && simple.every((c) => s.allowCommands.some((p) => hasPrefix(c, p)))) return { kind: 'allow', why: 'on your allow list' };
    return this.grantedOrAsk(req);
  }

  private grantedOrAsk(req: ApprovalRequest): PolicyVerdict {
    return this.sessionGrants.has(grantKey(req)) ? { kind: 'allow', why: 'approved for this session' } : { kind: 'ask' };
  }
}

/** Prefix on word boundaries: "npm test" matches "npm test -- x", not "npm testing". */
export function hasPrefix(command: string, prefix: string): boolean {
  const c = oneSpaced(command);
  const p = oneSpaced(prefix);
  return !!p && (c === p || c.startsWith(`${p} `));
}

function matchesMcp(pattern: string, tool: string): boolean {
  const name = tool.replace(/^mcp:/, '');
  return pattern === name || (pattern.endsWith('/*') && name.startsWith(pattern.slice(0, -1)));
}

/** What "Approve for this session" covers: all edits; one exact command; one MCP tool. */
function grantKey(req: ApprovalRequest): string {
  if (req.category === 'edit') return 'edit';
  if (req.category === 'command') return `command:${oneSpaced(req.command ?? '')}`;
  return `${req.category}:${req.tool}`;
}

function oneSpaced(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}
