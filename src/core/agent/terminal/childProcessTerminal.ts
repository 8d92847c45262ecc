/**
 * The Terminal for the CLI, the server without an editor terminal, and tests: `sh -c` in its own
 * process group, so a timeout or Stop kills the command and everything it started at once.
 */
import { spawn } from 'node:child_process';
import type { CommandResult, CommandRun, Terminal } from '../types';

/** The tail of a command's output that is kept (the editor terminal keeps as much). */
export const KEEP_OUTPUT = 256 * 1024;

export class ChildProcessTerminal implements Terminal {
  constructor(private readonly onOutput?: (text: string) => void) {}

  run(run: CommandRun, signal: AbortSignal): Promise<CommandResult> {
    return new Promise((resolve) => {
      const windows = process.platform === 'win32';
      const child = spawn(windows ? 'cmd.exe' : 'sh', windows ? ['/d', '/s', '/c', run.command] : ['-c', run.command], {
        cwd: run.cwd,
        detached: !windows,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CI: process.env['CI'] ?? '1', FORCE_COLOR: '0' },
      });
      let output = '';
      let timedOut = false;
      let killed = false;
      const onData = (d: Buffer) => {
        const text = d.toString('utf8');
        output = (output + text).slice(-KEEP_OUTPUT);
        this.onOutput?.(text);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      const kill = () => {
        try {
          if (!windows && child.pid) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, run.timeoutMs);
      const onAbort = () => {
        killed = true;
        kill();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const finish = (exitCode: number | undefined) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve({ output, exitCode: timedOut || killed ? undefined : exitCode, timedOut, killed, ...(child.pid ? { pid: child.pid } : {}) });
      };
      child.on('error', (err) => {
        output += `\n${err.message}`;
        finish(127);
      });
      // 'close' waits for the pipes; a background grandchild holding them would keep it open, so exit is enough.
      child.on('exit', (code) => setImmediate(() => finish(code ?? undefined)));
    });
  }
}
