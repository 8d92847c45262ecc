import type { CliCommand } from './cliCommand';
import { indexCommand } from './commands/indexCommand';
import { searchCommand } from './commands/searchCommand';
import { serveCommand } from './commands/serveCommand';
import { symbolsCommand } from './commands/symbolsCommand';

/** Every `banyan` subcommand; each area adds one line. */
export const CLI_COMMANDS: readonly CliCommand[] = [serveCommand, indexCommand, searchCommand, symbolsCommand];
