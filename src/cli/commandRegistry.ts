import type { CliCommand } from './cliCommand';
import { chatCommand } from './commands/chatCommand';
import { completeCommand } from './commands/completeCommand';
import { indexCommand } from './commands/indexCommand';
import { modelsCommand } from './commands/modelsCommand';
import { searchCommand } from './commands/searchCommand';
import { serveCommand } from './commands/serveCommand';
import { symbolsCommand } from './commands/symbolsCommand';

/** Every `banyan` subcommand; each area adds one line. */
export const CLI_COMMANDS: readonly CliCommand[] = [serveCommand, indexCommand, searchCommand, symbolsCommand, completeCommand, chatCommand, modelsCommand];
