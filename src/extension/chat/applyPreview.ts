/**
 * Apply to file: the proposed text opens in a diff editor beside the file (a read-only virtual
 * document) with Accept/Reject in the editor title and in a notification. Accept applies the edit
 * engine's edits as ONE WorkspaceEdit (one undo step) and refuses if the document changed since the
 * preview was made; Reject closes the preview. One preview at a time: a new one replaces the old.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/edit/types';
import { ProposalDocuments } from '../proposalDocuments';

export const APPLY_SCHEME = 'banyan-apply';
const PENDING_CONTEXT = 'banyan.chatApplyPending';

interface Pending {
  readonly target: vscode.Uri;
  readonly version: number;
  readonly edits: readonly TextEdit[];
  readonly proposal: vscode.Uri;
  readonly onAccepted: () => void;
}

export class ApplyPreview implements vscode.Disposable {
  private pending: Pending | undefined;
  private readonly proposals = new ProposalDocuments(APPLY_SCHEME);

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows `newText` against `doc`; `edits` (against `doc` at its current version) are what Accept applies. */
  async show(doc: vscode.TextDocument, newText: string, edits: readonly TextEdit[], onAccepted: () => void): Promise<void> {
    await this.clear(false);
    const proposal = this.proposals.create(doc.uri, newText);
    this.pending = { target: doc.uri, version: doc.version, edits, proposal, onAccepted };
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT, true);
    await vscode.commands.executeCommand('vscode.diff', doc.uri, proposal, `${path.basename(doc.uri.path)} ↔ Banyan proposal`, { preview: true });
    const mine = this.pending;
    void vscode.window.showInformationMessage(`Apply Banyan's change to ${vscode.workspace.asRelativePath(doc.uri, false)}?`, 'Accept', 'Reject').then((choice) => {
      if (this.pending !== mine || !choice) return;
      void (choice === 'Accept' ? this.accept() : this.reject());
    });
  }

  /** A read-only proposal for a manual merge (the edit engine refused to place the code). */
  async showCandidate(doc: vscode.TextDocument, text: string, reason: string): Promise<void> {
    await this.proposals.showDiff(doc, text, `${path.basename(doc.uri.path)} ↔ Banyan proposal (merge by hand)`);
    void vscode.window.showWarningMessage(`${reason} The proposal is shown beside the file: copy what you need.`);
  }

  async accept(): Promise<boolean> {
    const p = this.pending;
    if (!p) return false;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.target.toString());
    if (!doc || doc.version !== p.version) {
      await this.clear(true);
      void vscode.window.showWarningMessage(`${path.basename(p.target.path)} changed after the proposal was made, so it was not applied. Click Apply again.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of p.edits) edit.replace(p.target, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    const ok = await vscode.workspace.applyEdit(edit);
    await this.clear(true);
    if (!ok) {
      this.log.warn(`Applying the chat proposal to ${p.target.fsPath} failed`);
      void vscode.window.showErrorMessage(`The change could not be applied to ${path.basename(p.target.path)}.`);
      return false;
    }
    p.onAccepted();
    await vscode.window.showTextDocument(p.target, { preview: false });
    return true;
  }

  async reject(): Promise<void> {
    await this.clear(true);
  }

  private async clear(closeEditor: boolean): Promise<void> {
    const p = this.pending;
    this.pending = undefined;
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT, false);
    if (!p) return;
    if (closeEditor) {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && this.proposals.isProposal(t.input.modified, p.proposal));
      if (tabs.length) await vscode.window.tabGroups.close(tabs);
    }
    this.proposals.delete(p.proposal);
  }

  dispose(): void {
    this.proposals.dispose();
  }
}

export { PENDING_CONTEXT as APPLY_PENDING_CONTEXT };
