/**
 * The messages between Banyan and its model host (the child process that runs llama.cpp through
 * node-llama-cpp), declared once. They travel over Node's IPC channel as JSON: requests carry an id,
 * every answer names it, and a stream ends with exactly one `done`, `result` or `error`.
 */
import type { ModelErrorKind } from '../errors';
import type { ChatMessage, ToolDefinition } from '../types';

/** How the host runs models; a change unloads what is loaded (threads and GPU are fixed per load). */
export interface HostOptions {
  /** CPU threads for generation; 0: node-llama-cpp's choice. */
  readonly threads: number;
  /** Tokens per sequence; 0: the model's training window, at most 8192. */
  readonly contextSize: number;
  readonly gpu: 'auto' | 'off';
  /** A model unused this long is unloaded; 0: never. */
  readonly idleUnloadMs: number;
}

/** A model file as the host sees it: where it is, and the name errors show. */
export interface HostModelRef {
  readonly path: string;
  readonly label: string;
}

/**
 * Fill-in-the-middle. The host uses the model's FIM tokens around `infill` when the GGUF has them;
 * otherwise the family template's `template` prompt (special tokens parsed), otherwise the `chat`
 * messages through the model's chat template. It says which in the first event (`prompt`).
 */
export interface HostFimRequest {
  readonly op: 'fim';
  readonly model: HostModelRef;
  /** Prefix (other files already laid out as comments above it) and suffix. */
  readonly infill?: { readonly prefix: string; readonly suffix: string };
  readonly template?: { readonly prompt: string; readonly stop: readonly string[] };
  readonly chat?: readonly ChatMessage[];
  readonly stop: readonly string[];
  readonly maxTokens: number;
  readonly temperature: number;
}

export interface HostChatRequest {
  readonly op: 'chat';
  readonly model: HostModelRef;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  /** Constrain the answer to JSON (llama.cpp's JSON grammar). */
  readonly json?: boolean;
  readonly stop: readonly string[];
  readonly maxTokens: number;
  readonly temperature: number;
}

export interface HostEmbedRequest {
  readonly op: 'embed';
  readonly model: HostModelRef;
  readonly inputs: readonly string[];
}

/** Loads the model (if needed) and says what it has: the connection test and the model list use it. */
export interface HostDescribeRequest {
  readonly op: 'describe';
  readonly model: HostModelRef;
}

/** RAM and GPU as llama.cpp sees them, for the model size recommendation. */
export interface HostHardwareRequest {
  readonly op: 'hardware';
}

export type HostCall = HostFimRequest | HostChatRequest | HostEmbedRequest | HostDescribeRequest | HostHardwareRequest;

export type HostRequest =
  | ({ readonly id: number } & HostCall)
  | { readonly op: 'cancel'; readonly id: number }
  | { readonly op: 'configure'; readonly options: HostOptions }
  /** Load the runtime (not a model) now, so the first request does not wait for it. */
  | { readonly op: 'warmUp' };

export interface HostUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens whose KV cache was reused from the previous request on the same sequence. */
  readonly cachedTokens: number;
}

export interface HostModelInfo {
  readonly path: string;
  readonly name: string;
  readonly architecture: string;
  /** True when the GGUF labels fill-in-the-middle tokens. */
  readonly fimTokens: boolean;
  readonly chatTemplate: boolean;
  readonly embeddingLength: number;
  readonly trainContextSize: number;
  readonly contextSize: number;
  readonly sizeBytes: number;
  readonly loadMs: number;
}

export interface HostHardware {
  readonly totalRamBytes: number;
  readonly freeRamBytes: number;
  /** "cuda", "vulkan", "metal", or false (CPU only). */
  readonly gpu: string | false;
  readonly vramBytes: number;
  readonly cpuCores: number;
}

export type FimMode = 'tokens' | 'template' | 'chat';

export type HostEvent =
  /** First event of a FIM call: how the prompt was built and how much of it the KV cache already held. */
  | { readonly id: number; readonly type: 'prompt'; readonly fimMode: FimMode; readonly promptTokens: number; readonly cachedTokens: number }
  | { readonly id: number; readonly type: 'text'; readonly text: string }
  | { readonly id: number; readonly type: 'toolCall'; readonly callId: string; readonly name: string; readonly rawArguments: string }
  | {
      readonly id: number;
      readonly type: 'done';
      readonly finish: 'stop' | 'length' | 'tool_calls' | 'aborted';
      readonly usage: HostUsage;
    }
  | { readonly id: number; readonly type: 'result'; readonly value: unknown }
  | { readonly id: number; readonly type: 'error'; readonly kind: ModelErrorKind; readonly message: string; readonly fix?: string };

/** Host → parent outside any request. */
export type HostNotice =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'log'; readonly level: 'error' | 'warn' | 'info' | 'debug'; readonly message: string };

export type HostMessage = HostEvent | HostNotice;
