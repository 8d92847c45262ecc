/**
 * Model settings: one block per role (completion, chat, edit, agent, embeddings) plus the network and
 * reliability knobs shared by all. API keys are not settings: they live in SecretStorage under
 * `banyan.apiKey.<role>` (see src/core/llm/config/roleConfig.ts).
 */
import { enumSetting, numberSetting, objectSetting, type SettingSpec, stringMapSetting, stringSetting } from './settingSpec';

export const PROVIDER_VALUES = ['ollama', 'openai-compatible', 'llamacpp', 'anthropic', 'embedded'] as const;
export const THINKING_VALUES = ['auto', 'off', 'on'] as const;
/** Roles that write code in place and must be fast: with `thinking: auto` they ask for no reasoning. */
export const NO_THINKING_BY_DEFAULT: ReadonlySet<string> = new Set(['completion', 'nextEdit']);
export const TEMPLATE_VALUES = [
  'auto', 'qwen25-coder', 'deepseek-coder', 'starcoder', 'starcoder2', 'codellama', 'codestral', 'codegemma', 'suffix-field', 'chat',
] as const;

/** One fallback endpoint of a role; unspecified fields come from the role itself. */
export interface FallbackSetting {
  readonly provider?: (typeof PROVIDER_VALUES)[number];
  readonly baseUrl?: string;
  readonly model: string;
  /** SecretStorage id of its key; default: the role's `banyan.apiKey.<role>`. */
  readonly secretId?: string;
}

interface RoleFields {
  provider: (typeof PROVIDER_VALUES)[number];
  baseUrl: string;
  model: string;
  template: (typeof TEMPLATE_VALUES)[number];
  maxTokens: number;
  temperature: number;
  contextWindow: number;
  connectTimeoutMs: number;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  extraHeaders: Readonly<Record<string, string>>;
  thinking: (typeof THINKING_VALUES)[number];
  extraBody: Readonly<Record<string, unknown>>;
  fallbacks: readonly FallbackSetting[];
}

type RoleSettingSpecs<R extends string> = {
  readonly [K in keyof RoleFields as `models.${R}.${K}`]: SettingSpec<RoleFields[K]>;
};

interface RoleDefaults {
  readonly model: string;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly firstTokenTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly maxRetries: number;
}

/** Where requests go and what they carry: never from an untrusted workspace. */
const RESTRICTED = { restricted: true } as const;

const PROVIDER_DESCRIPTIONS = [
  'Ollama: native `/api/generate` for raw FIM prompts, its OpenAI-compatible `/v1` for chat and embeddings.',
  'Any OpenAI-compatible endpoint (OpenAI, vLLM, LM Studio, llama.cpp `/v1`, DeepSeek, DashScope, OpenRouter, Mistral): `/v1/completions` for FIM, `/v1/chat/completions` for chat.',
  'llama.cpp server: native `/infill` for FIM, `/v1/chat/completions` for chat.',
  'Anthropic Messages API (prompt caching on); completions use a chat-style prompt.',
  'The built-in model: a GGUF file run by llama.cpp inside Banyan (no server to install). `model` is a catalogue id (**Banyan: Download Model…**) or the path of a `.gguf`; `baseUrl` is not used.',
];

function fallbackSetting(role: string): SettingSpec<readonly FallbackSetting[]> {
  return {
    type: 'array',
    default: [],
    markdownDescription: `Endpoints tried in order when the ${role} model fails or is marked down, e.g. \`[{"provider": "openai-compatible", "baseUrl": "https://api.deepseek.com", "model": "deepseek-chat", "secretId": "banyan.apiKey.deepseek"}]\`. Unset fields come from this role.`,
    items: { type: 'object' },
    restricted: true,
    coerce: (v) => {
      if (!Array.isArray(v)) return undefined;
      const out: FallbackSetting[] = [];
      for (const item of v) {
        if (typeof item !== 'object' || item === null) return undefined;
        const r = item as Record<string, unknown>;
        if (typeof r.model !== 'string' || !r.model) return undefined;
        if (r.provider !== undefined && !(PROVIDER_VALUES as readonly unknown[]).includes(r.provider)) return undefined;
        out.push({
          model: r.model,
          ...(typeof r.provider === 'string' ? { provider: r.provider as FallbackSetting['provider'] } : {}),
          ...(typeof r.baseUrl === 'string' && r.baseUrl ? { baseUrl: r.baseUrl } : {}),
          ...(typeof r.secretId === 'string' && r.secretId ? { secretId: r.secretId } : {}),
        });
      }
      return out;
    },
  };
}

