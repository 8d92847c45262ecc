import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../core/config/settings';
import {
  NextEditAcceptedNotification,
  NextEditIgnoredNotification,
  NextEditRejectedNotification,
  NextEditRequest,
  NextEditShownNotification,
  type NextEditParams,
  type NextEditResult,
  type NextEditTrigger,
} from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { sendNotification, sendRequest } from '../typedClient';
import { NextEditDecorations } from './nextEditDecorations';
import { cursorAfter, jumpLabel, staleEdit, tabAction, type ViewRange } from './nextEditView';

/** Set while a next-edit diff (not ghost text) is on screen: Tab and Esc are ours only then. */
export const NEXT_EDIT_VISIBLE_CONTEXT = 'banyan.nextEditVisible';
/** A cursor move asks only after the cursor rests this long (arrow keys held down send one request). */
const CURSOR_REST_MS = 150;
/** A selection change this soon after an edit is the edit's caret move. */
const EDIT_CARET_MS = 50;
/** Most diagnostics sent with a request. */
const MAX_DIAGNOSTICS = 30;

interface Showing {
  readonly result: NextEditResult;
  /** The document the request was about (where the jump label is). */
  readonly source: vscode.Uri;
  /** The document the edits change. */
  readonly target: string;
  readonly ghost: boolean;
}

/**
 * Next-edit suggestions in the editor (stable API only): asks the server after each edit (it debounces
 * and keeps one prediction in flight per document) and after cursor moves soon after one; an insertion
 * at the cursor comes back as ordinary ghost text (the server serves it through the inline-completion
 * provider); anything else is drawn as an inline diff, with a jump label at the cursor when it is
 * elsewhere. Tab jumps, Tab accepts (one WorkspaceEdit: one undo step) and asks for the next one in the
 * chain; Esc dismisses. Outcomes go back to the server for the metrics and the rejection memory.
 */
export class NextEditController implements vscode.Disposable {
  private readonly decorations = new NextEditDecorations();
  private readonly subscriptions: vscode.Disposable[];
  private showing: Showing | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while Tab moves the cursor or applies an edit: those are not the user's moves or edits. */
  private busy = false;
  /** When the last user edit came: the caret move typing makes is not a cursor move of its own. */
  private editedAt = 0;
  /** Bumped on every accept and dismissal: an answer to a request sent before one is stale. */
  private generation = 0;
  /** Suggestions accepted or dismissed: never drawn again. */
  private readonly settled = new Set<string>();

