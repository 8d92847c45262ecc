/**
 * LSP glue for agent mode: banyan/agent/turn runs the core loop and streams its events as
 * banyan/agent/progress; approvals, terminal commands, problems, the editor's definition and
 * reference providers and file changes (one workspace edit each, when the client applies them) are
 * server → client requests (the client's answer is the user's decision; a Stop cancels them, which
 * kills a running terminal command). Without a client terminal, commands
 * run as child processes of the server. Keeps per conversation the side-effect ledger (on disk), per server
 * session the approval grants ("Approve for this session"), and the checkpoints of recent turns
 * (on disk in the workspace storage, so Restore works after a restart).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver/node';
import { ApprovalPolicy } from '../core/agent/approval/approvalPolicy';
import { CheckpointStore } from '../core/agent/checkpointStore';
import { McpManager } from '../core/agent/mcp/mcpManager';
import { parseMcpServers } from '../core/agent/mcp/mcpTypes';
import { runAgentTurn } from '../core/agent/runAgentTurn';
import { LedgerStore } from '../core/agent/ledgerStore';
import type { SideEffectLedger } from '../core/agent/sideEffectLedger';
import { ChildProcessTerminal } from '../core/agent/terminal/childProcessTerminal';
import { BUILT_IN_TOOLS } from '../core/agent/tools';
import type { ApprovalDecision, EditorServices, Terminal } from '../core/agent/types';
import { approvalSettings } from '../core/config/agentSettings';
import { ModelError } from '../core/llm/errors';
import type { AgentFileWriter } from '../core/agent/fileWriter';
import {
  AgentApplyFileChangeRequest,
  AgentApprovalRequest,
  AgentCancelNotification,
  AgentDiagnosticsRequest,
  AgentLocationsRequest,
  AgentMcpChangedNotification,
  AgentMcpStatusRequest,
  AgentProgressNotification,
  AgentRestoreCheckpointRequest,
  AgentRunCommandRequest,
  type AgentTurnParams,
  AgentTurnRequest,
  type AgentTurnResult,
} from '../protocol/lsp';
import type { RequestDef } from '../protocol/typed';
import { serverInsights } from './insightsFeature';
import { onNotification, onRequest, sendNotification, sendRequest } from './lspTyped';
import { serverModels } from './modelsFeature';
import { RunningTurns } from './runningTurns';
import type { ServerContext, ServerFeature } from './serverContext';

export const agentFeature: ServerFeature = {
  name: 'agent',
  register(ctx) {
    const running = new RunningTurns();
    const storage = ctx.initOptions.storageDir;
    const checkpoints = new CheckpointStore(storage ? path.join(storage, 'agent', 'checkpoints') : undefined, (m) => ctx.logger.warn(m));
    const ledgers = new LedgerStore(storage ? path.join(storage, 'agent', 'ledgers') : undefined, (m) => ctx.logger.warn(m));
    const policy = new ApprovalPolicy(() => approvalSettings(ctx.settings()));
    const mcp = new McpManager(
      (m) => ctx.logger.info(m),
      () => void sendNotification(ctx.connection, AgentMcpChangedNotification, mcp.status()),
    );
    // MCP servers are processes (or endpoints) started with the workspace folder: none while it is untrusted.
    let trusted = ctx.trusted();
    const syncMcp = () => {
      const { servers, problems } = parseMcpServers(ctx.settings()['agent.mcp.servers']);
      for (const p of problems) ctx.logger.warn(`banyan.agent.mcp.servers: ${p}`);
      const names = Object.keys(servers);
      ctx.logger.debug(`MCP servers configured: ${names.join(', ') || 'none'}; workspace ${trusted ? 'trusted' : 'untrusted'}`);
      if (!trusted && names.length) ctx.logger.info(`MCP servers not started in an untrusted workspace: ${names.join(', ')}`);
      void mcp.sync(trusted ? servers : {}, ctx.workspaceFolders()[0]).catch((err) => ctx.logger.error('Starting MCP servers failed', err));
    };
    syncMcp();

    const subscriptions = [
      ctx.onSettingsChanged((now, before) => {
        const trustChanged = ctx.trusted() !== trusted;
        trusted = ctx.trusted();
        if (trustChanged || JSON.stringify(now['agent.mcp.servers']) !== JSON.stringify(before['agent.mcp.servers'])) syncMcp();
      }),
      onRequest(ctx.connection, AgentTurnRequest, (p, token) => {
        // Not awaited: this task goes on with the tools it has; the next one gets what came back.
        void mcp.retryFailed().catch((err) => ctx.logger.error('Starting MCP servers again failed', err));
        return runTurn(ctx, p, token, { running, ledger: ledgers.get(p.conversationId), checkpoints, policy, mcp });
      }),
      onNotification(ctx.connection, AgentCancelNotification, (p) => running.cancel(p.turnId)),
      onRequest(ctx.connection, AgentRestoreCheckpointRequest, async (p) => {
        const cp = await checkpoints.get(p.checkpointId);
        if (!cp) throw new Error('This checkpoint is no longer kept (the newest 50 agent tasks keep theirs, up to 200 MB).');
        const restored = await cp.restore();
        ctx.codeIndex.current()?.applyFileEvents({ changed: restored });
        return { restored };
      }),
      onRequest(ctx.connection, AgentMcpStatusRequest, () => mcp.status()),
    ];
    return {
      dispose: async () => {
        running.abortAll();
        for (const s of subscriptions) s.dispose();
        ledgers.flush();
        await mcp.dispose();
      },
    };
  },
};

interface TurnState {
  readonly running: RunningTurns;
  readonly ledger: SideEffectLedger;
  readonly checkpoints: CheckpointStore;
  readonly policy: ApprovalPolicy;
  readonly mcp: McpManager;
}

async function runTurn(ctx: ServerContext, p: AgentTurnParams, token: CancellationToken, st: TurnState): Promise<AgentTurnResult> {
  const empty = { text: '', steps: 0, plan: [], checkpointFiles: [] };
  if (!p.trusted) {
    return { ...empty, status: 'disabled', error: 'Agent mode is off in an untrusted workspace: it edits files and runs commands. Trust the workspace (Workspaces: Manage Workspace Trust) to use it.' };
  }
  const abort = st.running.start(p.turnId, token);
  const checkpoint = st.checkpoints.create(`${p.conversationId}:${p.turnId}`);
  const ask = <P, R>(def: RequestDef<P, R, 'serverToClient'>, params: P, signal: AbortSignal) => clientRequest(ctx, def, params, signal);
  const settings = ctx.settings();
  const roots = ctx.workspaceFolders();
  const terminal: Terminal = p.client.terminal
    ? { run: async (run, signal) => {
        const r = await ask(AgentRunCommandRequest, { turnId: p.turnId, ...run }, signal);
        return { ...r, exitCode: r.exitCode };
      } }
    : new ChildProcessTerminal();
  const editor: EditorServices = {
    ...(p.client.diagnostics ? { diagnostics: (files: readonly string[] | undefined, signal: AbortSignal) => ask(AgentDiagnosticsRequest, files ? { paths: files } : {}, signal) } : {}),
    ...(p.client.locations
      ? {
          definitions: (path: string, line: number, character: number, signal: AbortSignal) => ask(AgentLocationsRequest, { kind: 'definition', path, line, character }, signal),
          references: (path: string, line: number, character: number, signal: AbortSignal) => ask(AgentLocationsRequest, { kind: 'references', path, line, character }, signal),
        }
      : {}),
  };
  // In the editor, file changes are the client's workspace edits (a diff, one undo step); never a
  // disk write behind its back when it says no. Without the capability the core writes atomically.
  const fileWriter: AgentFileWriter | undefined = p.client.fileChanges
    ? { apply: async (path, after, signal) => {
        const r = await ask(AgentApplyFileChangeRequest, { turnId: p.turnId, path, text: after ?? null }, signal);
        if (r?.applied !== true) throw new Error(r?.message || 'the editor did not apply it');
      } }
    : undefined;
  let text = '';
  let steps = 0;
  let plan: AgentTurnResult['plan'] = [];
  const files = () => ({ ...(checkpoint.empty ? {} : { checkpointId: checkpoint.id }), checkpointFiles: checkpoint.files() });
  try {
    const models = await serverModels.ready();
    const turn = runAgentTurn(
      { turnId: p.turnId, task: p.task, history: p.history },
      {
        models,
        tools: [...BUILT_IN_TOOLS, ...st.mcp.tools()],
        roots,
        index: ctx.codeIndex.current(),
        terminal,
        editor,
        policy: st.policy,
        askUser: async (req, signal): Promise<ApprovalDecision> => {
          const r = await ask(AgentApprovalRequest, { turnId: p.turnId, ...req }, signal);
          serverInsights.record('agent.approval', { decision: r?.decision === 'approve' || r?.decision === 'approveSession' ? r.decision : 'deny' });
          // Anything but an explicit approval from the client is a denial.
          if (r?.decision === 'approve') return { kind: 'approve' };
          if (r?.decision === 'approveSession') return { kind: 'approveSession' };
          return { kind: 'deny', ...(typeof r?.feedback === 'string' && r.feedback.trim() ? { feedback: r.feedback.trim() } : {}) };
        },
        ledger: st.ledger,
        checkpoint,
        maxSteps: settings['agent.maxSteps'],
        commandTimeoutMs: settings['agent.commandTimeoutSeconds'] * 1000,
        toolFormat: settings['agent.toolCalling'],
        editorText: (file) => openDocumentText(ctx, file),
        ...(fileWriter ? { files: fileWriter } : {}),
      },
      abort.signal,
    );
    for (;;) {
      const r = await turn.next();
      if (r.done) {
        return { status: r.value.reason, text: r.value.text, steps: r.value.steps, plan: r.value.plan, ...files() };
      }
      const ev = r.value;
      if (ev.type === 'text') text += ev.text;
      else if (ev.type === 'plan') plan = ev.plan;
      else if (ev.type === 'step' && ev.step.status !== 'running') {
        steps++;
        serverInsights.record('agent.toolCall', { tool: ev.step.tool, status: ev.step.status });
      }
      else if (ev.type === 'checkpoint') ctx.codeIndex.current()?.applyFileEvents({ changed: ev.files });
      void sendNotification(ctx.connection, AgentProgressNotification, { turnId: p.turnId, event: ev });
    }
  } catch (err) {
    if (abort.signal.aborted) return { status: 'stopped', text, steps, plan, ...files() };
    const message = err instanceof ModelError ? err.describe() : err instanceof Error ? err.message : String(err);
    ctx.logger.error(`Agent turn ${p.turnId} failed`, err);
    return { status: 'error', text, steps, plan, error: message, ...files() };
  } finally {
    st.running.finish(p.turnId, abort);
  }
}

/** The synced text of `file` when the client has it open. */
function openDocumentText(ctx: ServerContext, file: string): string | undefined {
  for (const doc of ctx.documents.all()) {
    if (!doc.uri.startsWith('file:')) continue;
    try {
      if (fileURLToPath(doc.uri) === file) return doc.getText();
    } catch {
      // not a local file URI
    }
  }
  return undefined;
}

/** A server → client request that Stop cancels (LSP $/cancelRequest: the client kills the command). */
async function clientRequest<P, R>(ctx: ServerContext, def: RequestDef<P, R, 'serverToClient'>, params: P, signal: AbortSignal): Promise<R> {
  const source = new CancellationTokenSource();
  const onAbort = () => source.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await sendRequest(ctx.connection, def, params, source.token);
    if (signal.aborted) throw new ModelError('aborted', 'Stopped.');
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
    source.dispose();
  }
}
