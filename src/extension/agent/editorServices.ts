/**
 * What the agent asks of the editor besides the terminal: the problems list and the language
 * services' definitions and references, answered for the server's banyan/agent/* requests.
 */
import * as vscode from 'vscode';
import type { AgentDiagnostic, AgentLocation, AgentLocationsParams } from '../../protocol/lsp';

const SEVERITY: Record<vscode.DiagnosticSeverity, AgentDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const MAX_DIAGNOSTICS = 200;

export function problems(paths: readonly string[] | undefined): AgentDiagnostic[] {
  const pairs: [vscode.Uri, readonly vscode.Diagnostic[]][] = paths ? paths.map((p) => [vscode.Uri.file(p), vscode.languages.getDiagnostics(vscode.Uri.file(p))]) : vscode.languages.getDiagnostics();
  const out: AgentDiagnostic[] = [];
  for (const [uri, list] of pairs) {
    if (uri.scheme !== 'file') continue;
    for (const d of list) {
      out.push({ path: uri.fsPath, line: d.range.start.line, severity: SEVERITY[d.severity], message: d.message, ...(d.source ? { source: d.source } : {}) });
      if (out.length >= MAX_DIAGNOSTICS) return out;
    }
  }
  return out;
}

export async function locations(p: AgentLocationsParams): Promise<AgentLocation[]> {
  const command = p.kind === 'definition' ? 'vscode.executeDefinitionProvider' : 'vscode.executeReferenceProvider';
  const found = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[] | undefined>(command, vscode.Uri.file(p.path), new vscode.Position(p.line, p.character))) ?? [];
  return found.slice(0, 200).flatMap((l) => {
    const uri = 'targetUri' in l ? l.targetUri : l.uri;
    const range = 'targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
    return uri.scheme === 'file' ? [{ path: uri.fsPath, line: range.start.line, character: range.start.character }] : [];
  });
}
