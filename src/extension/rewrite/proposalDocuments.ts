import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'banyan-rewrite';

/**
 * Read-only virtual documents holding a rewrite's proposed text, for the diff editor ("Show diff",
 * and the manual merge when the edit engine refuses). The file's base name is kept so the diff
 * editor highlights the right language.
 */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private next = 1;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** Opens `proposed` beside the document in a diff editor. */
  async showDiff(document: vscode.TextDocument, proposed: string, title: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${this.next++}/${baseName(document)}` });
    this.texts.set(uri.path, proposed);
    // Few and small; the oldest go once there are many.
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}

/** The document's file name, for diff titles and proposal URIs. */
export function baseName(document: vscode.TextDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) || 'untitled';
}
