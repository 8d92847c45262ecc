/**
 * Runs the agent's commands where the user can watch them: a "Banyan Agent" terminal with shell
 * integration, so the output (execution.read(), also passed on as it comes for the panel) and the
 * exit code (onDidEndTerminalShellExecution) come back. Shell integration needs a moment to activate after the terminal starts (longer in
 * code-server) and is missing for some shells; then the command runs as a child process shown in a
 * pseudoterminal instead. A timeout or Stop disposes the terminal (or kills the process group), so
 * the command and everything it started end at once.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ChildProcessTerminal, KEEP_OUTPUT } from '../../core/agent/terminal/childProcessTerminal';
import type { AgentRunCommandParams, AgentRunCommandResult } from '../../protocol/lsp';

const SHELL_INTEGRATION_WAIT_MS = 4000;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\r(?=\n)/g;

export class AgentTerminal implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(vscode.window.onDidCloseTerminal((t) => t === this.terminal && (this.terminal = undefined)));
  }

  /** `onOutput` gets the command's output as it comes (escape sequences removed). */
  async run(p: AgentRunCommandParams, token: vscode.CancellationToken, onOutput: (text: string) => void = () => undefined): Promise<AgentRunCommandResult> {
    const term = this.terminal ?? (this.terminal = vscode.window.createTerminal({ name: 'Banyan Agent', cwd: p.cwd, isTransient: true }));
    term.show(true);
    const integration = term.shellIntegration ?? (await waitForShellIntegration(term, token));
    if (!integration || token.isCancellationRequested) {
      this.log.info('Agent: no shell integration in the terminal; running the command as a child process.');
      return this.runInPseudoterminal(p, token, onOutput);
    }
    return this.runWithShellIntegration(term, integration, p, token, onOutput);
  }

  /** Each command starts in the workspace folder, as the model is told, even after an earlier `cd`. */
  private async runWithShellIntegration(term: vscode.Terminal, si: vscode.TerminalShellIntegration, p: AgentRunCommandParams, token: vscode.CancellationToken, onOutput: (text: string) => void): Promise<AgentRunCommandResult> {
    const cwd = si.cwd?.scheme === 'file' ? si.cwd.fsPath : undefined;
    if (cwd !== undefined && path.resolve(cwd) !== path.resolve(p.cwd)) {
      const moved = await this.execute(term, si, `cd ${shellQuote(p.cwd)}`, token, 10_000, () => undefined);
      if (moved.killed || moved.timedOut) return moved;
    }
    return this.execute(term, si, p.command, token, p.timeoutMs, onOutput);
  }

  private execute(term: vscode.Terminal, si: vscode.TerminalShellIntegration, commandLine: string, token: vscode.CancellationToken, timeoutMs: number, onOutput: (text: string) => void): Promise<AgentRunCommandResult> {
    return new Promise((resolve) => {
      let output = '';
      let settled = false;
      let timedOut = false;
      const execution = si.executeCommand(commandLine);
      // The output stream ends with the execution; the end event can come first.
      const reading = (async () => {
        try {
          for await (const data of execution.read()) {
            output = (output + data).slice(-KEEP_OUTPUT);
            const text = clean(data);
            if (text) onOutput(text);
          }
        } catch (err) {
          this.log.warn(`Agent: reading terminal output failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      })();
      const finish = (exitCode: number | undefined, killed: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        for (const d of subs) d.dispose();
        resolve({ output: clean(output), ...(exitCode !== undefined ? { exitCode } : {}), timedOut, killed: killed && !timedOut });
      };
      // Killing = closing the terminal: the shell and everything it started get SIGHUP at once.
      const kill = () => {
        this.terminal = undefined;
        term.dispose();
        finish(undefined, true);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);
      const subs = [
        token.onCancellationRequested(kill),
        vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.execution !== execution) return;
          const code = e.exitCode;
          // Let the output stream deliver its last chunk, but never wait on it for long.
          void Promise.race([reading, new Promise((r) => setTimeout(r, 1000))]).then(() => finish(code, false));
        }),
      ];
    });
  }

  /** The fallback: a child process, its output mirrored into a pseudoterminal the user can see. */
  private async runInPseudoterminal(p: AgentRunCommandParams, token: vscode.CancellationToken, onOutput: (text: string) => void): Promise<AgentRunCommandResult> {
    const write = new vscode.EventEmitter<string>();
    const pty: vscode.Pseudoterminal = { onDidWrite: write.event, open: () => write.fire(`$ ${p.command}\r\n`), close: () => undefined };
    const shown = vscode.window.createTerminal({ name: 'Banyan Agent (process)', pty, isTransient: true });
    shown.show(true);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const r = await new ChildProcessTerminal((text) => {
        write.fire(text.replace(/\r?\n/g, '\r\n'));
        onOutput(text);
      }).run({ command: p.command, cwd: p.cwd, timeoutMs: p.timeoutMs }, abort.signal);
      write.fire(`\r\n[${r.timedOut ? 'killed: timeout' : r.killed ? 'stopped' : `exit code ${r.exitCode}`}]\r\n`);
      return { output: r.output, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), timedOut: r.timedOut, killed: r.killed, ...(r.pid ? { pid: r.pid } : {}) };
    } finally {
      sub.dispose();
      write.dispose();
    }
  }

  dispose(): void {
    this.terminal?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function waitForShellIntegration(term: vscode.Terminal, token: vscode.CancellationToken): Promise<vscode.TerminalShellIntegration | undefined> {
  return new Promise((resolve) => {
    const done = (si: vscode.TerminalShellIntegration | undefined) => {
      clearTimeout(timer);
      sub.dispose();
      cancel.dispose();
      resolve(si);
    };
    const timer = setTimeout(() => done(undefined), SHELL_INTEGRATION_WAIT_MS);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => e.terminal === term && done(e.shellIntegration));
    const cancel = token.onCancellationRequested(() => done(undefined));
  });
}

/** A POSIX single-quoted word. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function clean(text: string): string {
  return text.replace(ANSI, '');
}
