/**
 * The context chips under the composer: the active file, its selection, and selections added with
 * "Add Selection to Chat". The user removes any of them; a removed active file or selection comes back
 * when the editor or selection changes. Each chip keeps what it will attach when the user sends.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatTurnAttachment } from '../../protocol/lsp';
import type { ContextChip } from '../../protocol/webview';
import { relativePath } from './workspaceLocation';

interface ChipEntry {
  readonly chip: ContextChip;
  readonly attachment: ChatTurnAttachment;
}

const MAX_SELECTION_CHARS = 50_000;

export class ContextChips implements vscode.Disposable {
  private active: ChipEntry[] = [];
  private added: ChipEntry[] = [];
  private removed = new Set<string>();
  private nextId = 1;
  private readonly emitter = new vscode.EventEmitter<readonly ContextChip[]>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh(true)),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.refresh(false)),
    );
    this.refresh(true);
  }

  chips(): ContextChip[] {
    return [...this.active, ...this.added].map((e) => e.chip);
  }

  /** What the chips the user saw when sending attach. */
  attachments(chipIds: readonly string[]): ChatTurnAttachment[] {
    return [...this.active, ...this.added].filter((e) => chipIds.includes(e.chip.id)).map((e) => e.attachment);
  }

  remove(chipId: string): void {
    this.removed.add(chipId);
    this.added = this.added.filter((e) => e.chip.id !== chipId);
    this.active = this.active.filter((e) => e.chip.id !== chipId);
    this.fire();
  }

  /** Added selections go with one message. */
  clearAdded(): void {
    if (!this.added.length) return;
    this.added = [];
    this.fire();
  }

  /** "Add Selection to Chat": the selection (or the current line) of `editor` becomes a chip. */
  addSelection(editor: vscode.TextEditor): void {
    const sel = editor.selection;
    const range = sel.isEmpty ? editor.document.lineAt(sel.active.line).range : sel;
    const entry = selectionEntry(`sel-${this.nextId++}`, editor.document, range);
    this.added = [...this.added.filter((e) => e.chip.label !== entry.chip.label), entry];
    this.fire();
  }

  private refresh(editorChanged: boolean): void {
    const editor = vscode.window.activeTextEditor;
    if (editorChanged) this.removed.clear();
    else this.removed.delete('active-selection');
    const next: ChipEntry[] = [];
    if (editor && (editor.document.uri.scheme === 'file' || editor.document.uri.scheme === 'untitled')) {
      const doc = editor.document;
      const rel = doc.uri.scheme === 'file' ? relativePath(doc.uri) : doc.uri.path;
      if (!this.removed.has('active-file')) {
        next.push({ chip: { id: 'active-file', kind: 'file', label: path.basename(doc.uri.path), path: rel }, attachment: { kind: 'file', label: `Active file ${rel}`, path: doc.uri.scheme === 'file' ? doc.uri.fsPath : rel, ...(doc.uri.scheme === 'file' ? {} : { text: doc.getText().slice(0, MAX_SELECTION_CHARS) }) } });
      }
      if (!editor.selection.isEmpty && !this.removed.has('active-selection')) next.push(selectionEntry('active-selection', doc, editor.selection));
    }
    const same = JSON.stringify(next.map((e) => e.chip)) === JSON.stringify(this.active.map((e) => e.chip));
    this.active = next;
    if (!same) this.fire();
  }

  private fire(): void {
    this.emitter.fire(this.chips());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

function selectionEntry(id: string, doc: vscode.TextDocument, range: vscode.Range): ChipEntry {
  const startLine = range.start.line;
  const endLine = range.end.character === 0 && range.end.line > startLine ? range.end.line - 1 : range.end.line;
  const rel = doc.uri.scheme === 'file' ? relativePath(doc.uri) : doc.uri.path;
  const label = `${path.basename(doc.uri.path)}:${startLine + 1}${endLine > startLine ? `-${endLine + 1}` : ''}`;
  const text = doc.getText(new vscode.Range(startLine, 0, endLine, doc.lineAt(endLine).text.length)).slice(0, MAX_SELECTION_CHARS);
  return {
    chip: { id, kind: 'selection', label, path: rel, startLine: startLine + 1, endLine: endLine + 1 },
    attachment: { kind: 'selection', label: `Selection ${rel}:${startLine + 1}-${endLine + 1}`, path: doc.uri.scheme === 'file' ? doc.uri.fsPath : rel, startLine, endLine, text },
  };
}
