/**
 * Agent mode in the chat panel: runs tasks on the server (banyan/agent/turn), keeps the panel's view
 * of them (plan, steps, a running command's output, text, the answers to approval cards, checkpoint)
 * in an AgentRunStore so they survive a window reload, shows approval cards and answers the server's
 * approval requests with the user's click — and nothing else: a card stays until the user answers or
 * the turn stops (then it counts as denied). Also answers the server's terminal, problems, definition
 * and file-change (one workspace edit, saved) requests, and lists the MCP servers. Agent mode is off
 * in an untrusted workspace.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AgentApplyFileChangeRequest,
  AgentApprovalRequest,
  type AgentApprovalParams,
  type AgentApprovalResult,
  AgentCancelNotification,
  AgentDiagnosticsRequest,
  AgentLocationsRequest,
  AgentMcpChangedNotification,
  AgentMcpStatusRequest,
  AgentProgressNotification,
  AgentRestoreCheckpointRequest,
  AgentRunCommandRequest,
  type AgentTurnEvent,
  AgentTurnRequest,
  type ChatTurnHistoryMessage,
  type McpServerStatus,
} from '../../protocol/lsp';
import { AGENT_OUTPUT_MAX, type AgentApprovalCard, type AgentApprovalRecord, type AgentRunView, type AgentViewState, type ExtensionToWebview, type WebviewToExtension } from '../../protocol/webview';
import type { ServerManager } from '../serverManager';
import { onNotification, onRequest, sendNotification, sendRequest } from '../typedClient';
import type { AgentRunStore } from './agentRunStore';
import type { AgentTerminal } from './agentTerminal';
import { locations, problems } from './editorServices';
import { applyFileChange } from './fileChanges';

type AgentMessage = Extract<WebviewToExtension, { type: `agent/${string}` }> | { type: 'ready' };

interface Running {
  readonly runId: string;
  readonly turnId: string;
  readonly cts: vscode.CancellationTokenSource;
  client: LanguageClient | undefined;
}

const UNTRUSTED = 'Agent mode is off in an untrusted workspace: it edits files and runs commands. Trust the workspace to use it.';
/** A running command's output reaches the panel at most this often (a chatty build would redraw it per line). */
const OUTPUT_REDRAW_MS = 150;

