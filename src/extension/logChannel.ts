import * as vscode from 'vscode';

/** The one Banyan output channel. The language client writes the server's log lines here too. */
export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Banyan', { log: true });
}
