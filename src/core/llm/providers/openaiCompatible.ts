/**
 * OpenAI-compatible endpoints through the official `openai` SDK (OpenAI, Ollama /v1, vLLM, SGLang,
 * llama.cpp /v1, LM Studio, DeepSeek, DashScope, OpenRouter, Mistral, Azure): chat with streamed tool
 * calls, FIM through /v1/completions (raw prompt, or the `suffix` field), embeddings, model list.
 * The SDK builds the request and translates HTTP errors; the streamed body is read by openaiStream.ts,
 * which knows the end markers real servers send (the SDK cannot say whether `[DONE]` came).
 * The SDK's own retries and timeouts are off: the layer above owns them.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { EndpointConfig } from '../config/roleConfig';
import { ModelError } from '../errors';
import type { ChatMessage } from '../types';
import { checkContentType, type ErrorContext, errorFromStatus } from './httpErrors';
import { isMistral, mistralFim } from './mistralFim';
import { readOpenAiAnswer, usageOf } from './openaiStream';
import type { ChatPayload, FimPayload, ModelProvider, ProviderCall, ProviderEvent, ThinkingRequest } from './provider';

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

/** Sends a streamed request and hands back the raw 200 response (errors translated). */
async function open(call: ProviderCall, route: string, run: (c: OpenAI) => { asResponse(): Promise<Response> }): Promise<{ response: Response; ctx: ErrorContext }> {
  const ctx: ErrorContext = { endpoint: call.endpoint, route };
  try {
    const response = await run(client(call)).asResponse();
    call.onHeaders();
    return { response, ctx };
  } catch (err) {
    throw translate(err, ctx);
  }
}

/**
 * Messages as the OpenAI API takes them. Reasoning goes back only where the server asked for it:
 * on an assistant turn that called tools, in the field it came in (DeepSeek's thinking mode answers
 * 400 when a tool-call turn lacks its reasoning_content; on other turns it is ignored at best, and
 * deepseek-reasoner used to answer 400 when it was there). OpenRouter's reasoning_details go back the same way.
 */
export function toOpenAiMessages(messages: readonly ChatMessage[]): OpenAI.Chat.ChatCompletionMessageParam[] {
  return messages.map((m): OpenAI.Chat.ChatCompletionMessageParam => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    if (m.role === 'assistant' && m.toolCalls?.length) {
      const echo = m.reasoning?.echo?.api === 'openai' ? m.reasoning.echo : undefined;
      return {
        role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.rawArguments } })),
        ...(echo?.text ? { [echo.field]: echo.text } : {}),
        ...(echo?.details?.length ? { reasoning_details: echo.details } : {}),
      };
    }
    return { role: m.role, content: m.content };
  });
}

/**
 * The request fields that ask a server not to reason, by what the host is known to accept. Unknown
 * fields make OpenAI answer 400, so it gets none (its reasoning cannot be switched off); the
 * self-hosted servers (vLLM, SGLang, llama.cpp, LM Studio) read the chat template's switch.
 */
export function noThinkingFields(baseUrl: string): Record<string, unknown> {
  const host = hostOf(baseUrl);
  if (/(^|\.)openai\.com$|(^|\.)azure\.com$|(^|\.)anthropic\.com$/.test(host)) return {};
  if (/(^|\.)deepseek\.com$/.test(host)) return { thinking: { type: 'disabled' } };
  if (/(^|\.)openrouter\.ai$/.test(host)) return { reasoning: { enabled: false } };
  if (/(^|\.)mistral\.ai$/.test(host)) return {};
  return { chat_template_kwargs: { enable_thinking: false } };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Fields added to every request body: the thinking switch, then the role's extraBody (which wins). */
export function bodyExtras(call: ProviderCall, thinking: ThinkingRequest, ollama = false): Record<string, unknown> {
  const off = thinking === 'off' ? (ollama ? { reasoning_effort: 'none' } : noThinkingFields(call.endpoint.baseUrl)) : {};
  return { ...off, ...call.endpoint.extraBody };
}

/** Ollama's /v1 (Ollama's port) takes `reasoning_effort: "none"` to switch reasoning off (`think` is native only). */
function isOllamaV1(call: ProviderCall): boolean {
  return /:11434$/.test(hostPort(call.endpoint.baseUrl));
}

function hostPort(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export const openaiCompatible: ModelProvider = {
  supportsRawFim: true,

  async *chat(call, p: ChatPayload): AsyncGenerator<ProviderEvent> {
    const e = call.endpoint;
    const body = {
      model: e.model,
      messages: toOpenAiMessages(p.messages),
      max_tokens: p.maxTokens,
      temperature: p.temperature,
      stream: true as const,
      stream_options: { include_usage: true },
      ...(p.stop.length ? { stop: p.stop.slice(0, 4) } : {}),
      ...(p.tools?.length ? { tools: p.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })) } : {}),
      ...(p.json ? { response_format: { type: 'json_object' as const } } : {}),
      ...bodyExtras(call, p.thinking, isOllamaV1(call)),
    };
    const { response, ctx } = await open(call, '/v1/chat/completions', (c) => c.chat.completions.create(body, { signal: call.signal }));
    checkContentType(response.headers.get('content-type'), ['text/event-stream', 'json'], ctx);
    yield* readOpenAiAnswer(response, ctx, call);
  },

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const e = call.endpoint;
    const prompt = p.prompt;
    if (prompt.kind === 'infill') throw new ModelError('config', 'infill prompts need the llama.cpp provider');
    if (isMistral(e.baseUrl) && prompt.kind === 'suffix') {
      yield* mistralFim(call, p);
      return;
    }
    const body = {
      model: e.model,
      prompt: prompt.prompt,
      ...(prompt.kind === 'suffix' ? { suffix: prompt.suffix } : {}),
      max_tokens: p.maxTokens,
      temperature: p.temperature,
      stream: true as const,
      stream_options: { include_usage: true },
      ...(prompt.stop.length ? { stop: prompt.stop.slice(0, 4) } : {}),
      ...e.extraBody,
    };
    const { response, ctx } = await open(call, '/v1/completions', (c) => c.completions.create(body, { signal: call.signal }));
    checkContentType(response.headers.get('content-type'), ['text/event-stream', 'json'], ctx);
    yield* readOpenAiAnswer(response, ctx, call);
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
