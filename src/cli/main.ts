/** `banyan` command-line entry (dist/cli.js, package.json bin). */
import { BANYAN_VERSION } from '../core/version';
import { type CliCommand, type CliIO, CliError } from './cliCommand';

/**
 * Commands are required on first use, so a process loads only what its command needs: `--version`
 * nothing but this file, the index commands (`banyan context` and `banyan next-edit --locations` are
 * started once per call by the benches and other tools) the index (dist/cli-index.js), and the others the registry
 * with every command's dependencies (model SDKs, MCP, LSP: dist/cli-commands.js). Both are bundles of
 * their own (LAZY_CHUNKS in esbuild.mjs).
 */
function indexCommands(): readonly CliCommand[] {
  loadedIndexCommands ??= (require('./indexCommands') as typeof import('./indexCommands')).INDEX_COMMANDS;
  return loadedIndexCommands;
}
let loadedIndexCommands: readonly CliCommand[] | undefined;
/** The command that ran, when it was one of the index commands (main exits at once after it). */
let ranIndexCommand = false;

function commands(): readonly CliCommand[] {
  return (require('./commandRegistry') as typeof import('./commandRegistry')).CLI_COMMANDS;
}

/** The command named `name`: from the index commands when one of them takes `args`, else from the registry. */
function commandNamed(name: string, args: readonly string[]): CliCommand | undefined {
  return indexCommands().find((c) => c.name === name && (c.accepts?.(args) ?? true)) ?? commands().find((c) => c.name === name);
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
  const cmd = commandNamed(first, rest);
  if (!cmd) throw new CliError(`unknown command "${first}"; run "banyan --help" for the list`, 2);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.summary}\n\nUsage: ${cmd.usage}`);
    return 0;
  }
  ranIndexCommand = loadedIndexCommands?.includes(cmd) ?? false;
  return cmd.run(rest, io);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // An index command has finished all its work when it returns (CodeIndex.close waits for its writes
      // and workers): exiting at once skips freeing the index's heap piece by piece, ≈ 150 ms of a
      // `banyan context` call on a loaded machine (bench:index cliStart). Once stdout has its output.
      if (ranIndexCommand) process.stdout.write('', () => process.exit(code));
    },
    (err: unknown) => {
      // CliError.is, not instanceof: commands from dist/cli-index.js and dist/cli-commands.js throw their bundle's copy of the class.
      const message = CliError.is(err) ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
      process.stderr.write(`banyan: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = CliError.is(err) ? err.code : 1;
    },
  );
}
