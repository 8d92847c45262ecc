/**
 * The vocabulary of the model access layer: roles, messages, requests and stream events. Every
 * provider speaks these; consumers (completion, chat, edit, agent, embeddings) only see these.
 */
export type ModelRole = 'completion' | 'chat' | 'edit' | 'agent' | 'embeddings' | 'nextEdit';
export const MODEL_ROLES: readonly ModelRole[] = ['completion', 'chat', 'edit', 'agent', 'embeddings', 'nextEdit'];

/** How Banyan talks to an endpoint. Presets (OpenAI, DeepSeek, vLLM…) map onto these. */
export type ProviderKind = 'ollama' | 'openai-compatible' | 'llamacpp' | 'anthropic' | 'embedded';
export const PROVIDER_KINDS: readonly ProviderKind[] = ['ollama', 'openai-compatible', 'llamacpp', 'anthropic', 'embedded'];

export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON schema of the arguments. */
  readonly parameters: Record<string, unknown>;
}

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** Parsed (and repaired when needed) arguments. */
  readonly arguments: Record<string, unknown>;
  /** The text the model sent, for logs and for re-sending the assistant turn. */
  readonly rawArguments: string;
  /** Set when the arguments were not repairable JSON; `arguments` is then {}. Tell the model, do not run the tool. */
  readonly argumentsError?: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string; readonly cache?: boolean }
  | { readonly role: 'user'; readonly content: string; readonly cache?: boolean }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly ToolCall[];
      readonly cache?: boolean;
      /**
       * The reasoning that came with this turn (from `done.reasoning`). Never sent as content; each
       * provider sends back only what its API asks for (see Reasoning.echo).
       */
      readonly reasoning?: Reasoning;
    }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/**
 * What a reasoning model thought before answering: shown apart from the answer (chat), never inserted
 * into code, never counted as the answer.
 */
export interface Reasoning {
  /** The reasoning as text (sanitise before display: it is model output). */
  readonly text: string;
  /** Time from the first reasoning token to the first answer token (or the end). */
  readonly durationMs: number;
  /**
   * What the provider needs back with this turn when it is re-sent (DeepSeek's reasoning_content on
   * tool-call turns, OpenRouter's reasoning_details, Anthropic's signed thinking blocks). Opaque to
   * consumers: keep it on the assistant message and the provider decides.
   */
  readonly echo?: ReasoningEcho;
}

/** Provider-specific reasoning to send back; a provider ignores another provider's echo. */
export type ReasoningEcho =
  | { readonly api: 'openai'; readonly field: 'reasoning_content' | 'reasoning'; readonly text: string; readonly details?: readonly unknown[] }
  | { readonly api: 'anthropic'; readonly blocks: readonly Record<string, unknown>[] };

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Prompt tokens served from the provider's prompt cache (when the API says so). */
  readonly cachedTokens: number;
  /** True when the numbers came from the API; false when Banyan counted them itself. */
  readonly reported: boolean;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'aborted' | 'early_stop' | 'other';

/**
 * What a streamed call yields, in order: text/tool calls, then exactly one `done`. `thinking` comes
 * only to a caller that asked for it (ChatRequest.thinking); the answer text never contains it.
 */
export type StreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'thinking'; readonly text: string }
  | { readonly type: 'toolCall'; readonly call: ToolCall }
  | {
      readonly type: 'done';
      readonly finishReason: FinishReason;
      readonly usage: Usage;
      readonly timing: Timing;
      readonly endpoint: string;
      readonly model: string;
      /** Set when the model reasoned before answering (whatever the server called it). */
      readonly reasoning?: Reasoning;
      /** Odd-but-valid things the server did that were tolerated, e.g. "no finish_reason (ended with [DONE])". */
      readonly quirks?: readonly string[];
    };

export interface Timing {
  /** Waiting for a concurrency slot. */
  readonly queuedMs: number;
  /** Request sent → response headers. */
  readonly headersMs: number;
  /** Request sent → first text or tool call. */
  readonly firstTokenMs: number;
  readonly totalMs: number;
  /** 1 for the first try. */
  readonly attempts: number;
}

/** A chat-style request (chat, edit, agent; and FIM for chat-only models). */
export interface ChatRequest {
  readonly role: ModelRole;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly stop?: readonly string[];
  /** Ask for a JSON object answer where the provider supports it. */
  readonly json?: boolean;
  /** Also yield `thinking` events as the model reasons (the chat panel shows them apart). */
  readonly thinking?: boolean;
}

/** A prompt in a model's own format, sent without any template (next-edit models). */
export interface RawCompletionRequest {
  readonly prompt: string;
  readonly stop: readonly string[];
  readonly maxTokens?: number;
  readonly temperature?: number;
}

/** A snippet of another file shown to the model before the current file (repo-level FIM). */
export interface FimSnippet {
  readonly path: string;
  readonly content: string;
}

/** What the completion pipeline hands over: the rest (template, stop tokens, route) is the layer's job. */
export interface FimRequest {
  readonly prefix: string;
  readonly suffix: string;
  /** Workspace-relative path of the current file, used by repo-level formats. */
  readonly filePath?: string;
  readonly languageId?: string;
  readonly repoName?: string;
  readonly snippets?: readonly FimSnippet[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** Extra stop sequences (e.g. "\n" for single-line completions). */
  readonly stop?: readonly string[];
}

export interface EmbeddingResult {
  readonly vectors: readonly (readonly number[])[];
  readonly model: string;
  readonly usage: Usage;
}

// What the layer reports about itself (status bar, Test Model Connection, metrics views). The
// protocol re-exports these as they are, so the wire cannot drift from the engine.

export interface EndpointHealth {
  /** Role name, e.g. "completion". */
  readonly role: string;
  readonly endpoint: string;
  /** "down" while the circuit breaker is open. */
  readonly state: 'up' | 'down' | 'unknown';
  readonly message?: string;
}

export interface ModelCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What the user should do when !ok. */
  readonly fix?: string;
}

export interface ModelTestReport {
  readonly role: ModelRole;
  readonly endpoint: string;
  readonly model: string;
  /** "ollama", "openai-compatible", "llamacpp" or "anthropic". */
  readonly provider: string;
  readonly ok: boolean;
  readonly checks: readonly ModelCheck[];
  readonly latencyMs?: number;
  readonly tokensPerSecond?: number;
}

export interface RoleMetrics {
  readonly role: ModelRole;
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
}
