import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkStamp, stampDocument } from '../../core/edit/staleGuard';
import type { Range, TextEdit } from '../../core/edit/types';
import { hunksOfResult, streamingHunks } from '../../core/rewrite/reviewHunks';
import {
  RewriteCancelRequest,
  type RewriteDoneParams,
  RewriteDoneNotification,
  type RewriteProgressParams,
  RewriteProgressNotification,
  type RewriteStartParams,
  RewriteStartRequest,
} from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { onNotification, sendRequest } from '../typedClient';
import { pickInstruction } from './instructionPicker';
import type { HunkDecision, PendingRewrite, RewriteOutcome } from './pendingRewrite';
import { baseName, ProposalDocuments } from '../proposalDocuments';
import { RewriteCodeLenses } from './rewriteCodeLenses';
import { RewriteDecorations } from './rewriteDecorations';
import { recordInsight } from '../insights/recordInsight';

const CONTEXT_KEY = 'banyan.rewritePending';
/** The diff editor's right side for a rewrite's proposal ("Show diff", manual merge). */
const PROPOSAL_SCHEME = 'banyan-rewrite';

export interface RewriteOptions {
  /** Skip the picker (tests, other features). */
  readonly instruction?: string;
}

/**
 * Select-and-rewrite in the editor: asks for the instruction, starts the rewrite on the server, shows
 * the streamed proposal as an inline diff, and on Accept applies it as one undo step. One rewrite per
 * document at a time; nothing is written before Accept, so Reject needs no undo.
 */
export class RewriteController implements vscode.Disposable {
  private readonly pending = new Map<string, PendingRewrite>();
  private readonly decorations = new RewriteDecorations();
  private readonly proposals = new ProposalDocuments(PROPOSAL_SCHEME);
  private readonly lenses = new RewriteCodeLenses((doc) => this.pending.get(doc.uri.toString()));
  private readonly disposables: vscode.Disposable[] = [];
  private listening: LanguageClient | undefined;
  private handlers: { dispose(): void }[] = [];

