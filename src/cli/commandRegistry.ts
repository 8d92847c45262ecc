import type { CliCommand } from './cliCommand';
import { agentCommand } from './commands/agentCommand';
import { chatCommand } from './commands/chatCommand';
import { completeCommand } from './commands/completeCommand';
import { contextCommand } from './commands/contextCommand';
import { evalCommand } from './commands/evalCommand';
import { indexCommand } from './commands/indexCommand';
import { modelsCommand } from './commands/modelsCommand';
import { rewriteCommand } from './commands/rewriteCommand';
import { searchCommand } from './commands/searchCommand';
import { serveCommand } from './commands/serveCommand';
import { symbolsCommand } from './commands/symbolsCommand';

/** Every `banyan` subcommand; each area adds one line. */
export const CLI_COMMANDS: readonly CliCommand[] = [serveCommand, indexCommand, searchCommand, symbolsCommand, contextCommand, completeCommand, chatCommand, modelsCommand, rewriteCommand, agentCommand, evalCommand];
