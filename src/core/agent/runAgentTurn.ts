/**
 * One agent turn: the task → the model plans (update_plan) and calls tools in a loop, each result fed
 * back, until it answers without a tool call (done), the step limit is reached, or Stop aborts the
 * signal (the HTTP stream is closed and a running command killed through the same signal).
 *
 * Every tool call goes through `approve`, which asks only the ApprovalPolicy and, when the policy
 * says "ask", the user. Nothing in the model's output reaches that decision except the request the
 * tool builds (the command, the diff), which the policy judges.
 *
 * Tool calls are native where the model supports them; in `prompt` format (or when a model writes
 * <tool_call> blocks anyway) they are parsed from the text. A call that cannot be read, names no
 * tool, or fails is reported back to the model; the loop goes on.
 */
import { compactHistory, type HistoryTurn } from '../chat/compactHistory';
import { assembleChat, type ChatMessage, inputBudget, ModelError, type ModelClient, type Reasoning, type ToolCall, type ToolDefinition } from '../llm';
import { AGENT_SYSTEM_PROMPT } from './agentPrompt';
import type { ApprovalPolicy } from './approval/approvalPolicy';
import type { ApprovalRequest } from './approval/approvalTypes';
import type { Checkpoint } from './checkpoint';
import { parsePromptToolCalls, promptToolInstructions } from './promptToolFormat';
import type { SideEffectLedger } from './sideEffectLedger';
import { formatDiagnostics } from './tools/getDiagnostics';
import { parsePlan, renderPlan } from './tools/updatePlan';
import type { AgentFileWriter } from './fileWriter';
import type { AgentEvent, AgentIndex, AgentOutcome, AgentStep, AgentTool, AskUser, EditorServices, PlanItem, Terminal, ToolContext, ToolOutcome } from './types';

export type ToolFormat = 'native' | 'prompt';

export interface AgentDeps {
  readonly models: ModelClient;
  readonly tools: readonly AgentTool[];
  readonly roots: readonly string[];
  readonly index: AgentIndex | undefined;
  readonly terminal: Terminal;
  readonly editor: EditorServices;
  readonly policy: ApprovalPolicy;
  readonly askUser: AskUser;
  /** Per conversation: survives turns and history compaction. */
  readonly ledger: SideEffectLedger;
  /** Per turn: created by the caller so it can restore it later. */
  readonly checkpoint: Checkpoint;
  readonly maxSteps: number;
  readonly commandTimeoutMs: number;
  readonly toolFormat: ToolFormat;
  /** Text of files open in the editor, so edits never overwrite unsaved changes. */
  readonly editorText?: (file: string) => string | undefined;
  /** Where file changes go (the editor's workspace edit); an atomic disk write when absent. */
  readonly files?: AgentFileWriter;
}

export interface AgentTurnInput {
  readonly turnId: string;
  readonly task: string;
  readonly history: readonly HistoryTurn[];
}

/** Tool results kept verbatim at the end of a long turn; older ones are shortened to fit the window. */
const KEEP_TOOL_RESULTS = 6;

