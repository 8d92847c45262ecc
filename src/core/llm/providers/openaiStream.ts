/**
 * Reads an OpenAI-style answer — `/v1/chat/completions` or `/v1/completions` chunks over SSE — the way
 * real servers send it, not only the way OpenAI documents it (test/fixtures/serverShapes holds one
 * example of each, with its source):
 *  - complete = `[DONE]` or a non-empty finish_reason. finish_reason may be absent, "" or null on
 *    every chunk (sglang, Ollama 0.1.x, LiteLLM and Gemini-compatible proxies); `[DONE]` may be
 *    missing after the finish chunk (the connection just closes); content and finish_reason may share
 *    a chunk (vLLM); usage may come in any chunk or in a last `choices: []` chunk
 *  - chunks without choices (Azure's prompt_filter_results), keep-alive comments, named events of
 *    the server's own (skipped), an `error` object inside the stream (OpenRouter, vLLM)
 *  - reasoning as `reasoning_content` (DeepSeek, vLLM, SGLang, llama.cpp), `reasoning` (OpenRouter,
 *    Ollama, newer vLLM), `reasoning_details` (OpenRouter) or typed content parts (Mistral)
 *  - tool-call deltas split anywhere, with or without `index`, a name repeated on every delta
 *  - a JSON body instead of a stream (a server or proxy that ignored `stream: true`)
 * Truncated = the body ended with neither `[DONE]` nor a finish_reason; the error says which and how.
 */
import { ModelError } from '../errors';
import { parseSse } from '../streaming/sseParser';
import type { ReasoningEcho } from '../types';
import { type ErrorContext, errorFromException, streamedError, truncatedStream } from './httpErrors';
import { body, readJson } from './jsonHttp';
import type { ProviderCall, ProviderEvent, RawUsage } from './provider';

interface UsageJson {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  /** DeepSeek's cache hits. */
  prompt_cache_hit_tokens?: number;
}

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: unknown };
}

interface Delta {
  content?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
  reasoning_details?: unknown;
  tool_calls?: ToolCallDelta[] | null;
}

interface Choice {
  index?: number;
  delta?: Delta | null;
  /** Non-streamed answers, and servers that put the message in stream chunks. */
  message?: Delta | null;
  /** /v1/completions. */
  text?: unknown;
  finish_reason?: unknown;
}

interface Chunk {
  choices?: Choice[] | null;
  usage?: UsageJson | null;
  error?: unknown;
}

export function usageOf(u: UsageJson | null | undefined): RawUsage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, ...(cached !== undefined ? { cachedTokens: cached } : {}) };
}

/** Folds chunks into events; shared by the SSE reader and the JSON fallback. */
class ChunkReader {
  finish: string | undefined;
  sawEmptyFinish = false;
  chunks = 0;
  private readonly calls = new Map<number, { id: string; name: string; args: string }>();
  private readonly idToIndex = new Map<string, number>();
  private lastIndex: number | undefined;
  private reasoningField: 'reasoning_content' | 'reasoning' | undefined;
  private reasoningText = '';
  private readonly details = new Map<string, Record<string, unknown>>();

  constructor(private readonly ctx: ErrorContext) {}

  *read(chunk: Chunk): Generator<ProviderEvent> {
    this.chunks += 1;
    if (chunk.error !== undefined && chunk.error !== null) throw streamedError(this.ctx, chunk.error);
    const choice = (chunk.choices ?? []).find((c) => (c?.index ?? 0) === 0);
    if (choice) {
      const delta = choice.delta ?? choice.message ?? undefined;
      if (typeof choice.text === 'string' && choice.text) yield { type: 'text', text: choice.text };
      if (delta) yield* this.readDelta(delta);
      if (typeof choice.finish_reason === 'string') {
        if (choice.finish_reason) this.finish = choice.finish_reason;
        else this.sawEmptyFinish = true;
      }
    }
    const usage = usageOf(chunk.usage);
    if (usage) yield { type: 'usage', usage };
  }

