/**
 * OpenAI-compatible endpoints through the official `openai` SDK (OpenAI, Ollama /v1, vLLM,
 * llama.cpp /v1, LM Studio, DeepSeek, DashScope, OpenRouter, Mistral): chat with streamed tool calls,
 * FIM through /v1/completions (raw prompt, or the `suffix` field), embeddings, model list.
 * The SDK's own retries and timeouts are off: the layer above owns them.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { EndpointConfig } from '../config/roleConfig';
import { ModelError } from '../errors';
import type { ChatMessage } from '../types';
import { checkContentType, type ErrorContext, errorFromStatus, truncatedStream } from './httpErrors';
import { isMistral, mistralFim } from './mistralFim';
import type { ChatPayload, FimPayload, ModelProvider, ProviderCall, ProviderEvent, RawUsage } from './provider';

const clients = new WeakMap<EndpointConfig, Map<unknown, OpenAI>>();

function client(call: ProviderCall): OpenAI {
  const e = call.endpoint;
  let byFetch = clients.get(e);
  if (!byFetch) clients.set(e, (byFetch = new Map()));
  let c = byFetch.get(call.fetch);
  if (!c) {
    c = new OpenAI({
      baseURL: `${e.baseUrl}/v1`,
      apiKey: e.apiKey ?? 'no-key',
      // Without a key no Authorization header at all (local servers), rather than a fake one.
      defaultHeaders: { ...e.extraHeaders, ...(e.apiKey ? {} : { Authorization: null }) } as Record<string, string>,
      fetch: call.fetch as unknown as typeof globalThis.fetch,
      maxRetries: 0,
      // Our own deadlines fire first; the SDK's is only a backstop.
      timeout: e.timeouts.totalMs + 5000,
      logLevel: 'off',
    });
    byFetch.set(call.fetch, c);
  }
  return c;
}

/** Runs an SDK call and translates its errors; returns the raw response for header checks. */
async function send<T>(call: ProviderCall, route: string, run: (c: OpenAI) => { withResponse(): Promise<{ data: T; response: Response }> }): Promise<{ data: T; response: Response; ctx: ErrorContext }> {
  const ctx: ErrorContext = { endpoint: call.endpoint, route };
  try {
    const { data, response } = await run(client(call)).withResponse();
    call.onHeaders();
    return { data, response, ctx };
  } catch (err) {
    throw translate(err, ctx);
  }
}

function translate(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof APIUserAbortError) return err; // the caller maps the abort reason
  // The SDK reports undici's connect timeout as its own timeout, without the cause; our deadlines
  // would have aborted first for anything else (its own timer is set later than ours).
  if (err instanceof APIConnectionTimeoutError) return Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
  if (err instanceof APIError && typeof err.status === 'number') {
    const body = err.error === undefined ? '' : JSON.stringify(typeof err.error === 'object' ? { error: err.error } : { error: String(err.error) });
    const headers = err.headers ?? new Headers();
    return errorFromStatus(err.status, body, { get: (n) => headers.get(n) }, ctx);
  }
  // Connection errors wrap the real socket error as cause; keep it for errorFromException.
  return err instanceof APIError && err.cause ? err.cause : err;
}

function toOpenAiMessages(messages: readonly ChatMessage[]): OpenAI.Chat.ChatCompletionMessageParam[] {
  return messages.map((m): OpenAI.Chat.ChatCompletionMessageParam => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    if (m.role === 'assistant' && m.toolCalls?.length) {
      return { role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.rawArguments } })) };
    }
    return { role: m.role, content: m.content };
  });
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null; prompt_cache_hit_tokens?: number } | null | undefined): RawUsage | undefined {
  if (!u) return undefined;
  // DeepSeek reports cache hits as prompt_cache_hit_tokens; OpenAI as prompt_tokens_details.cached_tokens.
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.prompt_cache_hit_tokens;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, ...(cached !== undefined ? { cachedTokens: cached } : {}) };
}

async function* iterate<T>(stream: AsyncIterable<T>, ctx: ErrorContext): AsyncGenerator<T> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (err) {
    throw translate(err, ctx);
  }
}