export async function* runAgentTurn(input: AgentTurnInput, deps: AgentDeps, signal: AbortSignal): AsyncGenerator<AgentEvent, AgentOutcome> {
  const { models } = deps;
  const counter = models.tokenCounter('agent');
  const budget = inputBudget(models.contextWindow('agent'), models.maxTokens('agent'));
  const definitions: ToolDefinition[] = deps.tools.map((t) => t.definition);
  const byName = new Map(deps.tools.map((t) => [t.definition.name, t]));
  const system = deps.toolFormat === 'prompt' ? `${AGENT_SYSTEM_PROMPT}\n\n${promptToolInstructions(definitions)}` : AGENT_SYSTEM_PROMPT;
  const history = compactHistory(input.history, Math.floor(budget * 0.3), counter).messages;

  const turn: ChatMessage[] = [];
  let plan: PlanItem[] = [];
  let text = '';
  let steps = 0;
  let stepNo = 0;
  /** Files already announced in a checkpoint event (the checkpoint only grows). */
  let checkpointed = 0;

  // The ledger and the plan ride in the turn's first user message, rebuilt for every request, so
  // they stay in context whatever older history or tool output was shortened.
  const request = (): ChatMessage[] => {
    const context = [deps.ledger.render(), plan.length ? `Current plan:\n${renderPlan(plan)}` : ''].filter(Boolean).join('\n\n');
    const head = assembleChat({ system, history, ...(context ? { turnContext: context } : {}), user: input.task });
    return [...head, ...fitTurn(turn, budget - head.reduce((n, m) => n + counter.count(m.content) + 4, 0), (s) => counter.count(s))];
  };

  try {
    for (;;) {
      if (steps >= deps.maxSteps) {
        const note = `\n\nStopped after ${deps.maxSteps} steps (the step limit, banyan.agent.maxSteps). Say "continue" to go on.`;
        text += note;
        yield { type: 'text', text: note };
        return { text, reason: 'stepLimit', steps, plan };
      }
      const round = yield* modelRound(models, request(), deps.toolFormat === 'native' ? definitions : undefined, `${input.turnId}-${stepNo}`, signal);
      text += round.prose;
      if (!round.calls.length) return { text, reason: 'done', steps, plan };
      if (round.prose && !round.prose.endsWith('\n')) {
        text += '\n\n';
        yield { type: 'text', text: '\n\n' };
      }
      turn.push({ role: 'assistant', content: round.raw, ...(round.viaText ? {} : { toolCalls: round.calls, ...(round.reasoning ? { reasoning: round.reasoning } : {}) }) });
      const results: string[] = [];
      for (const call of round.calls) {
        if (steps >= deps.maxSteps) break;
        steps++;
        const step: AgentStep = { id: `${input.turnId}.${++stepNo}`, tool: call.name, title: call.name, status: 'running' };
        yield { type: 'step', step };
        const { outcome, denied } = await runTool(call, byName, deps, signal);
        if (call.name === 'update_plan' && !outcome.failed) {
          plan = parsePlan(call.arguments['plan']) ?? plan;
          yield { type: 'plan', plan };
        }
        const files = deps.checkpoint.files();
        if (files.length > checkpointed) {
          checkpointed = files.length;
          yield { type: 'checkpoint', id: deps.checkpoint.id, files };
        }
        const status = denied ? 'denied' : outcome.failed ? 'error' : 'done';
        yield { type: 'step', step: { ...step, title: outcome.title, status, ...(outcome.detail ? { detail: outcome.detail } : {}) } };
        if (round.viaText) results.push(`Result of ${call.name} (${call.id}):\n${outcome.content}`);
        else turn.push({ role: 'tool', toolCallId: call.id, content: outcome.content });
      }
      // Native calls that the step limit cut off still need an answer, or the API rejects the turn.
      if (!round.viaText) {
        for (const call of round.calls) if (!turn.some((m) => m.role === 'tool' && m.toolCallId === call.id)) turn.push({ role: 'tool', toolCallId: call.id, content: 'Not run: the step limit was reached.' });
      }
      if (round.viaText) turn.push({ role: 'user', content: results.join('\n\n') });
      if (signal.aborted) throw new ModelError('aborted', 'Stopped.');
    }
  } catch (err) {
    if (signal.aborted) return { text, reason: 'stopped', steps, plan };
    throw err;
  }
}

/** One tool call: the tool runs with a context whose `approve` asks the policy, then the user. */
async function runTool(call: ToolCall, tools: Map<string, AgentTool>, d: AgentDeps, sig: AbortSignal): Promise<{ outcome: ToolOutcome; denied: boolean }> {
  let denied = false;
  if (call.argumentsError) {
    return { outcome: { title: `${call.name}: invalid call`, content: `Your call of ${call.name} could not be read: ${call.argumentsError}. Call it again with a JSON object of arguments.`, failed: true, detail: call.rawArguments }, denied };
  }
  const tool = tools.get(call.name);
  if (!tool) return { outcome: { title: `Unknown tool ${call.name}`, content: `There is no tool "${call.name}". Available: ${[...tools.keys()].join(', ')}.`, failed: true }, denied };
  const ctx: ToolContext = {
    roots: d.roots,
    index: d.index,
    terminal: d.terminal,
    editor: d.editor,
    checkpoint: d.checkpoint,
    ledger: d.ledger,
    commandTimeoutMs: d.commandTimeoutMs,
    signal: sig,
    approve: async (req: ApprovalRequest) => {
      const verdict = d.policy.evaluate(req);
      if (verdict.kind === 'allow') return undefined;
      if (verdict.kind === 'refuse') {
        denied = true;
        return `Refused: ${verdict.reason}. It was not run. Do not try to achieve it another way; tell the user if it is needed.`;
      }
      const decision = await d.askUser(req, sig);
      d.policy.remember(req, decision);
      if (decision.kind !== 'deny') return undefined;
      denied = true;
      return `The user denied this, so it was not done${decision.feedback ? `. Their feedback: ${decision.feedback}` : '.'} Do not retry it; adapt your plan.`;
    },
    ...(d.editorText ? { editorText: d.editorText } : {}),
    ...(d.files ? { files: d.files } : {}),
  };
  let outcome: ToolOutcome;
  try {
    outcome = await tool.run(call.arguments, ctx);
  } catch (err) {
    if (sig.aborted) throw err;
    outcome = { title: `${call.name} failed`, content: `The tool failed: ${err instanceof Error ? err.message : String(err)}`, failed: true };
  }
  // Problems after edits go straight back, so the model can fix what it broke.
  if (outcome.changedFiles?.length && d.editor.diagnostics) {
    const problems = await d.editor.diagnostics(outcome.changedFiles, sig).catch(() => []);
    const shown = problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
    if (shown.length) outcome = { ...outcome, content: `${outcome.content}\nProblems now reported in the changed files:\n${formatDiagnostics(d.roots, shown)}` };
  }
  return { outcome, denied };
}

