/**
 * One chat turn: question → search terms (the model helps when the question gives too little, e.g.
 * Chinese text) → retrieval and the user's context → a prompt with a stable prefix and a compacted
 * history → the model answers, calling read-only tools for at most `maxToolRounds` rounds first
 * (each call reported as a step) → the answer with the references it could cite.
 * Errors from the model layer propagate (a ModelError carries the partial text); abort by signal.
 */
import type { CodeIndex } from '../index/codeIndex';
import { assembleChat, type ChatMessage, inputBudget, type ModelClient, type Reasoning, type ToolCall } from '../llm';
import { CHAT_SYSTEM_PROMPT, repoOverview, turnContext } from './chatPrompt';
import { CHAT_TOOLS, runChatTool, type ToolIndex } from './chatTools';
import type { ChatReference, ChatStep, ChatTurnEvent, ChatTurnInput, ChatTurnOutcome, ChatUsage } from './chatTypes';
import { compactHistory } from './compactHistory';
import type { EmbeddingCache } from './embeddingCache';
import { modelQueryTerms } from './modelQueryTerms';
import { needsModelTerms, queryTerms } from './queryTerms';
import { resolveContext } from './resolveContext';
import { type RetrievalIndex, overlaps, retrieveContext } from './retrieveContext';
import type { Snippet } from './snippet';

export type ChatIndex = RetrievalIndex & ToolIndex & Pick<CodeIndex, 'repoInfo'>;

export interface ChatEngineDeps {
  readonly models: ModelClient;
  /** Undefined while indexing is disabled: the model answers from the conversation alone. */
  readonly index: ChatIndex | undefined;
  readonly roots: readonly string[];
  readonly embed?: (texts: readonly string[]) => Promise<readonly (readonly number[])[]>;
  readonly embeddingCache?: EmbeddingCache;
  readonly onEmbeddingError?: (err: unknown) => void;
  readonly gitContext?: (roots: readonly string[]) => Promise<string>;
  readonly maxToolRounds?: number;
}

export const MAX_TOOL_ROUNDS = 3;
/** Share of the input budget retrieval may fill (more with @codebase). */
const RETRIEVAL_SHARE = 0.25;
const WIDE_RETRIEVAL_SHARE = 0.45;

