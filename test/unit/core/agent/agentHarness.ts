/** A scripted ModelClient and a temporary workspace for agent loop tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ApprovalPolicy } from '../../../../src/core/agent/approval/approvalPolicy';
import type { ApprovalRequest, ApprovalSettings } from '../../../../src/core/agent/approval/approvalTypes';
import { Checkpoint } from '../../../../src/core/agent/checkpoint';
import type { AgentDeps } from '../../../../src/core/agent/runAgentTurn';
import { SideEffectLedger } from '../../../../src/core/agent/sideEffectLedger';
import { ChildProcessTerminal } from '../../../../src/core/agent/terminal/childProcessTerminal';
import { BUILT_IN_TOOLS } from '../../../../src/core/agent/tools';
import type { AgentEvent, AgentOutcome, ApprovalDecision } from '../../../../src/core/agent/types';
import type { ChatRequest, ModelClient, StreamEvent, ToolCall } from '../../../../src/core/llm';

export type Reply = { text?: string; toolCalls?: ToolCall[] };

export function scriptedModel(script: (req: ChatRequest, n: number) => Reply, onChat?: (signal?: AbortSignal) => Promise<void>): ModelClient & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    requests,
    async *chat(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
      requests.push(structuredClone(req));
      await onChat?.(signal);
      const r = script(req, requests.length);
      for (const word of (r.text ?? '').split(/(?<= )/)) if (word) yield { type: 'text', text: word };
      for (const call of r.toolCalls ?? []) yield { type: 'toolCall', call };
      yield {
        type: 'done',
        finishReason: r.toolCalls?.length ? 'tool_calls' : 'stop',
        usage: { promptTokens: 100, completionTokens: 10, cachedTokens: 0, reported: true },
        timing: { queuedMs: 0, headersMs: 1, firstTokenMs: 1, totalMs: 2, attempts: 1 },
        endpoint: 'test',
        model: 'scripted',
      };
    },
    async *complete(): AsyncGenerator<StreamEvent> {
      throw new Error('not used');
    },
    embed: async () => {
      throw new Error('not used');
    },
    tokenCounter: () => ({ name: 'test', exact: false, count: (t: string) => Math.ceil(t.length / 4) }),
    contextWindow: () => 16_000,
    maxTokens: () => 1_000,
  };
}

export const call = (id: string, name: string, args: Record<string, unknown>): ToolCall => ({ id, name, arguments: args, rawArguments: JSON.stringify(args) });

export function tempWorkspace(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'banyan-agent-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
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