  constructor(private readonly ctx: BanyanContext) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const p = this.pending.get(d.uri.toString());
        if (p) this.close(p, { state: 'stopped', reason: 'disposed', message: 'The document was closed.' }, true);
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContextKey()),
      // A server that stops or restarts mid-stream never sends the outcome: end those rewrites here.
      ctx.server.onDidChange(() => {
        if (ctx.server.state() === 'running') return;
        for (const p of [...this.pending.values()]) {
          if (p.phase !== 'streaming') continue;
          const message = 'The Banyan server stopped while the rewrite was running. Run the rewrite again once it is ready.';
          void vscode.window.showWarningMessage(`Banyan: ${message}`);
          this.close(p, { state: 'stopped', reason: 'failed', message }, false);
        }
      }),
    );
  }

  /** `options` comes from executeCommand: anything but `{ instruction: string }` is ignored. */
  async rewriteSelection(options?: unknown): Promise<RewriteOutcome> {
    const given = (options as RewriteOptions | undefined)?.instruction;
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Banyan: open a file and select the code to rewrite (or place the cursor where new code should go).');
      return { state: 'cancelled' };
    }
    const sel = editor.selection;
    const range: Range = { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } };
    const instruction = typeof given === 'string' && given.trim() ? given : (await pickInstruction(this.ctx.extension.globalState, sel.isEmpty));
    if (!instruction) return { state: 'cancelled' };
    return this.start(editor.document, range, instruction);
  }

  async accept(uri?: unknown): Promise<void> {
    const p = this.target(uri);
    if (!p) return;
    if (p.phase === 'streaming') {
      void vscode.window.showInformationMessage('Banyan: the rewrite is still streaming. Wait for it to finish, or Reject it.');
      return;
    }
    p.decisions = p.decisions.map((d) => (d === 'pending' ? 'accepted' : d));
    await this.applyDecisions(p);
  }

  async reject(uri?: unknown): Promise<void> {
    const p = this.target(uri);
    if (p?.phase === 'review') recordInsight(this.ctx, 'rewrite.rejected');
    if (p) this.close(p, { state: 'cancelled' }, true);
  }

  async decideHunk(uri: unknown, index: unknown, decision: HunkDecision): Promise<void> {
    const p = this.target(uri);
    if (!p || p.phase !== 'review' || typeof index !== 'number' || !(index in p.decisions)) return;
    p.decisions[index] = decision;
    if (p.decisions.includes('pending')) this.render(p);
    else await this.applyDecisions(p);
  }

  async retry(uri?: unknown, feedbackArg?: unknown): Promise<RewriteOutcome> {
    const p = this.target(uri);
    if (!p || p.phase !== 'review' || p.answer === undefined) {
      void vscode.window.showInformationMessage('Banyan: there is no rewrite to retry here. Run "Banyan: Rewrite Selection" first.');
      return { state: 'cancelled' };
    }
    const feedback = typeof feedbackArg === 'string' ? feedbackArg : await vscode.window.showInputBox({ title: 'Banyan: Retry with Feedback', prompt: `What should be different? (instruction: ${p.instruction})`, placeHolder: 'e.g. keep the early return, use a Map instead' });
    if (!feedback?.trim()) return { state: 'cancelled' };
    return this.start(p.document, p.range, p.instruction, { previousAnswer: p.answer, text: feedback.trim() });
  }

  async showDiff(uri?: unknown): Promise<void> {
    const p = this.target(uri);
    if (!p?.result) return;
    await this.proposals.showDiff(p.document, p.result.newText, `${baseName(p.document)} ↔ Banyan rewrite (proposed)`);
  }

  dispose(): void {
    for (const p of [...this.pending.values()]) this.close(p, { state: 'cancelled' }, true);
    for (const d of [...this.disposables, ...this.handlers, this.decorations, this.proposals, this.lenses]) d.dispose();
  }

  // ─────────────── lifecycle of one rewrite ───────────────

  private async start(document: vscode.TextDocument, range: Range, instruction: string, feedback?: RewriteStartParams['feedback']): Promise<RewriteOutcome> {
    const uri = document.uri.toString();
    const previous = this.pending.get(uri);
    if (previous) this.close(previous, { state: 'stopped', reason: 'superseded', message: 'A new rewrite replaced this one.' }, true);
    let client: LanguageClient;
    let rewriteId: number;
    const original = document.getText();
    const version = document.version;
    try {
      client = await this.client();
      ({ rewriteId } = await sendRequest(client, RewriteStartRequest, { uri, version, range, instruction, ...(feedback ? { feedback } : {}) }));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(`Banyan: the rewrite could not start. ${message}`);
      return { state: 'stopped', reason: 'failed', message };
    }
    return new Promise<RewriteOutcome>((settle) => {
      const p: PendingRewrite = { rewriteId, document, version, range, instruction, original, phase: 'streaming', hunks: [], decisions: [], settle };
      this.pending.set(uri, p);
      this.render(p);
    });
  }

  private onProgress(params: RewriteProgressParams): void {
    const p = this.byId(params.rewriteId);
    if (!p || p.phase !== 'streaming') return;
    p.hunks = streamingHunks(p.original, p.range, params.text, params.complete);
    this.render(p);
  }

  private onDone(params: RewriteDoneParams): void {
    const p = this.byId(params.rewriteId);
    if (!p) return;
    if (params.stopped || !params.result) {
      const message = params.message ?? 'The rewrite stopped.';
      if (params.stopped !== 'cancelled' && params.stopped !== 'superseded') void vscode.window.showWarningMessage(`Banyan: ${message}`);
      this.close(p, { state: 'stopped', reason: params.stopped ?? 'failed', message }, false);
      return;
    }
    const result = params.result;
    if (!result.ok) {
      this.close(p, { state: 'refused', code: result.code, message: result.message }, false);
      void this.showRefusal(p, result.message, result.candidate?.text ?? params.answer ?? '');
      return;
    }
    if (result.edits.length === 0) {
      void vscode.window.showInformationMessage('Banyan: the model proposed no change to this code.');
      this.close(p, { state: 'unchanged' }, false);
      return;
    }
    p.phase = 'review';
    p.result = result;
    p.answer = params.answer ?? '';
    p.hunks = hunksOfResult(result);
    p.decisions = p.hunks.map(() => 'pending');
    this.render(p);
    p.settle({ state: 'review', hunks: p.hunks.length });
  }

  /** Writes the accepted hunks (all: the engine's minimal edits) in one edit, one undo step. */
  private async applyDecisions(p: PendingRewrite): Promise<void> {
    const result = p.result!;
    const doc = p.document;
    const stale = checkStamp(stampDocument(doc.uri.toString(), p.version, p.original), { uri: doc.uri.toString(), version: doc.version, text: doc.getText() });
    // Finish first: our own edit must not count as a change that discards the proposal.
    this.close(p, { state: 'cancelled' }, false);
    if (!stale.ok) {
      void vscode.window.showWarningMessage(`Banyan: ${stale.message}`);
      return;
    }
    const all = p.decisions.every((d) => d === 'accepted');
    const edits: readonly TextEdit[] = all ? result.edits : result.hunks.filter((_, i) => p.decisions[i] === 'accepted').map((h) => h.edit);
    if (edits.length === 0) return;
    const toRange = (e: TextEdit) => new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    let ok: boolean;
    if (editor) {
      ok = await editor.edit((b) => edits.forEach((e) => b.replace(toRange(e), e.newText)), { undoStopBefore: true, undoStopAfter: true });
    } else {
      const we = new vscode.WorkspaceEdit();
      for (const e of edits) we.replace(doc.uri, toRange(e), e.newText);
      ok = await vscode.workspace.applyEdit(we);
    }
    if (!ok) void vscode.window.showErrorMessage('Banyan: VS Code did not apply the rewrite (the document may be read-only). Nothing was changed.');
    else recordInsight(this.ctx, 'rewrite.accepted', { hunks: all ? result.hunks.length : edits.length });
  }

  private close(p: PendingRewrite, outcome: RewriteOutcome, cancelOnServer: boolean): void {
    if (this.pending.get(p.document.uri.toString()) !== p) return;
    this.pending.delete(p.document.uri.toString());
    if (cancelOnServer && p.phase === 'streaming') {
      const client = this.ctx.server.client();
      if (client) void sendRequest(client, RewriteCancelRequest, { rewriteId: p.rewriteId }).catch(() => undefined);
    }
    this.render(p, true);
    p.settle(outcome);
  }

  private async showRefusal(p: PendingRewrite, message: string, candidate: string): Promise<void> {
    if (candidate) await this.proposals.showDiff(p.document, candidate, `${baseName(p.document)} ↔ Banyan proposal (not applied: merge by hand)`);
    void vscode.window.showWarningMessage(`Banyan did not apply the rewrite: ${message}${candidate ? ' The proposal is open in a diff editor for a manual merge.' : ''}`);
  }

  private onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const p = this.pending.get(e.document.uri.toString());
    // While streaming the server stops the rewrite itself and says so (banyan/rewrite/done).
    if (!p || p.phase !== 'review') return;
    this.close(p, { state: 'stopped', reason: 'document-changed', message: 'The document changed.' }, false);
    void vscode.window.showWarningMessage('Banyan: the document changed, so the proposed rewrite was discarded (it no longer fits the text). Run the rewrite again.');
  }

  // ─────────────── plumbing ───────────────

  /** The client, with the progress/done handlers registered once per client instance. */
  private async client(): Promise<LanguageClient> {
    const client = await this.ctx.server.readyClient();
    if (this.listening !== client) {
      for (const h of this.handlers) h.dispose();
      this.handlers = [onNotification(client, RewriteProgressNotification, (p) => this.onProgress(p)), onNotification(client, RewriteDoneNotification, (p) => this.onDone(p))];
      this.listening = client;
    }
    return client;
  }

  private byId(id: number): PendingRewrite | undefined {
    for (const p of this.pending.values()) if (p.rewriteId === id) return p;
    return undefined;
  }

  /** The rewrite a command means: the uri argument (CodeLens), else the active editor's document. */
  private target(uri: unknown): PendingRewrite | undefined {
    const key = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
    return key === undefined ? undefined : this.pending.get(key);
  }

  private render(p: PendingRewrite, cleared = false): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === p.document) this.decorations.render(editor, cleared ? undefined : p);
    this.lenses.refresh();
    this.updateContextKey();
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.decorations.render(editor, this.pending.get(editor.document.uri.toString()));
    this.updateContextKey();
  }

  private updateContextKey(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, doc !== undefined && this.pending.has(doc.uri.toString()));
  }
}
