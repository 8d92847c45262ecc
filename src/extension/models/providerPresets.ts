/**
 * The choices "Banyan: Configure Model" offers: each a provider kind, a default base URL and whether
 * it needs a key. Pure data (no vscode import). OpenAI-compatible services are presets of one
 * provider, so adding one is a line here.
 */
export interface ProviderPreset {
  readonly label: string;
  readonly detail: string;
  readonly provider: 'ollama' | 'openai-compatible' | 'llamacpp' | 'anthropic';
  readonly baseUrl: string;
  readonly needsKey: boolean;
  /** Template to set for the completion role; undefined keeps `auto`. */
  readonly completionTemplate?: 'suffix-field' | 'chat';
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { label: 'Ollama (local)', detail: 'ollama serve on this machine; raw FIM through /api/generate', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', needsKey: false },
  { label: 'llama.cpp server (local)', detail: 'llama-server; FIM through /infill', provider: 'llamacpp', baseUrl: 'http://127.0.0.1:8080', needsKey: false },
  { label: 'LM Studio (local)', detail: 'OpenAI-compatible server of LM Studio', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false },
  { label: 'vLLM', detail: 'OpenAI-compatible vLLM server', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1', needsKey: false },
  { label: 'OpenAI', detail: 'api.openai.com (chat models: completions use a chat-style prompt)', provider: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', needsKey: true, completionTemplate: 'chat' },
  { label: 'Anthropic', detail: 'Claude through the Messages API with prompt caching', provider: 'anthropic', baseUrl: 'https://api.anthropic.com', needsKey: true },
  { label: 'DeepSeek', detail: 'api.deepseek.com; FIM through the beta /completions suffix field', provider: 'openai-compatible', baseUrl: 'https://api.deepseek.com/beta', needsKey: true, completionTemplate: 'suffix-field' },
  { label: 'Mistral (Codestral)', detail: 'codestral.mistral.ai; FIM through /v1/fim/completions', provider: 'openai-compatible', baseUrl: 'https://codestral.mistral.ai/v1', needsKey: true, completionTemplate: 'suffix-field' },
  { label: 'OpenRouter', detail: 'openrouter.ai (chat models)', provider: 'openai-compatible', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true, completionTemplate: 'chat' },
  { label: 'Qwen (DashScope)', detail: 'Alibaba Cloud Model Studio, OpenAI-compatible mode', provider: 'openai-compatible', baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', needsKey: true },
  { label: 'Other OpenAI-compatible server', detail: 'any server with /v1/chat/completions (and /v1/completions for FIM)', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1', needsKey: false },
];

/** Which roles one pass of the flow configures. */
export const ROLE_GROUPS = [
  { label: 'Completions', detail: 'ghost text as you type (a base/FIM model)', roles: ['completion'] },
  { label: 'Chat, edit and agent', detail: 'the chat panel, rewrites and the agent (an instruct model)', roles: ['chat', 'edit', 'agent'] },
  { label: 'Embeddings', detail: 'semantic search over the index', roles: ['embeddings'] },
] as const;