  private *readDelta(delta: Delta): Generator<ProviderEvent> {
    if (typeof delta.content === 'string') {
      if (delta.content) yield { type: 'text', text: delta.content };
    } else if (Array.isArray(delta.content)) {
      // Typed parts (Mistral's reasoning models): text parts are the answer, thinking parts are not.
      for (const part of delta.content as { type?: string; text?: unknown; thinking?: unknown }[]) {
        if (part?.type === 'thinking') {
          const t = partText(part.thinking);
          if (t) yield this.reasoning(t, undefined);
        } else {
          const t = partText(part);
          if (t) yield { type: 'text', text: t };
        }
      }
    }
    // OpenRouter sends the same text as `reasoning` and in `reasoning_details`: count it once.
    const field = typeof delta.reasoning_content === 'string' ? 'reasoning_content' : typeof delta.reasoning === 'string' ? 'reasoning' : undefined;
    if (field) {
      const t = delta[field] as string;
      if (t) yield this.reasoning(t, field);
    }
    if (Array.isArray(delta.reasoning_details)) {
      let text = '';
      for (const d of delta.reasoning_details as Record<string, unknown>[]) {
        if (!d || typeof d !== 'object') continue;
        this.mergeDetail(d);
        text += typeof d.text === 'string' ? d.text : typeof d.summary === 'string' ? d.summary : '';
      }
      if (!field && text) yield this.reasoning(text, 'reasoning');
    }
    for (const [pos, tc] of (delta.tool_calls ?? []).entries()) this.readToolCall(tc, pos);
  }

  private reasoning(text: string, field: 'reasoning_content' | 'reasoning' | undefined): ProviderEvent {
    this.reasoningField ??= field;
    this.reasoningText += text;
    return { type: 'reasoning', text };
  }

  private mergeDetail(d: Record<string, unknown>): void {
    const key = `${String(d.index ?? 0)} ${String(d.type ?? '')}`;
    const prev = this.details.get(key);
    if (!prev) {
      this.details.set(key, { ...d });
      return;
    }
    for (const [k, v] of Object.entries(d)) {
      if ((k === 'text' || k === 'summary' || k === 'data') && typeof v === 'string' && typeof prev[k] === 'string') prev[k] = (prev[k] as string) + v;
      else if (v !== null && v !== undefined) prev[k] = v;
    }
  }

  private readToolCall(tc: ToolCallDelta, pos: number): void {
    if (!tc || typeof tc !== 'object') return;
    let i: number;
    if (typeof tc.index === 'number') i = tc.index;
    else if (tc.id) i = this.idToIndex.get(tc.id) ?? this.calls.size;
    else i = this.lastIndex ?? pos;
    this.lastIndex = i;
    const slot = this.calls.get(i) ?? { id: '', name: '', args: '' };
    if (tc.id) {
      slot.id ||= tc.id;
      this.idToIndex.set(tc.id, i);
    }
    const name = tc.function?.name;
    // Some servers repeat the whole name on every delta; OpenAI sends it once.
    if (name && name !== slot.name) slot.name += name;
    const args = tc.function?.arguments;
    if (typeof args === 'string') slot.args += args;
    else if (args && typeof args === 'object') slot.args += JSON.stringify(args);
    this.calls.set(i, slot);
  }

  /** The tool calls, in index order, once the answer is complete. */
  *toolCalls(): Generator<ProviderEvent> {
    for (const [i, c] of [...this.calls.entries()].sort((a, b) => a[0] - b[0])) yield { type: 'toolCall', id: c.id || `call_${i}`, name: c.name, rawArguments: c.args };
  }

