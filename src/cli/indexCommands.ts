import type { CliCommand } from './cliCommand';
import { contextCommand } from './commands/contextCommand';
import { indexCommand } from './commands/indexCommand';
import { nextEditLocationsCommand } from './commands/nextEditLocations';
import { searchCommand } from './commands/searchCommand';
import { symbolsCommand } from './commands/symbolsCommand';

/**
 * The commands that need only the index (dist/cli-index.js, LAZY_CHUNKS in esbuild.mjs): `banyan context`
 * and `banyan next-edit --locations` are started once per call by tools, so they load neither the model SDKs nor MCP;
 * `--version` loads not even this.
 */
export const INDEX_COMMANDS: readonly CliCommand[] = [indexCommand, searchCommand, symbolsCommand, contextCommand, nextEditLocationsCommand];