export async function* runChatTurn(input: ChatTurnInput, deps: ChatEngineDeps, signal?: AbortSignal): AsyncGenerator<ChatTurnEvent, ChatTurnOutcome> {
  const role = input.role ?? 'chat';
  const { models, index, roots } = deps;
  const counter = models.tokenCounter(role);
  const budget = inputBudget(models.contextWindow(role), models.maxTokens(role));
  let stepNo = 0;
  const step = (s: Omit<ChatStep, 'id'> & { id?: string }): ChatStep => ({ ...s, id: s.id ?? `s${++stepNo}` });

  // 1. What the user attached.
  const ctx = await resolveContext(index, roots, input.mentions, input.attachments, deps.gitContext);
  for (const n of ctx.notes) yield { type: 'step', step: step({ title: n, status: 'error' }) };

  // 2. Retrieval.
  let snippets: Snippet[] = [...ctx.snippets];
  if (index) {
    let terms = queryTerms(input.question);
    if (needsModelTerms(terms)) {
      const s = step({ title: 'Turning the question into search terms', status: 'running' });
      yield { type: 'step', step: s };
      terms = await modelQueryTerms(models, role, input.question, terms, signal);
      yield { type: 'step', step: { ...s, title: `Search terms: ${[...terms.identifiers, ...terms.keywords].slice(0, 8).join(', ') || '(none)'}`, status: 'done' } };
    }
    const share = ctx.wideRetrieval ? WIDE_RETRIEVAL_SHARE : RETRIEVAL_SHARE;
    const found = await retrieveContext(index, terms, {
      budgetTokens: Math.max(500, Math.floor(budget * share) - snippets.reduce((n, s) => n + counter.count(s.text), 0)),
      counter,
      limit: ctx.wideRetrieval ? 14 : 8,
      question: input.question,
      ...(deps.embed ? { embed: deps.embed } : {}),
      ...(deps.embeddingCache ? { embeddingCache: deps.embeddingCache } : {}),
      ...(deps.onEmbeddingError ? { onEmbeddingError: deps.onEmbeddingError } : {}),
    });
    const fresh = found.filter((f) => !snippets.some((s) => overlaps(s, f)));
    snippets = [...snippets, ...fresh];
    const shown = terms.identifiers.length ? terms.identifiers.slice(0, 3) : terms.keywords.slice(0, 3);
    yield {
      type: 'step',
      step: step({
        title: `Searched ${shown.map((t) => `\`${t}\``).join(', ') || 'the index'}`,
        status: 'done',
        resultCount: fresh.length,
        detail: fresh.map((s) => `${s.rel}:${s.startLine + 1}-${s.endLine + 1}${s.symbol ? ` ${s.symbol}` : ''}`).join('\n'),
      }),
    };
  }

  // 3. Prompt: stable prefix (system, repository overview), compacted history, this turn.
  const stable = index ? repoOverview(index.repoInfo()) : '';
  const context = turnContext(snippets, ctx.blocks);
  const fixedCost = counter.count(CHAT_SYSTEM_PROMPT) + counter.count(stable) + counter.count(context) + counter.count(input.question) + 200;
  const history = compactHistory(input.history, Math.max(0, budget - fixedCost - Math.floor(budget * 0.15)), counter);
  if (history.step !== 'none') {
    const what = { appliedCode: 'Replaced applied code in older turns with references', summarised: 'Summarised older turns to fit the context window', dropped: 'Dropped the oldest turns to fit the context window' }[history.step];
    yield { type: 'step', step: step({ title: what, status: 'done' }) };
  }
  const messages: ChatMessage[] = assembleChat({ system: CHAT_SYSTEM_PROMPT, stableContext: stable ? [stable] : [], history: history.messages, ...(context ? { turnContext: context } : {}), user: input.question });

  // 4. Answer, with up to maxToolRounds rounds of read-only tool calls first.
  const maxRounds = index ? (deps.maxToolRounds ?? MAX_TOOL_ROUNDS) : 0;
  let text = '';
  let usage: ChatUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  let model = '';
  let rounds = 0;
  // Reasoning is shown apart ("Thought for N s" above the answer) and never joins `text`.
  const thought = { text: '', ms: 0 };
  for (let round = 0; ; round++) {
    const offerTools = round < maxRounds;
    const calls: ToolCall[] = [];
    let roundText = '';
    let reasoning: Reasoning | undefined;
    let thinkingSince = 0;
    const stopThinking = function* (): Generator<ChatTurnEvent> {
      if (!thinkingSince) return;
      thought.ms += Date.now() - thinkingSince;
      thinkingSince = 0;
      yield { type: 'thought', durationMs: thought.ms };
    };
    for await (const ev of models.chat({ role, messages, ...(offerTools ? { tools: CHAT_TOOLS } : {}), thinking: true }, signal)) {
      if (ev.type === 'thinking') {
        if (!thinkingSince) {
          thinkingSince = Date.now();
          if (thought.text) {
            thought.text += '\n\n';
            yield { type: 'thinking', text: '\n\n' };
          }
        }
        thought.text += ev.text;
        yield { type: 'thinking', text: ev.text };
      } else if (ev.type === 'text') {
        yield* stopThinking();
        roundText += ev.text;
        text += ev.text;
        yield { type: 'text', text: ev.text };
      } else if (ev.type === 'toolCall') {
        yield* stopThinking();
        calls.push(ev.call);
      } else if (ev.type === 'done') {
        yield* stopThinking();
        reasoning = ev.reasoning;
        usage = { promptTokens: usage.promptTokens + ev.usage.promptTokens, completionTokens: usage.completionTokens + ev.usage.completionTokens, cachedTokens: usage.cachedTokens + ev.usage.cachedTokens };
        model = ev.model;
        yield { type: 'usage', usage };
      }
    }
    if (!calls.length || !offerTools || !index) break;
    rounds++;
    // The tool-call turn goes back with its reasoning: some APIs require it there (DeepSeek, Anthropic).
    messages.push({ role: 'assistant', content: roundText, toolCalls: calls, ...(reasoning ? { reasoning } : {}) });
    for (const call of calls) {
      const running = step({ title: `${call.name}`, status: 'running' });
      yield { type: 'step', step: running };
      if (call.argumentsError) {
        messages.push({ role: 'tool', toolCallId: call.id, content: `Your arguments were not valid JSON (${call.argumentsError}). Call the tool again with a JSON object.` });
        yield { type: 'step', step: { ...running, title: `${call.name}: invalid arguments`, status: 'error', detail: call.argumentsError } };
        continue;
      }
      const r = runChatTool(index, roots, call.name, call.arguments);
      messages.push({ role: 'tool', toolCallId: call.id, content: r.content });
      for (const s of r.snippets) if (!snippets.some((o) => overlaps(o, s))) snippets.push(s);
      // The panel shows the count beside the title ("Searched `x` · 5 results").
      yield { type: 'step', step: { ...running, title: r.title, status: r.failed ? 'error' : 'done', ...(r.failed ? {} : { resultCount: r.resultCount }), detail: r.detail } };
    }
    if (text && !text.endsWith('\n')) {
      // Text before a tool round and the answer after it are separate paragraphs.
      text += '\n\n';
      yield { type: 'text', text: '\n\n' };
    }
  }

  const references = citedReferences(text, snippets);
  yield { type: 'references', references };
  return { text, usage, references, model, toolRounds: rounds, ...(thought.text ? { thinking: { text: thought.text, durationMs: thought.ms } } : {}) };
}

/**
 * The snippets the answer cites: by `path:line` (the snippets holding that line) or by path alone;
 * all shown snippets when it cites none (they were its sources).
 */
export function citedReferences(answer: string, snippets: readonly Snippet[]): ChatReference[] {
  const refs = snippets.map((s) => ({ path: s.rel, startLine: s.startLine + 1, endLine: s.endLine + 1, ...(s.symbol ? { symbol: s.symbol } : {}) }));
  const cited = refs.filter((r) => {
    if (!answer.includes(r.path)) return false;
    const lines = [...answer.matchAll(new RegExp(`${escape(r.path)}:(\\d+)`, 'g'))].map((m) => Number(m[1]));
    return !lines.length || lines.some((l) => l >= r.startLine && l <= r.endLine);
  });
  const list = cited.length ? cited : refs;
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = `${r.path}:${r.startLine}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
