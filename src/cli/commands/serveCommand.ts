import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliCommand';

/** `banyan serve --stdio`: the same language server the extension runs, for any LSP client. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the Banyan language server over stdio (for any LSP client)',
  usage: 'banyan serve --stdio',
  async run(args) {
    if (!args.includes('--stdio')) throw new CliError('serve needs --stdio (the only transport offered on the command line)', 2);
    // vscode-languageserver picks the transport from process.argv; make sure it sees --stdio.
    if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
    const { startServer } = await import('../../server/startServer');
    startServer();
    return new Promise<number>(() => {
      // Runs until the client sends exit; the server calls process.exit.
    });
  },
};
