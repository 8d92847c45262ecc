/**
 * The code block toolbar's actions: Copy (clipboard), Insert at the cursor of the last text editor,
 * Apply to file through the edit engine (the fence's file, else the last active editor's) with a
 * diff preview.
 */
import * as vscode from 'vscode';
import { applyCodeBlock } from '../../core/edit';
import type { ApplyPreview } from './applyPreview';
import { workspaceUri } from './workspaceLocation';

export class CodeBlockActions implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly preview: ApplyPreview) {
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e && e.document.uri.scheme !== 'output') this.lastEditor = e;
    });
  }

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  async insert(code: string): Promise<void> {
    const editor = this.editor();
    if (!editor) {
      void vscode.window.showWarningMessage('Open a file and place the cursor where the code should go, then click Insert again.');
      return;
    }
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await editor.edit((b) => {
      for (const s of editor.selections) b.replace(s, code);
    });
  }

  /** Opens the diff preview; `onAccepted(path)` runs when the user accepts it. */
  async apply(code: string, language: string | null, fencePath: string | null, onAccepted: (relPath: string) => void): Promise<void> {
    let doc: vscode.TextDocument | undefined;
    if (fencePath) {
      const uri = workspaceUri(fencePath);
      if (!uri) {
        void vscode.window.showWarningMessage(`${fencePath} is not a file of this workspace; open the file to change and click Apply again.`);
        return;
      }
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch {
        doc = undefined; // the fence names a new file: fall back to the open editor
      }
    }
    doc ??= this.editor()?.document;
    if (!doc) {
      void vscode.window.showWarningMessage('Open the file to apply this code to, then click Apply again.');
      return;
    }
    const result = applyCodeBlock(doc.getText(), { code, ...(language ? { language } : {}) }, { kind: 'file' }, { fileName: doc.fileName, languageId: doc.languageId });
    if (!result.ok) {
      if (result.candidate?.kind === 'document') await this.preview.showCandidate(doc, result.candidate.text, result.message);
      else void vscode.window.showWarningMessage(result.message);
      return;
    }
    if (!result.edits.length) {
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(doc.uri, false)} already contains this code.`);
      return;
    }
    const target = doc;
    await this.preview.show(doc, result.newText, result.edits, () => onAccepted(vscode.workspace.asRelativePath(target.uri, false)));
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && active.document.uri.scheme !== 'output') return active;
    return this.lastEditor;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
