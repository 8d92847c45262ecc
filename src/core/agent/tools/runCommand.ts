/**
 * run_command: a shell command in the workspace through the injected Terminal (a VS Code terminal
 * with shell integration in the editor, a child process in the CLI and tests). Always goes through
 * the approval policy (deny lists first); killed at its timeout or on Stop. Output and exit code go
 * back to the model; what it started or changed goes into the side-effect ledger.
 */
import type { AgentTool } from '../types';
import { cap, failed, int, str } from './toolArgs';

const OUTPUT_MAX = 10_000;

export const runCommandTool: AgentTool = {
  category: 'command',
  definition: {
    name: 'run_command',
    description: 'Run a shell command in the workspace folder and get its output and exit code (e.g. run the tests). The user approves each command.',
    parameters: {
      type: 'object',
      properties: { command: { type: 'string' }, timeoutSeconds: { type: 'integer', description: 'kill it after this many seconds (capped by the user setting)' } },
      required: ['command'],
    },
  },
  async run(args, ctx) {
    const command = str(args, 'command').trim();
    if (!command) return failed('Run (no command)', 'run_command needs a "command".');
    const short = command.length > 80 ? `${command.slice(0, 77)}…` : command;
    const refusal = await ctx.approve({ category: 'command', tool: 'run_command', title: `Run \`${short}\``, detail: command, command });
    if (refusal) return failed(`Run \`${short}\`: not run`, refusal);
    const asked = int(args, 'timeoutSeconds');
    const timeoutMs = asked && asked > 0 ? Math.min(asked * 1000, ctx.commandTimeoutMs) : ctx.commandTimeoutMs;
    const r = await ctx.terminal.run({ command, cwd: ctx.roots[0] ?? process.cwd(), timeoutMs }, ctx.signal);
    ctx.ledger.recordCommand(command, r.output, { background: /&\s*$/.test(command), ...(r.pid ? { pid: r.pid } : {}) });
    const status = r.timedOut ? `killed after ${Math.round(timeoutMs / 1000)} s (timeout)` : r.killed ? 'stopped' : `exit code ${r.exitCode ?? 'unknown'}`;
    const tail = r.output.length > OUTPUT_MAX ? `… (${r.output.length - OUTPUT_MAX} earlier characters cut)\n${r.output.slice(-OUTPUT_MAX)}` : r.output;
    return {
      title: `Ran \`${short}\` · ${status}`,
      content: cap(`$ ${command}\n${tail.trimEnd() || '(no output)'}\n[${status}]`, OUTPUT_MAX + 500),
      detail: tail.slice(-4000),
      failed: r.timedOut || r.killed || (r.exitCode !== undefined && r.exitCode !== 0),
    };
  },
};