function roleSettings<R extends string>(role: R, label: string, d: RoleDefaults): RoleSettingSpecs<R> {
  const p = `models.${role}`;
  const specs: Record<string, SettingSpec<unknown>> = {
    [`${p}.provider`]: enumSetting('ollama', PROVIDER_VALUES, `How Banyan talks to the ${label} model.`, PROVIDER_DESCRIPTIONS, RESTRICTED),
    [`${p}.baseUrl`]: stringSetting('http://127.0.0.1:11434', `Base URL of the ${label} endpoint, e.g. \`http://127.0.0.1:11434\` (Ollama), \`http://127.0.0.1:8080\` (llama.cpp), \`https://api.openai.com/v1\`. A trailing \`/v1\` is optional.`, RESTRICTED),
    [`${p}.model`]: stringSetting(d.model, `Model name for ${label}, as the endpoint lists it.`),
    [`${p}.template`]: enumSetting('auto', TEMPLATE_VALUES, `Prompt format for fill-in-the-middle. \`auto\` detects it from the model name; \`suffix-field\` uses the \`suffix\` field of \`/v1/completions\`; \`chat\` asks a chat model to fill the gap.`),
    [`${p}.maxTokens`]: numberSetting(d.maxTokens, `Most tokens the ${label} model may generate per request.`, { minimum: 1, maximum: 200_000, integer: true }),
    [`${p}.temperature`]: numberSetting(d.temperature, `Sampling temperature for ${label}.`, { minimum: 0, maximum: 2 }),
    [`${p}.contextWindow`]: numberSetting(0, `Context window of the ${label} model in tokens; 0 uses the known size for the model name (Ollama: 8192, sent as \`num_ctx\`). No request is ever larger than this.`, { minimum: 0, maximum: 10_000_000, integer: true }),
    [`${p}.connectTimeoutMs`]: numberSetting(5000, `Milliseconds to establish the TCP/TLS connection for ${label} requests.`, { minimum: 100, maximum: 600_000, integer: true }),
    [`${p}.firstTokenTimeoutMs`]: numberSetting(d.firstTokenTimeoutMs, `Milliseconds to wait for the first token of a ${label} answer (a cold model load counts).`, { minimum: 100, maximum: 3_600_000, integer: true }),
    [`${p}.totalTimeoutMs`]: numberSetting(d.totalTimeoutMs, `Milliseconds a whole ${label} request may take.`, { minimum: 100, maximum: 3_600_000, integer: true }),
    [`${p}.maxRetries`]: numberSetting(d.maxRetries, `Retries on 429, 5xx, timeouts and dropped connections for ${label} (exponential backoff with jitter, honouring Retry-After).${role === 'completion' ? ' Completions fail fast: keep 0.' : ''}`, { minimum: 0, maximum: 10, integer: true }),
    [`${p}.extraHeaders`]: stringMapSetting({}, `Extra HTTP headers for ${label} requests (not for keys: store keys with **Banyan: Configure Model**).`, RESTRICTED),
    [`${p}.thinking`]: enumSetting('auto', THINKING_VALUES, `Whether the ${label} model may reason before answering (reasoning models such as Qwen3, DeepSeek-R1, gpt-oss). Its reasoning is never inserted into code${role === 'chat' ? '; the chat panel shows it folded above the answer' : ''}.`, [
      `${NO_THINKING_BY_DEFAULT.has(role) ? 'Ask for no reasoning (this role writes code in place and must be fast)' : 'The server\'s default (completions ask for none: they must be fast)'}.`,
      'Ask for no reasoning where the server has a switch: Ollama `think: false`, `chat_template_kwargs.enable_thinking: false` (vLLM, SGLang, llama.cpp, LM Studio), DeepSeek `thinking.type: disabled`, OpenRouter `reasoning.enabled: false`. OpenAI\'s reasoning models cannot switch it off.',
      'The server\'s default: send no switch.',
    ]),
    [`${p}.extraBody`]: objectSetting({}, `Extra fields merged into every ${label} request body, for server options Banyan does not set, e.g. \`{"reasoning_effort": "low"}\` or \`{"chat_template_kwargs": {"enable_thinking": false}}\`. They win over Banyan's own fields.`),
    [`${p}.fallbacks`]: fallbackSetting(label),
  };
  return specs as unknown as RoleSettingSpecs<R>;
}

