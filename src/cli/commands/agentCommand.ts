/**
 * `banyan agent "task"`: the agent loop without an editor — tools on the workspace, commands as child
 * processes, approvals from the same policy as the panel. On a terminal each edit and command is
 * asked on stdin ([y]es / [s]ession / [n]o + feedback); without one, anything the policy would ask
 * about is denied (and the model told), unless settings or flags allow it. Ctrl+C stops at once.
 */
import { createInterface } from 'node:readline/promises';
import { ApprovalPolicy } from '../../core/agent/approval/approvalPolicy';
import type { ApprovalRequest } from '../../core/agent/approval/approvalTypes';
import { Checkpoint } from '../../core/agent/checkpoint';
import { McpManager } from '../../core/agent/mcp/mcpManager';
import { parseMcpServers } from '../../core/agent/mcp/mcpTypes';
import { runAgentTurn } from '../../core/agent/runAgentTurn';
import { SideEffectLedger } from '../../core/agent/sideEffectLedger';
import { ChildProcessTerminal } from '../../core/agent/terminal/childProcessTerminal';
import { BUILT_IN_TOOLS } from '../../core/agent/tools';
import { renderPlan } from '../../core/agent/tools/updatePlan';
import type { AgentStep, ApprovalDecision } from '../../core/agent/types';
import { approvalSettings } from '../../core/config/agentSettings';
import { resolveSettings } from '../../core/config/settings';
import type { CodeIndex } from '../../core/index/codeIndex';
import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError, type CliIO } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { openCliIndex } from '../indexStorage';

export const agentCommand: CliCommand = {
  name: 'agent',
  summary: 'Run an agent task on the workspace: plan, tools, approvals asked on the terminal',
  usage: `banyan agent --workspace DIR "task" [--yes-edits] [--allow-command PREFIX]… [--max-steps N] [--no-index] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...MODEL_FLAGS,
      'yes-edits': { type: 'boolean' },
      'allow-command': { type: 'string', multiple: true },
      'max-steps': { type: 'string' },
      'no-index': { type: 'boolean' },
    });
    const task = positionals.join(' ').trim();
    if (!task) throw new CliError('agent needs a task, e.g. banyan agent "make the tests pass"', 2);
    const workspace = workspaceDir(values.workspace);
    const settings = resolveSettings(workspaceSettings(workspace)).settings;
    const maxSteps = values['max-steps'] !== undefined ? Number(values['max-steps']) : settings['agent.maxSteps'];
    if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new CliError(`--max-steps must be a positive integer, got "${values['max-steps']}"`, 2);
    const base = approvalSettings(settings);
    // Flags only widen what the user types on purpose; the built-in deny list still applies.
    const policy = new ApprovalPolicy(() => ({ ...base, ...(values['yes-edits'] ? { edits: 'auto' as const } : {}), allowCommands: [...base.allowCommands, ...(values['allow-command'] ?? [])] }));
    const hub = cliHub(workspace, values, ['agent'], io);
    const interrupt = interruptSignal();
    const mcp = new McpManager((m) => values.verbose && io.stderr(`· ${m}`));
    let index: CodeIndex | undefined;
    try {
      if (!values['no-index']) index = await openCliIndex(workspace);
      const { servers, problems } = parseMcpServers(settings['agent.mcp.servers']);
      for (const p of problems) io.stderr(`· banyan.agent.mcp.servers: ${p}`);
      await mcp.sync(servers, workspace);
      for (const s of mcp.status()) if (s.state === 'failed') io.stderr(`· MCP server ${s.name} failed: ${s.error}`);
      const checkpoint = new Checkpoint('cli');
      const steps = new Map<string, AgentStep>();
      const turn = runAgentTurn(
        { turnId: 'cli', task, history: [] },
        {
          models: hub,
          tools: [...BUILT_IN_TOOLS, ...mcp.tools()],
          roots: [workspace],
          index,
          terminal: new ChildProcessTerminal((t) => values.verbose && process.stderr.write(t)),
          editor: {},
          policy,
          askUser: (req, signal) => askOnTerminal(req, signal, io),
          ledger: new SideEffectLedger(),
          checkpoint,
          maxSteps,
          commandTimeoutMs: settings['agent.commandTimeoutSeconds'] * 1000,
          toolFormat: settings['agent.toolCalling'],
        },
        interrupt.signal,
      );
      for (;;) {
        const r = await turn.next();
        if (r.done) {
          const out = r.value;
          if (values.json) io.stdout(JSON.stringify({ answer: out.text, status: out.reason, steps: [...steps.values()], plan: out.plan, changedFiles: checkpoint.files() }, null, 2));
          else {
            process.stdout.write(out.text.endsWith('\n') ? '' : '\n');
            if (checkpoint.files().length) io.stderr(`Changed: ${checkpoint.files().join(', ')}`);
          }
          return out.reason === 'done' ? 0 : 1;
        }
        const ev = r.value;
        if (ev.type === 'text' && !values.json) process.stdout.write(ev.text);
        else if (ev.type === 'step') {
          steps.set(ev.step.id, ev.step);
          if (ev.step.status !== 'running') io.stderr(`· ${ev.step.title}${ev.step.status === 'done' ? '' : ` (${ev.step.status})`}`);
        } else if (ev.type === 'plan') io.stderr(renderPlan(ev.plan, '  '));
      }
    } catch (err) {
      throw cliModelError(err);
    } finally {
      interrupt.dispose();
      await mcp.dispose();
      await index?.close();
      await hub.dispose();
    }
  },
};

async function askOnTerminal(req: ApprovalRequest, signal: AbortSignal, io: CliIO): Promise<ApprovalDecision> {
  if (!process.stdin.isTTY) {
    io.stderr(`· not approved (no terminal to ask on): ${req.title}. Allow it with --yes-edits, --allow-command or the banyan.agent.* settings.`);
    return { kind: 'deny', feedback: 'The user was not asked (non-interactive run); it is not allowed by their settings.' };
  }
  io.stderr(`\n${req.title}${req.detail && req.detail !== req.command ? `\n${req.detail}` : ''}`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question('Approve? [y]es / [s]ession / [n]o: ', { signal })).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return { kind: 'approve' };
    if (answer === 's' || answer === 'session') return { kind: 'approveSession' };
    const feedback = (await rl.question('Feedback for the agent (optional): ', { signal })).trim();
    return { kind: 'deny', ...(feedback ? { feedback } : {}) };
  } finally {
    rl.close();
  }
}
