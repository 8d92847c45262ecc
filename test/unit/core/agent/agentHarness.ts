/** A scripted ModelClient and a temporary workspace for agent loop tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ApprovalPolicy } from '@src/core/agent/approval/approvalPolicy';
import type { ApprovalRequest, ApprovalSettings } from '@src/core/agent/approval/approvalTypes';
import { Checkpoint } from '@src/core/agent/checkpoint';
import type { AgentDeps } from '@src/core/agent/runAgentTurn';
import { SideEffectLedger } from '@src/core/agent/sideEffectLedger';
import { ChildProcessTerminal } from '@src/core/agent/terminal/childProcessTerminal';
import { BUILT_IN_TOOLS } from '@src/core/agent/tools';
import type { AgentEvent, AgentOutcome, ApprovalDecision, ToolContext } from '@src/core/agent/types';
import type { ChatRequest, ModelClient } from '@src/core/llm';

import { type ScriptedReply, scriptedModel as chatScriptedModel } from '../chat/scriptedModel';

export { toolCall as call } from '../chat/scriptedModel';

/** The chat tests' scripted model with a smaller window, so a long history is compacted. */
export function scriptedModel(script: (req: ChatRequest, n: number) => ScriptedReply): ReturnType<typeof chatScriptedModel> {
  return { ...chatScriptedModel(script), contextWindow: () => 16_000, maxTokens: () => 1_000 };
}

export function tempWorkspace(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'banyan-agent-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A context for calling one tool directly: the workspace `root`, everything approved; `over` sets the rest. */
export function toolContext(root: string, over: Partial<ToolContext> = {}): ToolContext {
  return {
    roots: [root], index: undefined, terminal: new ChildProcessTerminal(), editor: {}, checkpoint: new Checkpoint('x'), ledger: new SideEffectLedger(),
    commandTimeoutMs: 30_000, signal: new AbortController().signal, approve: async () => undefined, ...over,
  };
}

export const SETTINGS: ApprovalSettings = { edits: 'ask', commands: 'ask', allowCommands: [], denyCommands: [], mcpAutoApprove: [] };

export function deps(model: ModelClient, root: string, opts: { settings?: Partial<ApprovalSettings>; answer?: (r: ApprovalRequest) => ApprovalDecision; maxSteps?: number; ledger?: SideEffectLedger; timeoutMs?: number } = {}): AgentDeps & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  return {
    asked,
    models: model,
    tools: BUILT_IN_TOOLS,
    roots: [root],
    index: undefined,
    terminal: new ChildProcessTerminal(),
    editor: {},
    policy: new ApprovalPolicy(() => ({ ...SETTINGS, ...opts.settings })),
    askUser: async (r) => {
      asked.push(r);
      return opts.answer ? opts.answer(r) : { kind: 'approve' };
    },
    ledger: opts.ledger ?? new SideEffectLedger(),
    checkpoint: new Checkpoint('c1'),
    maxSteps: opts.maxSteps ?? 20,
    commandTimeoutMs: opts.timeoutMs ?? 30_000,
    toolFormat: 'native',
  };
}

export async function drain(gen: AsyncGenerator<AgentEvent, AgentOutcome>): Promise<{ events: AgentEvent[]; outcome: AgentOutcome }> {
  const events: AgentEvent[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { events, outcome: r.value };
    events.push(r.value);
  }
}

/** The tool message that answered a call id in the last request. */
export function toolResult(req: ChatRequest | undefined, id: string): string {
  const m = req?.messages.find((x) => x.role === 'tool' && x.toolCallId === id);
  return m?.content ?? '';
}