export const NEXT_EDIT_FORMAT_VALUES = ['auto', 'zeta', 'zeta2', 'sweep', 'chat'] as const;

/**
 * The next-edit role: empty model = not configured, and next-edit suggestions use the edit role's
 * endpoint with the `chat` format (see llm/config/roleConfig.ts). Its prompt format is its own setting.
 */
function nextEditRoleSettings() {
  const specs = roleSettings('nextEdit', 'next-edit', { model: '', maxTokens: 512, temperature: 0, firstTokenTimeoutMs: 10_000, totalTimeoutMs: 20_000, maxRetries: 0 });
  return {
    ...specs,
    'models.nextEdit.model': stringSetting('', 'Model for next-edit suggestions, as the endpoint lists it (e.g. `zeta`, `sweep-next-edit-1.5b`, `instinct`). Empty: the **edit** role\'s model is used, with the `chat` format.'),
    'models.nextEdit.format': enumSetting('auto', NEXT_EDIT_FORMAT_VALUES, 'Prompt format of the next-edit model. `auto` detects it from the model name (Zeta, Zeta2, Sweep next-edit; anything else gets `chat`).', [
      'Detected from the model name.',
      'Zeta / Instinct: `### User Edits:` diffs, the excerpt with editable-region and cursor markers; the model rewrites the region.',
      'Zeta2-style marker spans: the region cut into marked blocks, the model writes only the changed spans.',
      'Sweep next-edit: `<|file_sep|>` sections, `original/` and `current/` region, the model completes `updated/`.',
      'Any chat model: the region in a fenced block with a cursor marker; the answer is the rewritten region or `NO_CHANGE`.',
    ]),
  } as const;
}

export const modelSettings = {
  ...roleSettings('completion', 'completion', { model: 'qwen2.5-coder:1.5b-base', maxTokens: 128, temperature: 0.2, firstTokenTimeoutMs: 10_000, totalTimeoutMs: 20_000, maxRetries: 0 }),
  ...roleSettings('chat', 'chat', { model: 'qwen2.5-coder:7b-instruct', maxTokens: 4096, temperature: 0.2, firstTokenTimeoutMs: 60_000, totalTimeoutMs: 300_000, maxRetries: 3 }),
  ...roleSettings('edit', 'edit/rewrite', { model: 'qwen2.5-coder:7b-instruct', maxTokens: 4096, temperature: 0.1, firstTokenTimeoutMs: 60_000, totalTimeoutMs: 300_000, maxRetries: 3 }),
  ...roleSettings('agent', 'agent', { model: 'qwen2.5-coder:7b-instruct', maxTokens: 4096, temperature: 0.1, firstTokenTimeoutMs: 60_000, totalTimeoutMs: 600_000, maxRetries: 3 }),
  ...nextEditRoleSettings(),
  ...roleSettings('embeddings', 'embeddings', { model: 'nomic-embed-text', maxTokens: 1, temperature: 0, firstTokenTimeoutMs: 30_000, totalTimeoutMs: 60_000, maxRetries: 2 }),
  'models.maxConcurrentPerEndpoint': numberSetting(4, 'Most requests in flight to one endpoint at a time; more wait in a queue (a cancelled request leaves the queue).', { minimum: 1, maximum: 64, integer: true }),
  'models.circuitBreaker.failureThreshold': numberSetting(3, 'Consecutive failures (connection refused, timeouts, 5xx) after which an endpoint is marked down and skipped for its fallbacks.', { minimum: 1, maximum: 100, integer: true }),
  'models.circuitBreaker.cooldownMs': numberSetting(30_000, 'Milliseconds an endpoint stays marked down before a probe request checks whether it is back.', { minimum: 1000, maximum: 3_600_000, integer: true }),
  'models.caFile': stringSetting('', 'Path of a PEM file with extra certificate authorities (e.g. a corporate TLS-inspecting proxy). The system CA store and VS Code\'s `http.proxy`, `http.proxyStrictSSL` and `http.noProxy` are honoured as well.', RESTRICTED),
} as const;