  constructor(private readonly ctx: BanyanContext) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelectionChanged(e)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.busy || !this.showing) return;
        const uri = editor?.document.uri.toString();
        if (uri !== this.showing.source.toString() && uri !== this.showing.target) this.dismiss('ignored', 'editor-changed');
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.showing && d.uri.toString() === this.showing.source.toString()) this.dismiss('ignored', 'document-closed');
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.nextEdit.enabled`) && !enabled()) this.dismiss('ignored', 'disabled');
      }),
    ];
  }

  /** Tab (only bound while a diff is showing): jump to the change, or accept it when the cursor is there. */
  async tab(): Promise<void> {
    const s = this.showing;
    const editor = vscode.window.activeTextEditor;
    if (!s || !editor) return;
    const first = s.result.edits[0]!.range;
    const last = s.result.edits[s.result.edits.length - 1]!.range;
    const sameDocument = editor.document.uri.toString() === s.target;
    if (tabAction({ sameDocument, cursorLine: editor.selection.active.line, firstLine: first.start.line, lastLine: last.end.line }) === 'jump') return this.jump(s);
    return this.accept(s, editor);
  }

  /** Esc: the user turned the suggestion down; the server will not offer it again in this document. */
  escape(): void {
    this.dismiss('rejected', 'escape');
  }

  /** The ghost-text item's command: the inline suggestion was accepted. */
  ghostAccepted(id: unknown): void {
    const s = this.showing;
    if (!s || s.result.id !== id) return;
    this.showing = undefined;
    this.settle(s.result.id);
    this.notify(NextEditAcceptedNotification, id);
    const editor = vscode.window.activeTextEditor;
    if (editor) void this.request(editor, 'accept');
  }

  private onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (this.busy || !e.contentChanges.length) return;
    this.editedAt = performance.now();
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || !isFileLike(e.document)) return;
    // The diff no longer matches the text; the server either re-maps it (typing through) or drops it.
    if (this.showing && !this.showing.ghost) this.decorations.clear();
    // The editor's selection is updated after this event: the cursor is where the change ends.
    void this.request(editor, 'edit', changeEnd(e.contentChanges[0]!));
  }

  private onSelectionChanged(e: vscode.TextEditorSelectionChangeEvent): void {
    // Go to Line, Go to Definition and the like (kind Command) are the user's moves too.
    if (this.busy || e.textEditor !== vscode.window.activeTextEditor) return;
    // Moved by an edit (typing fires a Keyboard selection change too): the edit's own request covers it.
    if (e.kind === undefined || performance.now() - this.editedAt < EDIT_CARET_MS) return;
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      const s = this.showing;
      const line = e.textEditor.selection.active.line;
      if (s && !s.ghost && e.textEditor.document.uri.toString() === s.target) {
        const first = s.result.edits[0]!.range.start.line;
        const last = s.result.edits[s.result.edits.length - 1]!.range.end.line;
        if (line >= first - 1 && line <= last + 1) return; // the user went to it
      }
      if (s) this.dismiss('ignored', 'cursor-moved');
      void this.request(e.textEditor, 'cursor');
    }, CURSOR_REST_MS);
  }

  private async request(editor: vscode.TextEditor, trigger: NextEditTrigger, at: vscode.Position = editor.selection.active): Promise<void> {
    const client = this.ctx.server.client();
    if (!client || !enabled()) return;
    this.pending?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.pending = cts;
    const document = editor.document;
    const generation = this.generation;
    const params: NextEditParams = {
      textDocument: { uri: document.uri.toString(), version: document.version },
      position: { line: at.line, character: at.character },
      trigger,
      diagnostics: diagnosticsOf(document.uri),
    };
    let result: NextEditResult | null;
    try {
      result = await sendRequest(client, NextEditRequest, params, cts.token);
    } catch (err) {
      if (!cts.token.isCancellationRequested) this.ctx.log.debug(`next edit request failed: ${String(err)}`);
      return;
    } finally {
      if (this.pending === cts) this.pending = undefined;
      cts.dispose();
    }
    // Superseded by a newer request, or the document moved on (a newer request is on its way).
    if (cts.token.isCancellationRequested || (result && result.version !== document.version)) return;
    if (vscode.window.activeTextEditor?.document !== document || generation !== this.generation) return;
    if (result && this.settled.has(result.id)) return;
    const previous = this.showing;
    if (!result) {
      if (previous && previous.source.toString() === document.uri.toString()) this.dismiss('ignored', 'superseded');
      return;
    }
    const target = result.edits[0]?.uri;
    if (!target) return;
    const ghost = result.ghostText === true;
    this.showing = { result, source: document.uri, target, ghost };
    if (previous?.result.id !== result.id) this.notify(NextEditShownNotification, result.id);
    if (ghost) {
      this.decorations.clear();
      void vscode.commands.executeCommand('setContext', NEXT_EDIT_VISIBLE_CONTEXT, false);
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return;
    }
    this.render(editor);
  }

  private render(editor: vscode.TextEditor): void {
    const s = this.showing;
    if (!s) return;
    const targetEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === s.target);
    const first = s.result.jump?.range.start.line ?? s.result.edits[0]!.range.start.line;
    const here = editor.document.uri.toString() === s.target;
    const away = !here || tabAction({ sameDocument: true, cursorLine: editor.selection.active.line, firstLine: first, lastLine: s.result.edits[s.result.edits.length - 1]!.range.end.line }) === 'jump';
    const label = away ? { editor, line: editor.selection.active.line, text: jumpLabel({ sameDocument: here, line: first, fileName: path.basename(vscode.Uri.parse(s.target).fsPath) }) } : undefined;
    this.decorations.render(targetEditor, s.result.edits, label);
    void vscode.commands.executeCommand('setContext', NEXT_EDIT_VISIBLE_CONTEXT, true);
  }

  private async jump(s: Showing): Promise<void> {
    this.busy = true;
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(s.target));
      const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
      const start = s.result.edits[0]!.range.start;
      const at = new vscode.Position(start.line, start.character);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      if (this.showing === s) this.render(editor);
    } finally {
      this.busy = false;
    }
  }

  private async accept(s: Showing, editor: vscode.TextEditor): Promise<void> {
    // Tab accepts only in the target's editor (it jumps there first), so `editor.document` is the target.
    const uri = editor.document.uri;
    const range = (r: ViewRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    // The edits were computed against the request's version of its document; anything newer is stale.
    if (s.source.toString() === s.target && editor.document.version !== s.result.version) return this.dismiss('ignored', 'superseded');
    // Another file has no version in the answer: its text where the edits go must be what they were computed on.
    if (staleEdit(s.result.edits, (r) => editor.document.getText(range(r)))) return this.dismiss('ignored', 'stale');
    const edit = new vscode.WorkspaceEdit();
    for (const e of s.result.edits) edit.replace(uri, range(e.range), e.newText);
    this.busy = true;
    // Cleared before the edit is applied: the editor shows the new text before applyEdit's promise
    // settles here, and the old diff must not be drawn over it meanwhile (seen under load).
    this.decorations.clear();
    let applied = false;
    try {
      applied = await vscode.workspace.applyEdit(edit);
      if (applied) {
        const at = cursorAfter(s.result.edits);
        const pos = editor.document.validatePosition(new vscode.Position(at.line, at.character));
        editor.selection = new vscode.Selection(pos, pos);
      }
    } finally {
      this.busy = false;
    }
    void vscode.commands.executeCommand('setContext', NEXT_EDIT_VISIBLE_CONTEXT, false);
    this.showing = undefined;
    this.settle(s.result.id);
    if (!applied) return this.notify(NextEditIgnoredNotification, s.result.id, 'apply-failed');
    this.notify(NextEditAcceptedNotification, s.result.id);
    // The chain: what comes after this one.
    await this.request(editor, 'accept');
  }

  private settle(id: string): void {
    this.generation++;
    this.settled.add(id);
    // Only recent ids matter (answers in flight); keep the set small.
    if (this.settled.size > 100) this.settled.delete(this.settled.values().next().value as string);
  }

  private dismiss(outcome: 'rejected' | 'ignored', reason: string): void {
    const s = this.showing;
    this.showing = undefined;
    if (s) this.settle(s.result.id);
    this.decorations.clear();
    void vscode.commands.executeCommand('setContext', NEXT_EDIT_VISIBLE_CONTEXT, false);
    if (s) this.notify(outcome === 'rejected' ? NextEditRejectedNotification : NextEditIgnoredNotification, s.result.id, reason);
  }

  private notify(def: typeof NextEditShownNotification, id: string, reason?: string): void {
    const client = this.ctx.server.client();
    if (client) void sendNotification(client, def, { id, ...(reason ? { reason } : {}) });
  }

  dispose(): void {
    clearTimeout(this.cursorTimer);
    this.pending?.cancel();
    this.dismiss('ignored', 'disabled');
    this.decorations.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('nextEdit.enabled', false);
}

/** Where a content change leaves the cursor: after the text it inserted. */
function changeEnd(c: vscode.TextDocumentContentChangeEvent): vscode.Position {
  const lines = c.text.split(/\r?\n/);
  return lines.length === 1 ? c.range.start.translate(0, c.text.length) : new vscode.Position(c.range.start.line + lines.length - 1, lines[lines.length - 1]!.length);
}

function isFileLike(d: vscode.TextDocument): boolean {
  return d.uri.scheme === 'file' || d.uri.scheme === 'untitled' || d.uri.scheme === 'vscode-remote';
}

/** Errors and warnings VS Code shows in this document, nearest first in line order. */
function diagnosticsOf(uri: vscode.Uri): NextEditParams['diagnostics'] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
    .slice(0, MAX_DIAGNOSTICS)
    .map((d) => ({ uri: uri.toString(), line: d.range.start.line, message: d.message, severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' as const : 'warning' as const }));
}
