/**
 * Applies an agent file change for the server's banyan/agent/applyFileChange: one WorkspaceEdit
 * (create with overwrite, a full-range replace of the document, or a delete), so it is one undo
 * step in the editor, then saves it so tools that read the disk (commands, tests) see it.
 */
import * as vscode from 'vscode';
import type { AgentApplyFileChangeParams, AgentApplyFileChangeResult } from '../../protocol/lsp';

export async function applyFileChange(p: AgentApplyFileChangeParams): Promise<AgentApplyFileChangeResult> {
  const uri = vscode.Uri.file(p.path);
  try {
    const edit = new vscode.WorkspaceEdit();
    if (p.text === null) {
      edit.deleteFile(uri, { ignoreIfNotExists: true });
      return (await vscode.workspace.applyEdit(edit)) ? { applied: true } : { applied: false, message: 'the editor refused to delete it' };
    }
    const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // VS Code keeps a file's BOM as its encoding, outside the document text.
    const text = p.text.startsWith('\uFEFF') && exists ? p.text.slice(1) : p.text;
    if (exists) {
      const doc = open ?? (await vscode.workspace.openTextDocument(uri));
      if (doc.isDirty) return { applied: false, message: 'it has unsaved changes in the editor' };
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    } else {
      edit.createFile(uri, { overwrite: true, contents: new TextEncoder().encode(text) });
    }
    if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, message: 'the editor refused the edit' };
    if (exists) {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.isDirty && !(await doc.save())) return { applied: false, message: 'the editor applied it but could not save it; it is unsaved in the editor' };
    }
    return { applied: true };
  } catch (err) {
    return { applied: false, message: err instanceof Error ? err.message : String(err) };
  }
}
