import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { PendingRewrite } from './pendingRewrite';

/**
 * Buttons above the rewritten code: Accept / Reject (with their keys), Retry with feedback, Show diff;
 * per hunk Accept / Reject when there is more than one; "Rewriting…" and Cancel while it streams.
 */
export class RewriteCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly pendingFor: (document: vscode.TextDocument) => PendingRewrite | undefined) {
    this.registration = vscode.languages.registerCodeLensProvider({ scheme: '*' }, this);
  }

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const p = this.pendingFor(document);
    if (!p) return [];
    const uri = document.uri.toString();
    const top = new vscode.Range(p.range.start.line, 0, p.range.start.line, 0);
    if (p.phase === 'streaming') {
      return [
        new vscode.CodeLens(top, { title: '$(sync~spin) Banyan is rewriting…', command: '' }),
        new vscode.CodeLens(top, { title: 'Cancel', command: COMMANDS.rewriteReject.id, arguments: [uri] }),
      ];
    }
    const mac = process.platform === 'darwin';
    const lenses = [
      new vscode.CodeLens(top, { title: `$(check) Accept (${mac ? '⌘Enter' : 'Ctrl+Enter'})`, command: COMMANDS.rewriteAccept.id, arguments: [uri] }),
      new vscode.CodeLens(top, { title: '$(close) Reject (Esc)', command: COMMANDS.rewriteReject.id, arguments: [uri] }),
      new vscode.CodeLens(top, { title: '$(comment) Retry with feedback', command: COMMANDS.rewriteRetry.id, arguments: [uri] }),
      new vscode.CodeLens(top, { title: '$(diff) Show diff', command: COMMANDS.rewriteShowDiff.id, arguments: [uri] }),
    ];
    if (p.hunks.length > 1) {
      p.hunks.forEach((h, i) => {
        const line = Math.min(h.originalStart, document.lineCount - 1);
        const at = new vscode.Range(line, 0, line, 0);
        const decision = p.decisions[i];
        if (decision === 'pending') {
          lenses.push(
            new vscode.CodeLens(at, { title: `Accept change ${i + 1}/${p.hunks.length}`, command: COMMANDS.rewriteAcceptHunk.id, arguments: [uri, i] }),
            new vscode.CodeLens(at, { title: `Reject change ${i + 1}`, command: COMMANDS.rewriteRejectHunk.id, arguments: [uri, i] }),
          );
        } else {
          lenses.push(new vscode.CodeLens(at, { title: `Change ${i + 1}: ${decision}`, command: '' }));
        }
      });
    }
    return lenses;
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}
