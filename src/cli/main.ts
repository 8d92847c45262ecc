/** `banyan` command-line entry (dist/cli.js, package.json bin). */
import { BANYAN_VERSION } from '../core/version';
import { type CliCommand, type CliIO, CliError } from './cliCommand';
import { contextCommand } from './commands/contextCommand';

/**
 * The registry loads every command's dependencies (model SDKs, MCP, LSP): ~130 ms of start-up. It is
 * required on first use, so `banyan context` — started once per call by the context-recall bench and
 * other tools — does without it.
 */
function commands(): readonly CliCommand[] {
  return (require('./commandRegistry') as typeof import('./commandRegistry')).CLI_COMMANDS;
}

const io: CliIO = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export function helpText(): string {
  const all = commands();
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    `banyan ${BANYAN_VERSION} — the Banyan engine without an editor`,
    '',
    'Usage: banyan <command> [options]',
    '',
    'Commands:',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --version   print the version',
    '  --help      this help; `banyan help <command>` for one command',
    '',
    'Conventions: --workspace DIR (default: current directory); FILE absolute or relative to it;',
    '0-based lines and characters; --json for machine-readable output; errors: one line on stderr, exit ≠ 0.',
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout(helpText());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(BANYAN_VERSION);
    return 0;
  }
  if (first === 'help') {
    const cmd = commands().find((c) => c.name === rest[0]);
    io.stdout(cmd ? `${cmd.summary}\n\nUsage: ${cmd.usage}` : helpText());
    return 0;
  }
  const cmd = first === contextCommand.name ? contextCommand : commands().find((c) => c.name === first);
  if (!cmd) throw new CliError(`unknown command "${first}"; run "banyan --help" for the list`, 2);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.summary}\n\nUsage: ${cmd.usage}`);
    return 0;
  }
  return cmd.run(rest, io);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const message = err instanceof CliError ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
      process.stderr.write(`banyan: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = err instanceof CliError ? err.code : 1;
    },
  );
}