interface Round {
  readonly prose: string;
  /** The assistant's text as sent (with <tool_call> blocks), for the next request. */
  readonly raw: string;
  readonly calls: ToolCall[];
  /** True when the calls came as text blocks (answered with a user message, not tool messages). */
  readonly viaText: boolean;
  /** The model's reasoning before native tool calls: some APIs need it back with the turn (DeepSeek, Anthropic). */
  readonly reasoning?: Reasoning;
}

/** One streamed model call: text (held back from where a <tool_call> block starts) and tool calls. */
async function* modelRound(models: ModelClient, messages: ChatMessage[], tools: readonly ToolDefinition[] | undefined, idPrefix: string, signal: AbortSignal): AsyncGenerator<AgentEvent, Round> {
  let raw = '';
  let shown = 0;
  let reasoning: Reasoning | undefined;
  const native: ToolCall[] = [];
  for await (const ev of models.chat({ role: 'agent', messages, ...(tools ? { tools } : {}) }, signal)) {
    if (ev.type === 'text') {
      raw += ev.text;
      const safe = safePrefix(raw);
      if (safe > shown) {
        yield { type: 'text', text: raw.slice(shown, safe) };
        shown = safe;
      }
    } else if (ev.type === 'toolCall') native.push(ev.call);
    else if (ev.type === 'done') {
      reasoning = ev.reasoning;
      yield { type: 'usage', promptTokens: ev.usage.promptTokens, completionTokens: ev.usage.completionTokens };
    }
  }
  if (native.length) {
    if (raw.length > shown) yield { type: 'text', text: raw.slice(shown) };
    return { prose: raw, raw, calls: native, viaText: false, ...(reasoning ? { reasoning } : {}) };
  }
  const parsed = parsePromptToolCalls(raw, idPrefix);
  const prose = parsed.calls.length ? raw.slice(0, shown) : raw;
  if (!parsed.calls.length && raw.length > shown) yield { type: 'text', text: raw.slice(shown) };
  return { prose, raw, calls: parsed.calls, viaText: parsed.calls.length > 0 };
}

const TAG = '<tool_call>';

/** How much of the text can be shown: up to a <tool_call> block, or a partial tag at the end. */
function safePrefix(text: string): number {
  const at = text.indexOf(TAG);
  if (at >= 0) return at;
  for (let k = Math.min(TAG.length - 1, text.length); k > 0; k--) if (TAG.startsWith(text.slice(-k))) return text.length - k;
  return text.length;
}

/** The turn's messages, with older tool results shortened while they do not fit. */
function fitTurn(turn: readonly ChatMessage[], budget: number, count: (s: string) => number): ChatMessage[] {
  const out = [...turn];
  const size = () => out.reduce((n, m) => n + count(m.content) + 4, 0);
  const toolIdx = out.map((m, i) => (m.role === 'tool' || (m.role === 'user' && m.content.startsWith('Result of ')) ? i : -1)).filter((i) => i >= 0);
  for (const i of toolIdx.slice(0, Math.max(0, toolIdx.length - KEEP_TOOL_RESULTS))) {
    if (size() <= budget) break;
    const m = out[i]!;
    out[i] = m.role === 'tool' ? { ...m, content: '(older tool output removed to fit the context window)' } : { role: 'user', content: '(older tool output removed to fit the context window)' };
  }
  return out;
}
