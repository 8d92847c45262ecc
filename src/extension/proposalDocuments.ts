import * as vscode from 'vscode';

/**
 * Read-only virtual documents holding proposed text (a rewrite's result, a chat code block to apply),
 * for the diff editor. A proposal's URI keeps the target's path, so the diff editor picks the right
 * language, and is told apart by its number in the query (the workbench may re-encode paths, not
 * queries). Few and small: the oldest go once there are many.
 */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private next = 1;
  private readonly registration: vscode.Disposable;

  constructor(readonly scheme: string, private readonly keep = 20) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '';
  }

  /** A new proposal document holding `text`, named like `target`. */
  create(target: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: target.path, query: `n=${this.next++}` });
    this.texts.set(uri.query, text);
    if (this.texts.size > this.keep) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  /** Whether `uri` is this proposal (also when the workbench re-encoded its path). */
  isProposal(uri: vscode.Uri, proposal: vscode.Uri): boolean {
    return uri.scheme === this.scheme && uri.query === proposal.query;
  }

  delete(proposal: vscode.Uri): void {
    this.texts.delete(proposal.query);
  }

  /** Opens `proposed` beside the document in a diff editor; returns the proposal's URI. */
  async showDiff(document: vscode.TextDocument, proposed: string, title: string): Promise<vscode.Uri> {
    const uri = this.create(document.uri, proposed);
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: true });
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}

/** The document's file name, for diff titles. */
export function baseName(document: vscode.TextDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) || 'untitled';
}
