/**
 * What a provider does: speak one wire protocol. Reliability (retries, fallbacks, breaker, limits,
 * deadlines, metrics) lives above it in modelClient.ts, so a provider is only translation.
 * Providers throw ModelError; they detect a stream that ends without its end marker.
 */
import type { EndpointConfig } from '../config/roleConfig';
import type { ModelHostTransport } from '../embedded/modelHostTransport';
import type { FimPrompt } from '../fim/fimTemplate';
import type { FetchFn } from '../network/httpFetch';
import type { ChatMessage, FimSnippet, ReasoningEcho, ToolDefinition } from '../types';

export interface ProviderCall {
  readonly endpoint: EndpointConfig;
  readonly fetch: FetchFn;
  /** Aborts on cancel or deadline; closes the socket. */
  readonly signal: AbortSignal;
  /** Called when response headers arrive (timing). */
  onHeaders(): void;
  /** The built-in model's host (provider `embedded`), where the process runs one. */
  readonly modelHost?: ModelHostTransport;
}

export interface RawUsage {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cachedTokens?: number;
}

/**
 * What a provider yields. A provider yields `finish` only for a complete answer: it decides from its
 * API's end markers (liberally: see openaiStream.ts) and throws `truncatedStream` otherwise.
 */
export type ProviderEvent =
  | { readonly type: 'text'; readonly text: string }
  /** Reasoning the API sends apart from the answer (reasoning_content, reasoning, thinking…). */
  | { readonly type: 'reasoning'; readonly text: string }
  /** What the API wants back with this assistant turn when the conversation goes on. */
  | { readonly type: 'reasoningEcho'; readonly echo: ReasoningEcho }
  | { readonly type: 'toolCall'; readonly id: string; readonly name: string; readonly rawArguments: string }
  | { readonly type: 'usage'; readonly usage: RawUsage }
  /** Something odd but valid the server did and the provider tolerated (connection test, debug log). */
  | { readonly type: 'quirk'; readonly note: string }
  | { readonly type: 'finish'; readonly reason: string };

/**
 * Whether to ask the server not to reason: `off` where it has a knob for it (Ollama `think: false`,
 * `chat_template_kwargs.enable_thinking` on vLLM/SGLang/llama.cpp…), `default` sends nothing.
 */
export type ThinkingRequest = 'off' | 'default';

export interface ChatPayload {
  readonly messages: readonly ChatMessage[];
  /** Ollama's num_ctx (its native chat route); others ignore it. */
  readonly contextWindow?: number;
  readonly tools?: readonly ToolDefinition[];
  readonly maxTokens: number;
  readonly temperature: number;
  /** Sent to the server (at most 4: OpenAI's limit); the client applies all of them anyway. */
  readonly stop: readonly string[];
  readonly json?: boolean;
  readonly thinking: ThinkingRequest;
}

/** llama.cpp's /infill takes the pieces and applies the model's own FIM tokens. */
export interface InfillPrompt {
  readonly kind: 'infill';
  readonly prefix: string;
  readonly suffix: string;
  readonly extra: readonly FimSnippet[];
  readonly stop: readonly string[];
  /** The built-in model: the prompt to use when the GGUF has no FIM tokens (its family's template, or chat). */
  readonly fallback?: FimPrompt;
}

export interface FimPayload {
  readonly prompt: Exclude<FimPrompt, { kind: 'chat' }> | InfillPrompt;
  readonly maxTokens: number;
  readonly temperature: number;
  /** Ollama's num_ctx, so the server does not silently truncate the prompt. */
  readonly contextWindow: number;
  readonly thinking: ThinkingRequest;
}

export interface ModelProvider {
  /** True when FIM goes through `fim`; false: the layer uses a chat-style prompt through `chat`. */
  readonly supportsRawFim: boolean;
  chat(call: ProviderCall, payload: ChatPayload): AsyncGenerator<ProviderEvent>;
  fim(call: ProviderCall, payload: FimPayload): AsyncGenerator<ProviderEvent>;
  embed(call: ProviderCall, inputs: readonly string[]): Promise<{ vectors: number[][]; usage?: RawUsage }>;
  /** Model names the endpoint offers (also the circuit breaker's cheap health probe). */
  listModels(call: ProviderCall): Promise<string[]>;
}