  /** Reasoning that came in a named field goes back in it; typed content parts (Mistral) have none. */
  echo(): ReasoningEcho | undefined {
    if (!this.reasoningField && !this.details.size) return undefined;
    return { api: 'openai', field: this.reasoningField ?? 'reasoning', text: this.reasoningText, ...(this.details.size ? { details: [...this.details.values()] } : {}) };
  }
}

function partText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(partText).join('');
  if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return '';
}

/** The answer's events from a 200 response (SSE, or JSON when the server ignored `stream`). */
export async function* readOpenAiAnswer(response: Response, ctx: ErrorContext, call: ProviderCall): AsyncGenerator<ProviderEvent> {
  const reader = new ChunkReader(ctx);
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  if (contentType.includes('json')) {
    const whole = await readJson<Chunk>(response, ctx, call);
    yield* reader.read(whole);
    yield { type: 'quirk', note: 'answered with one JSON body instead of a stream: accepted' };
    yield* finishEvents(reader, true, ctx);
    return;
  }
  let done = false;
  let cut: string | undefined;
  const comments = new Set<string>();
  const otherEvents = new Set<string>();
  try {
    for await (const ev of parseSse(body(response, ctx, call), (c) => comments.add(c))) {
      // Named events a server interleaves (progress, tool status) are not chunks: SSE clients skip them.
      if (ev.event !== 'message' && ev.event !== 'error') {
        otherEvents.add(ev.event);
        continue;
      }
      const data = ev.data.trim();
      if (data === '[DONE]') {
        done = true;
        break; // nothing after [DONE] is part of the answer
      }
      if (data === '') continue;
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch (err) {
        if (ev.unterminated) {
          cut = `the body ended inside an event (${JSON.stringify(data.slice(-40))} is not complete JSON)`;
          break;
        }
        throw errorFromException(err, undefined, ctx);
      }
      if (ev.event === 'error') throw streamedError(ctx, chunk.error ?? chunk);
      yield* reader.read(chunk);
    }
  } catch (err) {
    // A connection reset after the finish chunk loses nothing: the answer was complete.
    if (!(err instanceof ModelError) || err.kind !== 'network' || call.signal.aborted) throw err;
    if (reader.finish === undefined) throw truncatedStream(ctx, '[DONE] and no finish_reason', `the connection was cut after ${reader.chunks} chunk${reader.chunks === 1 ? '' : 's'} (${err.message})`);
    cut = `the connection was cut (${err.message})`;
  }
  if (comments.size) yield { type: 'quirk', note: `comment lines in the stream (${[...comments].slice(0, 2).map((c) => JSON.stringify(`: ${c}`)).join(', ')}): skipped` };
  if (otherEvents.size) yield { type: 'quirk', note: `named events that are not chunks (${[...otherEvents].slice(0, 3).join(', ')}): skipped` };
  yield* finishEvents(reader, done, ctx, cut);
}

/** Decides complete vs truncated and ends the events: quirks, reasoning echo, tool calls, finish. */
function* finishEvents(reader: ChunkReader, done: boolean, ctx: ErrorContext, cut?: string): Generator<ProviderEvent> {
  const finish = reader.finish;
  if (finish === undefined && !done) {
    const how = cut ?? `the connection closed after ${reader.chunks} chunk${reader.chunks === 1 ? '' : 's'}`;
    throw truncatedStream(ctx, '[DONE] and no finish_reason', how);
  }
  if (finish === undefined) yield { type: 'quirk', note: `no finish_reason${reader.sawEmptyFinish ? ' (sent as "")' : ''} before [DONE]: tolerated` };
  else if (cut) yield { type: 'quirk', note: `${cut}, after the finish_reason: tolerated` };
  else if (!done && reader.chunks > 0) yield { type: 'quirk', note: 'no [DONE] after the finish_reason (the connection just closed): tolerated' };
  const echo = reader.echo();
  if (echo) yield { type: 'reasoningEcho', echo };
  yield* reader.toolCalls();
  yield { type: 'finish', reason: finish ?? 'stop' };
}
