/**
 * Paths the chat webview names (answers' `src/a.ts:12` links, Apply targets) resolved to files inside
 * the workspace only: `..` escapes, absolute paths elsewhere and other schemes are refused.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export function workspaceUri(p: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!p || p.includes('\0')) return undefined;
  for (const f of folders) {
    if (f.uri.scheme !== 'file') continue;
    const root = f.uri.fsPath;
    const abs = path.isAbsolute(p) ? path.normalize(p) : path.resolve(root, p);
    const rel = path.relative(root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    return vscode.Uri.file(abs);
  }
  return undefined;
}

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

export async function openLocation(p: string, line?: number, column?: number): Promise<boolean> {
  const uri = workspaceUri(p);
  if (!uri) return false;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return false;
  }
  const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
  return true;
}
