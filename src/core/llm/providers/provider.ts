/**
 * What a provider does: speak one wire protocol. Reliability (retries, fallbacks, breaker, limits,
 * deadlines, metrics) lives above it in modelClient.ts, so a provider is only translation.
 * Providers throw ModelError; they detect a stream that ends without its end marker.
 */
import type { EndpointConfig } from '../config/roleConfig';
import type { ModelHostTransport } from '../embedded/modelHostTransport';
import type { FimPrompt } from '../fim/fimTemplate';
import type { FetchFn } from '../network/httpFetch';
import type { ChatMessage, FimSnippet, ToolDefinition } from '../types';

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

export type ProviderEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'toolCall'; readonly id: string; readonly name: string; readonly rawArguments: string }
  | { readonly type: 'usage'; readonly usage: RawUsage }
  | { readonly type: 'finish'; readonly reason: string };

export interface ChatPayload {
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly maxTokens: number;
  readonly temperature: number;
  /** Sent to the server (at most 4: OpenAI's limit); the client applies all of them anyway. */
  readonly stop: readonly string[];
  readonly json?: boolean;
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
