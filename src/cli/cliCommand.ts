/**
 * One CLI subcommand. Conventions every subcommand follows: `--workspace DIR` (default: the current
 * directory); FILE absolute or relative to the workspace; 0-based lines and characters; `--json` for
 * machine-readable stdout; failures throw CliError → one line on stderr and a non-zero exit.
 */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Usage lines shown by `banyan help NAME`. */
  readonly usage: string;
  /**
   * For a command of the index commands' bundle that serves only some calls of its name (`next-edit
   * --locations`): whether it takes these arguments; the others go to the registry's command of that name.
   */
  accepts?(args: readonly string[]): boolean;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const CLI_ERROR = Symbol.for('banyan.cliError');

/** A failure with a message meant for the user; the CLI prints it on one line and exits with `code`. */
export class CliError extends Error {
  readonly [CLI_ERROR] = true;
  constructor(message: string, readonly code = 1) {
    super(message);
  }

  /** A CliError from any copy of this class (each bundle of the CLI has its own, see src/cli/main.ts). */
  static is(err: unknown): err is CliError {
    return typeof err === 'object' && err !== null && (err as { [CLI_ERROR]?: boolean })[CLI_ERROR] === true;
  }
}
