/**
 * Context-window arithmetic so no request exceeds the model's window: the window by model name
 * (or the setting), the input budget after reserving output tokens, and trimming helpers that the
 * chat, edit and completion pipelines use before sending.
 */
import type { ChatMessage } from '../types';
import type { TokenCounter } from './tokenCounter';

const KNOWN: readonly [RegExp, number][] = [
  [/claude/i, 200_000],
  [/gpt-4\.1/i, 1_047_576],
  [/gpt-5/i, 400_000],
  [/gpt-4o|o1|o3|o4/i, 128_000],
  [/gpt-4-turbo|gpt-4-1106|gpt-4-0125/i, 128_000],
  [/gpt-4/i, 8192],
  [/gpt-3\.5/i, 16_385],
  [/deepseek-(chat|reasoner)|deepseek-v3|deepseek-coder-v2/i, 128_000],
  [/codestral/i, 256_000],
  [/qwen3-coder/i, 262_144],
  [/qwen2\.5-coder|qwen2\.5/i, 32_768],
  [/deepseek-coder/i, 16_384],
  [/starcoder2/i, 16_384],
  [/starcoder/i, 8192],
  [/codellama|code-llama/i, 16_384],
  [/codegemma/i, 8192],
  [/llama-?3\.[123]|llama3\.[123]/i, 128_000],
  [/mistral|mixtral/i, 32_768],
  [/nomic-embed/i, 8192],
];

/** Ollama's server-side default is small; Banyan sends this as num_ctx unless the setting says otherwise. */
export const OLLAMA_DEFAULT_WINDOW = 8192;
const UNKNOWN_WINDOW = 8192;

export function contextWindowFor(model: string, provider: string, configured: number): number {
  if (configured > 0) return configured;
  if (provider === 'ollama') return OLLAMA_DEFAULT_WINDOW;
  return KNOWN.find(([re]) => re.test(model))?.[1] ?? UNKNOWN_WINDOW;
}

/** Tokens chat templates add per message (role markers); a small overcount is the safe side. */
const PER_MESSAGE = 6;

export function countMessages(messages: readonly ChatMessage[], counter: TokenCounter): number {
  let n = 3;
  for (const m of messages) {
    n += PER_MESSAGE + counter.count(m.content);
    if (m.role === 'assistant') for (const t of m.toolCalls ?? []) n += counter.count(t.name) + counter.count(t.rawArguments) + 4;
  }
  return n;
}

export interface Budget {
  readonly window: number;
  /** Output tokens that will be asked for (possibly lowered to fit). */
  readonly maxTokens: number;
  readonly promptTokens: number;
  /** True when the prompt plus the output fits. */
  readonly fits: boolean;
}

/** Never ask for fewer than this when shrinking max_tokens to fit; below it the request is refused. */
export const MIN_OUTPUT_TOKENS = 16;

/**
 * Checks a prompt against the window; lowers maxTokens when only the output does not fit. `fits`
 * false means the prompt itself is too large: the caller must trim it (see trimMessages/trimFim).
 */
export function budgetFor(window: number, promptTokens: number, wantedMaxTokens: number): Budget {
  const room = window - promptTokens;
  const maxTokens = Math.min(wantedMaxTokens, room);
  return { window, promptTokens, maxTokens: Math.max(0, maxTokens), fits: maxTokens >= Math.min(MIN_OUTPUT_TOKENS, wantedMaxTokens) };
}

/** Tokens available for the prompt when `maxTokens` are reserved for the answer. */
export function inputBudget(window: number, maxTokens: number): number {
  return Math.max(0, window - maxTokens);
}

/**
 * Drops the oldest turns (after the leading system/cached messages, which are kept so prompt caches
 * still hit) until the conversation fits `budget`; the last message always stays. Returns undefined
 * when even that is too large.
 */
export function trimMessages(messages: readonly ChatMessage[], budget: number, counter: TokenCounter): ChatMessage[] | undefined {
  const head: ChatMessage[] = [];
  let i = 0;
  while (i < messages.length - 1 && (messages[i]!.role === 'system' || (messages[i] as { cache?: boolean }).cache)) head.push(messages[i++]!);
  let tail = messages.slice(i);
  while (tail.length > 1 && countMessages([...head, ...tail], counter) > budget) {
    tail = tail.slice(1);
    // A tool result without the assistant turn that asked for it is invalid for every API.
    while (tail.length > 1 && tail[0]!.role === 'tool') tail = tail.slice(1);
  }
  const out = [...head, ...tail];
  return countMessages(out, counter) <= budget ? out : undefined;
}

/**
 * Fits FIM pieces into `budget` tokens: snippets go first (last ones first), then the prefix is cut
 * from its start and the suffix from its end, keeping about 3:1 prefix to suffix (the code right
 * before the cursor matters most). Cuts happen at line boundaries.
 */
export function trimFim<T extends { prefix: string; suffix: string; snippets?: readonly { path: string; content: string }[] }>(input: T, budget: number, counter: TokenCounter, overhead = 0): T {
  const snippets = [...(input.snippets ?? [])];
  const size = (p: string, s: string, sn: readonly { path: string; content: string }[]) => overhead + counter.count(p) + counter.count(s) + sn.reduce((n, x) => n + counter.count(x.path) + counter.count(x.content) + 4, 0);
  while (snippets.length && size(input.prefix, input.suffix, snippets) > budget) snippets.pop();
  let prefix = input.prefix;
  let suffix = input.suffix;
  const left = budget - size('', '', snippets);
  if (counter.count(prefix) + counter.count(suffix) > left) {
    const suffixShare = Math.min(counter.count(suffix), Math.floor(left / 4));
    suffix = keepStart(suffix, suffixShare, counter);
    prefix = keepEnd(prefix, left - counter.count(suffix), counter);
  }
  return { ...input, prefix, suffix, snippets };
}

function keepEnd(text: string, tokens: number, counter: TokenCounter): string {
  const lines = text.split('\n');
  let out = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    const next = i === lines.length - 1 ? lines[i]! : `${lines[i]}\n${out}`;
    if (counter.count(next) > tokens) return i === lines.length - 1 ? '' : out;
    out = next;
  }
  return out;
}

function keepStart(text: string, tokens: number, counter: TokenCounter): string {
  const lines = text.split('\n');
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const next = i === 0 ? lines[0]! : `${out}\n${lines[i]}`;
    if (counter.count(next) > tokens) return out;
    out = next;
  }
  return out;
}
