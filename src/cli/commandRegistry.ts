import type { CliCommand } from './cliCommand';
import { serveCommand } from './commands/serveCommand';

/** Every `banyan` subcommand; each area adds one line. */
export const CLI_COMMANDS: readonly CliCommand[] = [serveCommand];
