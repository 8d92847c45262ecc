/** `@problems`: the workspace's errors and warnings from VS Code's diagnostics, as plain text. */
import * as vscode from 'vscode';
import { relativePath } from './workspaceLocation';

const MAX_PROBLEMS = 100;

export function problemsText(): string {
  const lines: string[] = [];
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    for (const d of diags) {
      if (d.severity > vscode.DiagnosticSeverity.Warning) continue;
      const sev = d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning';
      lines.push(`${relativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sev}${d.source ? ` [${d.source}]` : ''}: ${d.message.split('\n')[0]}`);
      if (lines.length >= MAX_PROBLEMS) return `${lines.join('\n')}\n… (more problems not shown)`;
    }
  }
  return lines.length ? lines.join('\n') : 'No errors or warnings.';
}