export class AgentController implements vscode.Disposable {
  private runs: readonly AgentRunView[];
  private readonly approvals = new Map<string, { card: AgentApprovalCard; resolve: (r: AgentApprovalResult) => void }>();
  private mcp: readonly McpServerStatus[] = [];
  private running: Running | undefined;
  private readonly conversationId: string;
  /** Output of running commands not yet drawn, by step id (the whole tail so far). */
  private readonly outputs = new Map<string, string>();
  private outputTimer: NodeJS.Timeout | undefined;
  private handlersFor: LanguageClient | undefined;
  private handlerSubs: { dispose(): void }[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly server: ServerManager,
    private readonly terminal: AgentTerminal,
    private readonly store: AgentRunStore,
    private readonly post: (message: ExtensionToWebview) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.runs = store.runs();
    this.conversationId = store.conversationId;
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.postState()),
      // A panel that asked for its state while the server was starting would otherwise never hear of
      // the MCP servers it connects: their change notification comes before anyone listens.
      server.onDidChange(() => {
        const client = server.client();
        if (client && client !== this.handlersFor) void this.syncWithServer(client);
      }),
    );
  }

  /** Listens to this client's agent notifications and shows its MCP servers as they are now. */
  private async syncWithServer(client: LanguageClient): Promise<void> {
    this.ensureHandlers(client);
    this.mcp = await sendRequest(client, AgentMcpStatusRequest, undefined).catch(() => this.mcp);
    this.postState();
  }

  handle(msg: AgentMessage): void {
    void this.dispatch(msg).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Agent: ${msg.type} failed: ${message}`);
      this.post({ type: 'error', message });
    });
  }

  state(): AgentViewState {
    const trusted = vscode.workspace.isTrusted;
    return { enabled: trusted, ...(trusted ? {} : { disabledReason: UNTRUSTED }), runs: this.runs, approvals: [...this.approvals.values()].map((a) => a.card), mcp: this.mcp };
  }

  private async dispatch(msg: AgentMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
      case 'agent/requestState': {
        this.postState();
        const client = this.server.client();
        if (client) await this.syncWithServer(client);
        return;
      }
      case 'agent/run':
        return this.run(msg.task);
      case 'agent/stop':
        return this.stop();
      case 'agent/approve': {
        const pending = this.approvals.get(msg.approvalId);
        if (!pending) return;
        this.approvals.delete(msg.approvalId);
        pending.resolve({ decision: msg.decision, ...(msg.feedback?.trim() ? { feedback: msg.feedback.trim() } : {}) });
        this.postState();
        return;
      }
      case 'agent/restoreCheckpoint':
        return this.restore(msg.runId);
    }
  }

  private async run(task: string): Promise<void> {
    const runId = randomUUID();
    if (!vscode.workspace.isTrusted) {
      this.setRuns([...this.runs, { id: runId, task, text: '', plan: [], steps: [], status: 'disabled', error: UNTRUSTED }], true);
      return this.postState();
    }
    if (this.running) throw new Error('The agent is already working on a task; Stop it first.');
    const history: ChatTurnHistoryMessage[] = this.runs.filter((r) => r.status !== 'disabled').flatMap((r) => [{ role: 'user' as const, content: r.task }, { role: 'assistant' as const, content: r.text || `(${r.status})` }]);
    const turnId = `agent-${runId}`;
    const running: Running = { runId, turnId, cts: new vscode.CancellationTokenSource(), client: undefined };
    this.running = running;
    this.setRuns([...this.runs, { id: runId, task, text: '', plan: [], steps: [], status: 'running' }], true);
    this.postState();
    try {
      const client = await this.server.readyClient();
      running.client = client;
      this.ensureHandlers(client);
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new Error('Open a folder first: the agent works inside a workspace folder.');
      const result = await sendRequest(
        client,
        AgentTurnRequest,
        { turnId, conversationId: this.conversationId, task, history, trusted: true, client: { terminal: true, diagnostics: true, locations: true, fileChanges: true } },
        running.cts.token,
      );
      this.update(runId, (r) => ({
        ...r,
        text: result.text,
        plan: result.plan.length ? result.plan : r.plan,
        status: result.status,
        ...(result.error ? { error: result.error } : {}),
        ...(result.checkpointId ? { checkpoint: { id: result.checkpointId, files: result.checkpointFiles, restored: false } } : {}),
        steps: r.steps.map((s) => (s.status === 'running' ? { ...s, status: 'error' } : s)),
      }), true);
    } catch (err) {
      const stopped = running.cts.token.isCancellationRequested;
      // The checkpoint announced while it ran stays: a server that died mid-task left it on disk.
      this.update(runId, (r) => ({ ...r, status: stopped ? 'stopped' : 'error', ...(stopped ? {} : { error: err instanceof Error ? err.message : String(err) }), steps: r.steps.map((s) => (s.status === 'running' ? { ...s, status: 'error' } : s)) }), true);
    } finally {
      running.cts.dispose();
      if (this.running === running) this.running = undefined;
      this.postState();
    }
  }

  private stop(): void {
    const r = this.running;
    if (!r) return;
    if (r.client) void sendNotification(r.client, AgentCancelNotification, { turnId: r.turnId }).catch(() => undefined);
    r.cts.cancel();
  }

  private async restore(runId: string): Promise<void> {
    const run = this.runs.find((r) => r.id === runId);
    if (!run?.checkpoint || run.checkpoint.restored) return;
    const client = await this.server.readyClient();
    let restored: readonly string[];
    try {
      ({ restored } = await sendRequest(client, AgentRestoreCheckpointRequest, { checkpointId: run.checkpoint.id }));
    } finally {
      this.postState(); // the panel disabled its button on the click: enabled again if it failed
    }
    this.update(runId, (r) => ({ ...r, checkpoint: { ...r.checkpoint!, restored: true } }), true);
    void vscode.window.showInformationMessage(`Banyan: restored ${restored.length} file${restored.length === 1 ? '' : 's'} to before the agent's changes.`);
  }

  private onProgress(turnId: string, ev: AgentTurnEvent): void {
    const run = this.running?.turnId === turnId ? this.running.runId : undefined;
    if (!run) return;
    this.update(run, (r) => {
      switch (ev.type) {
        case 'text':
          return { ...r, text: r.text + ev.text };
        case 'plan':
          return { ...r, plan: ev.plan };
        case 'step': {
          if (ev.step.status !== 'running') this.outputs.delete(ev.step.id); // its detail has the output's tail now
          const has = r.steps.some((s) => s.id === ev.step.id);
          return { ...r, steps: has ? r.steps.map((s) => (s.id === ev.step.id ? ev.step : s)) : [...r.steps, ev.step] };
        }
        case 'checkpoint':
          // Known before the turn ends, so a past run can be restored even if its server died.
          return { ...r, checkpoint: { id: ev.id, files: ev.files, restored: false } };
        case 'usage':
          return r;
      }
    });
  }

  /** The server's requests during a turn; registered once per language client (it survives restarts). */
  private ensureHandlers(client: LanguageClient): void {
    if (this.handlersFor === client) return;
    for (const s of this.handlerSubs) s.dispose();
    this.handlersFor = client;
    this.handlerSubs = [
      onNotification(client, AgentProgressNotification, (p) => this.onProgress(p.turnId, p.event)),
      onNotification(client, AgentMcpChangedNotification, (s) => {
        this.mcp = s;
        this.postState();
      }),
      onRequest(client, AgentApprovalRequest, (p, token) => this.askUser(p, token)),
      onRequest(client, AgentRunCommandRequest, (p, token) => this.terminal.run(p, token, (text) => this.onOutput(p.turnId, text))),
      onRequest(client, AgentDiagnosticsRequest, (p) => problems(p.paths)),
      onRequest(client, AgentLocationsRequest, (p) => locations(p)),
      onRequest(client, AgentApplyFileChangeRequest, async (p) => {
        const r = await applyFileChange(p);
        this.log.info(`Agent: ${p.text === null ? 'delete' : 'write'} ${p.path} as a workspace edit: ${r.applied ? 'applied and saved' : `not applied (${r.message ?? 'refused'})`}`);
        return r;
      }),
    ];
  }

  private askUser(p: AgentApprovalParams, token: vscode.CancellationToken): Promise<AgentApprovalResult> {
    return new Promise((resolve) => {
      const id = randomUUID();
      const card: AgentApprovalCard = { id, category: p.category, title: p.title, ...(p.detail ? { detail: p.detail } : {}) };
      const answered = (r: AgentApprovalResult, withdrawn = false) => {
        this.recordApproval(p.turnId, { category: card.category, title: card.title, decision: withdrawn ? 'withdrawn' : r.decision, ...(r.feedback ? { feedback: r.feedback } : {}) });
        resolve(r);
      };
      this.approvals.set(id, { card, resolve: answered });
      // A stopped turn withdraws its question; it counts as denied.
      token.onCancellationRequested(() => {
        if (!this.approvals.delete(id)) return;
        answered({ decision: 'deny' }, true);
        this.postState();
      });
      this.postState();
      void vscode.commands.executeCommand('banyan.chatView.focus').then(undefined, () => undefined);
    });
  }

  private recordApproval(turnId: string, record: AgentApprovalRecord): void {
    const runId = this.running?.turnId === turnId ? this.running.runId : undefined;
    if (runId) this.update(runId, (r) => ({ ...r, approvals: [...(r.approvals ?? []), record] }), true);
  }

  /** A chunk of a running command's output: kept (bounded) for the run's running command step, drawn soon. */
  private onOutput(turnId: string, text: string): void {
    const runId = this.running?.turnId === turnId ? this.running.runId : undefined;
    const step = [...(this.runs.find((r) => r.id === runId)?.steps ?? [])].reverse().find((s) => s.tool === 'run_command' && s.status === 'running');
    if (!runId || !step) return;
    this.outputs.set(step.id, ((this.outputs.get(step.id) ?? '') + text).slice(-AGENT_OUTPUT_MAX));
    this.outputTimer ??= setTimeout(() => {
      this.outputTimer = undefined;
      this.update(runId, (r) => ({ ...r, steps: r.steps.map((s) => (this.outputs.has(s.id) && s.status === 'running' ? { ...s, output: this.outputs.get(s.id)! } : s)) }));
    }, OUTPUT_REDRAW_MS);
  }

  /** `immediate`: written at once (a run starts or ends, an answer to a card); else with the next coalesced write. */
  private update(runId: string, f: (r: AgentRunView) => AgentRunView, immediate = false): void {
    this.setRuns(this.runs.map((r) => (r.id === runId ? f(r) : r)), immediate);
    this.postState();
  }

  private setRuns(runs: readonly AgentRunView[], immediate: boolean): void {
    this.runs = this.store.set(runs, immediate);
  }

  private postState(): void {
    this.post({ type: 'agent/state', state: this.state() });
  }

  dispose(): void {
    this.stop();
    for (const a of this.approvals.values()) a.resolve({ decision: 'deny' });
    this.approvals.clear();
    clearTimeout(this.outputTimer);
    this.store.flush();
    for (const s of this.handlerSubs) s.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