export const openaiCompatible: ModelProvider = {
  supportsRawFim: true,

  async *chat(call, p: ChatPayload): AsyncGenerator<ProviderEvent> {
    const e = call.endpoint;
    const { data, response, ctx } = await send(call, '/v1/chat/completions', (c) =>
      c.chat.completions.create(
        {
          model: e.model,
          messages: toOpenAiMessages(p.messages),
          max_tokens: p.maxTokens,
          temperature: p.temperature,
          stream: true,
          stream_options: { include_usage: true },
          ...(p.stop.length ? { stop: p.stop.slice(0, 4) } : {}),
          ...(p.tools?.length ? { tools: p.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })) } : {}),
          ...(p.json ? { response_format: { type: 'json_object' as const } } : {}),
        },
        { signal: call.signal },
      ),
    );
    checkContentType(response.headers.get('content-type'), ['text/event-stream'], ctx);
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let finish: string | undefined;
    for await (const chunk of iterate(data, ctx)) {
      const choice = chunk.choices?.[0];
      const delta = choice?.delta;
      if (delta?.content) yield { type: 'text', text: delta.content };
      for (const tc of delta?.tool_calls ?? []) {
        const slot = calls.get(tc.index) ?? { id: '', name: '', args: '' };
        if (tc.id) slot.id = tc.id;
        if (tc.function?.name) slot.name += tc.function.name;
        if (tc.function?.arguments) slot.args += tc.function.arguments;
        calls.set(tc.index, slot);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      const usage = usageOf(chunk.usage);
      if (usage) yield { type: 'usage', usage };
    }
    if (finish === undefined) throw truncatedStream(ctx, 'finish_reason');
    for (const [i, c] of [...calls.entries()].sort((a, b) => a[0] - b[0])) yield { type: 'toolCall', id: c.id || `call_${i}`, name: c.name, rawArguments: c.args };
    yield { type: 'finish', reason: finish };
  },

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const e = call.endpoint;
    const prompt = p.prompt;
    if (prompt.kind === 'infill') throw new ModelError('config', 'infill prompts need the llama.cpp provider');
    if (isMistral(e.baseUrl) && prompt.kind === 'suffix') {
      yield* mistralFim(call, p);
      return;
    }
    const { data, response, ctx } = await send(call, '/v1/completions', (c) =>
      c.completions.create(
        {
          model: e.model,
          prompt: prompt.prompt,
          ...(prompt.kind === 'suffix' ? { suffix: prompt.suffix } : {}),
          max_tokens: p.maxTokens,
          temperature: p.temperature,
          stream: true,
          stream_options: { include_usage: true },
          ...(prompt.stop.length ? { stop: prompt.stop.slice(0, 4) } : {}),
        },
        { signal: call.signal },
      ),
    );
    checkContentType(response.headers.get('content-type'), ['text/event-stream'], ctx);
    let finish: string | undefined;
    for await (const chunk of iterate(data, ctx)) {
      const choice = chunk.choices?.[0];
      if (choice?.text) yield { type: 'text', text: choice.text };
      if (choice?.finish_reason) finish = choice.finish_reason;
      const usage = usageOf(chunk.usage);
      if (usage) yield { type: 'usage', usage };
    }
    if (finish === undefined) throw truncatedStream(ctx, 'finish_reason');
    yield { type: 'finish', reason: finish };
  },

  async embed(call, inputs) {
    const { data, response, ctx } = await send(call, '/v1/embeddings', (c) => c.embeddings.create({ model: call.endpoint.model, input: [...inputs], encoding_format: 'float' }, { signal: call.signal }));
    checkContentType(response.headers.get('content-type'), ['json'], ctx);
    if (!Array.isArray(data?.data)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/v1/embeddings answered without a data array`, { fix: 'Check that the model is an embedding model' });
    const vectors = [...data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
    const usage = usageOf(data.usage as { prompt_tokens?: number });
    return { vectors, ...(usage ? { usage } : {}) };
  },

  async listModels(call) {
    const ctx: ErrorContext = { endpoint: call.endpoint, route: '/v1/models' };
    try {
      const page = await client(call).models.list({ signal: call.signal }).withResponse();
      call.onHeaders();
      checkContentType(page.response.headers.get('content-type'), ['json'], ctx);
      const data = (page.data as unknown as { data?: { id: string }[] }).data;
      if (!Array.isArray(data)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/v1/models did not answer a model list`, { fix: `Check banyan.models.${call.endpoint.role}.baseUrl and provider` });
      return data.map((m) => m.id);
    } catch (err) {
      throw translate(err, ctx);
    }
  },
};
