/**
 * The one entry point to models. Consumers call `complete` (FIM), `chat` (chat/edit/agent, tool
 * calls), `embed`; each streams StreamEvents and ends with one `done` carrying usage and timing.
 *
 * Per request this runs the role's endpoint chain (primary, then fallbacks). Per endpoint: circuit
 * breaker → concurrency slot → attempt with deadlines (connect, first token, total) → retries with
 * backoff on 429/5xx/timeouts/drops while nothing has been streamed yet. Aborting the caller's
 * signal, or breaking out of the loop (early stop), aborts the fetch and closes the socket.
 */
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import { type EndpointConfig, endpointKey, type ModelLayerConfig, thinkingFor } from './config/roleConfig';
import { runConnectionTest } from './diagnostics/connectionTest';
import { isAvailabilityFailure, ModelError } from './errors';
import type { ModelHostTransport } from './embedded/modelHostTransport';
import { planFim } from './fim/planFim';
import { RoleMetricsStore } from './metrics/roleMetrics';
import { createFetch, type FetchFn } from './network/httpFetch';
import { DispatcherPool, type NetworkSettings } from './network/proxy';
import { errorFromException } from './providers/httpErrors';
import type { ModelProvider, ProviderCall, ProviderEvent, RawUsage } from './providers/provider';
import { PROVIDERS } from './providers/providers';
import { type Clock, systemClock } from './reliability/clock';
import { type EndpointRuntime, EndpointRuntimes } from './reliability/endpointRuntime';
import { decideRetry } from './reliability/retryPolicy';
import { AttemptDeadline } from './reliability/timeouts';
import { StopScanner } from './streaming/stopSequences';
import { ThinkTagSplitter } from './streaming/thinkTags';
import { parseToolArguments } from './structured/repairJson';
import { budgetFor, contextWindowFor, countMessages, inputBudget, trimFim } from './tokens/contextWindow';
import { counterForModel } from './tokens/counterForModel';
import { countOnce } from './tokens/tokenCounter';
import type { TokenCounter } from './tokens/tokenCounter';
import type { ChatRequest, EmbeddingResult, EndpointHealth, FimRequest, FinishReason, ModelRole, ModelTestReport, Reasoning, ReasoningEcho, RawCompletionRequest, StreamEvent, Timing, ToolCall, Usage } from './types';

export interface ModelClient {
  /** Fill-in-the-middle for the completion role. Fails fast (retries per settings, default 0). */
  complete(req: FimRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent>;
  /** Streamed chat for chat/edit/agent, with tool calls; retried and failed over. */
  chat(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent>;
  embed(inputs: readonly string[], signal?: AbortSignal): Promise<EmbeddingResult>;
  /** The token counter for a role's primary model (exact for OpenAI models, calibrated estimate otherwise). */
  tokenCounter(role: ModelRole): TokenCounter;
  /** The primary model's context window in tokens. */
  contextWindow(role: ModelRole): number;
  /** Configured max output tokens of a role. */
  maxTokens(role: ModelRole): number;
}

export interface ModelHubOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Overrides the HTTP stack (tests, bench); default: undici with proxy/CA settings. */
  readonly fetch?: FetchFn;
  readonly random?: () => number;
  /** Runs the built-in model (provider `embedded`); the hub disposes it with itself. */
  readonly modelHost?: ModelHostTransport & { dispose?(): Promise<void> | void };
}

/** Approximate tokens FIM special tokens and file headers add on top of the pieces. */
const FIM_OVERHEAD = 32;

type InternalEvent = ProviderEvent | { type: 'vectors'; vectors: number[][]; usage?: RawUsage };

/** One finished request, for whoever keeps usage (the insights log, `banyan eval`). */
export interface ModelUsageEvent {
  readonly role: ModelRole;
  readonly model: string;
  readonly endpoint: string;
  readonly usage: Usage;
  /** The consumer stopped reading before the end (a completion's early stop): tokens counted so far. */
  readonly earlyStop: boolean;
}

interface AttemptSpec {
  readonly op: 'fim' | 'chat' | 'embed';
  /** Yield `thinking` events to the caller (it asked to show the reasoning). */
  readonly showThinking?: boolean;
  /** Builds the provider stream for one endpoint (after window checks). */
  build(e: EndpointConfig, provider: ModelProvider): BuiltAttempt;
}

interface BuiltAttempt {
  run: (call: ProviderCall) => AsyncGenerator<InternalEvent>;
  stop: readonly string[];
  promptTokens: number;
  clean?: (t: string) => string;
  /** A chat-style answer: a leading `<think>` block in it is reasoning (raw FIM output is only code). */
  thinkTags?: boolean;
}

export class ModelHub implements ModelClient {
  private config: ModelLayerConfig | undefined;
  private pool: DispatcherPool | undefined;
  private readonly fetches = new Map<number, FetchFn>();
  private readonly runtimes: EndpointRuntimes;
  private readonly metricsStore = new RoleMetricsStore();
  private readonly healthListeners = new Set<(h: EndpointHealth) => void>();
  private readonly usageListeners = new Set<(u: ModelUsageEvent) => void>();
  private readonly probeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Quirks already logged, per endpoint: each is said once. */
  private readonly loggedQuirks = new Set<string>();
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(private readonly options: ModelHubOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.runtimes = new EndpointRuntimes(this.clock);
  }

  /** Applies new settings/keys/network without a restart; breakers of unchanged endpoints are kept. */
  configure(config: ModelLayerConfig, net: NetworkSettings): void {
    const oldPool = this.pool;
    this.config = config;
    this.pool = new DispatcherPool(net);
    this.fetches.clear();
    void oldPool?.close();
    const keys = new Set<string>();
    for (const chain of Object.values(config.roles)) for (const e of chain) keys.add(endpointKey(e));
    this.runtimes.retain(keys);
    for (const chain of Object.values(config.roles)) for (const e of chain) this.runtime(e);
  }

  currentConfig(): ModelLayerConfig {
    if (!this.config) throw new ModelError('config', 'the model layer is not configured yet');
    return this.config;
  }

  endpoints(role: ModelRole): readonly EndpointConfig[] {
    return this.currentConfig().roles[role];
  }

  tokenCounter(role: ModelRole): TokenCounter {
    return counterForModel(this.primary(role).model);
  }

  contextWindow(role: ModelRole): number {
    const e = this.primary(role);
    return contextWindowFor(e.model, e.provider, e.contextWindow);
  }

  maxTokens(role: ModelRole): number {
    return this.primary(role).maxTokens;
  }

  metrics() {
    return this.metricsStore.snapshot();
  }

  onHealth(listener: (h: EndpointHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Called after every request that got an answer, early stops included. */
  onUsage(listener: (u: ModelUsageEvent) => void): () => void {
    this.usageListeners.add(listener);
    return () => this.usageListeners.delete(listener);
  }

  // ─────────────── requests ───────────────

  complete(req: FimRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
    return this.stream('completion', signal, {
      op: 'fim',
      build: (e, provider) => {
        const counter = countOnce(counterForModel(e.model));
        const window = contextWindowFor(e.model, e.provider, e.contextWindow);
        const maxTokens = Math.min(req.maxTokens ?? e.maxTokens, Math.max(1, window - FIM_OVERHEAD - 64));
        // Completions trim to fit rather than fail: the code nearest the cursor is kept.
        const fitted = trimFim({ ...req }, inputBudget(window, maxTokens), counter, FIM_OVERHEAD);
        const plan = planFim(e, fitted);
        const temperature = req.temperature ?? e.temperature;
        const promptTokens = FIM_OVERHEAD + counter.count(fitted.prefix) + counter.count(fitted.suffix) + (fitted.snippets ?? []).reduce((n, s) => n + counter.count(s.content), 0);
        if (plan.prompt.kind === 'chat' || !provider.supportsRawFim) {
          // Chat-only models (and providers without a FIM API) fill a marked hole instead.
          const chatPlan = plan.prompt.kind === 'chat' ? plan : planFim({ ...e, template: 'chat' }, fitted);
          const chatPrompt = chatPlan.prompt;
          const messages = chatPrompt.kind === 'chat' ? chatPrompt.messages : [];
          return {
            run: (call) => provider.chat(call, { messages, maxTokens, temperature, stop: chatPrompt.stop, thinking: thinkingFor(e), contextWindow: window }),
            stop: chatPrompt.stop, promptTokens, clean: (t) => chatPlan.template.clean?.(t) ?? t, thinkTags: true,
          };
        }
        const prompt = plan.prompt;
        return { run: (call) => provider.fim(call, { prompt, maxTokens, temperature, contextWindow: window, thinking: thinkingFor(e) }), stop: prompt.stop, promptTokens };
      },
    });
  }

  /**
   * A prompt sent as it is (no chat template, no FIM tokens added) to a role's endpoints: models with a
   * format of their own (next-edit models). Providers without raw completions fail with a config error.
   */
  completeRaw(role: ModelRole, req: RawCompletionRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
    return this.stream(role, signal, {
      op: 'fim',
      build: (e, provider) => {
        if (!provider.supportsRawFim) {
          throw new ModelError('config', `the ${e.provider} provider cannot send a raw prompt, which the ${role} model's format needs`, {
            fix: `Use a provider with raw completions (ollama, llamacpp, openai-compatible) for banyan.models.${role}, or set its format to chat`,
          });
        }
        const counter = counterForModel(e.model);
        const window = contextWindowFor(e.model, e.provider, e.contextWindow);
        const promptTokens = counter.count(req.prompt);
        const wanted = req.maxTokens ?? e.maxTokens;
        const budget = budgetFor(window, promptTokens, wanted);
        if (!budget.fits) throw new ModelError('contextWindow', `the prompt needs about ${promptTokens} tokens plus ${wanted} for the answer, but ${e.model} has a ${window}-token window`);
        const prompt = { kind: 'raw' as const, prompt: req.prompt, stop: req.stop };
        return { run: (call) => provider.fim(call, { prompt, maxTokens: budget.maxTokens, temperature: req.temperature ?? e.temperature, contextWindow: window, thinking: thinkingFor(e) }), stop: req.stop, promptTokens };
      },
    });
  }

  chat(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent> {
    return this.stream(req.role, signal, {
      op: 'chat',
      ...(req.thinking ? { showThinking: true } : {}),
      build: (e, provider) => {
        const counter = counterForModel(e.model);
        const window = contextWindowFor(e.model, e.provider, e.contextWindow);
        const toolTokens = (req.tools ?? []).reduce((n, t) => n + counter.count(JSON.stringify(t)), 0);
        const promptTokens = countMessages(req.messages, counter) + toolTokens;
        const wanted = req.maxTokens ?? e.maxTokens;
        const budget = budgetFor(window, promptTokens, wanted);
        if (!budget.fits) {
          throw new ModelError('contextWindow', `the request needs about ${promptTokens} tokens plus ${wanted} for the answer, but ${e.model} has a ${window}-token window`, {
            fix: `Shorten the conversation or the attached context (consumers trim with trimMessages), or set banyan.models.${e.role}.contextWindow if the model's window is larger`,
          });
        }
        const stop = req.stop ?? [];
        return {
          run: (call) => provider.chat(call, {
            messages: req.messages, ...(req.tools ? { tools: req.tools } : {}), maxTokens: budget.maxTokens, temperature: req.temperature ?? e.temperature, stop,
            ...(req.json ? { json: true } : {}), thinking: thinkingFor(e), contextWindow: window,
          }),
          stop,
          promptTokens,
          thinkTags: true,
        };
      },
    });
  }

  async embed(inputs: readonly string[], signal?: AbortSignal): Promise<EmbeddingResult> {
    let result: EmbeddingResult | undefined;
    let vectors: number[][] = [];
    for await (const ev of this.stream('embeddings', signal, {
      op: 'embed',
      build: (e, provider) => {
        const counter = counterForModel(e.model);
        return {
          run: async function* (call) {
            const r = await provider.embed(call, inputs);
            vectors = r.vectors;
            yield { type: 'vectors', vectors: r.vectors, ...(r.usage ? { usage: r.usage } : {}) };
            yield { type: 'finish', reason: 'stop' };
          },
          stop: [],
          promptTokens: inputs.reduce((n, t) => n + counter.count(t), 0),
        };
      },
    })) {
      if (ev.type === 'done') result = { vectors, model: ev.model, usage: ev.usage };
    }
    if (!result) throw new ModelError('badResponse', 'the embeddings request ended without a result');
    return result;
  }

  /** Lists the models of any endpoint (Configure Model), without breaker or retries. */
  async listModels(e: EndpointConfig, signal?: AbortSignal): Promise<string[]> {
    const { call, dispose } = this.directCall(e, signal);
    try {
      return await PROVIDERS[e.provider].listModels(call);
    } catch (err) {
      throw errorFromException(err, undefined, { endpoint: e, route: '(model list)' });
    } finally {
      dispose();
    }
  }

  /** Runs the connection test for the given roles (all when omitted) directly against each primary endpoint. */
  test(roles: readonly ModelRole[] | undefined, signal?: AbortSignal): Promise<ModelTestReport[]> {
    const cfg = this.currentConfig();
    // A role running on another role's endpoints is tested as that role.
    const chosen = roles?.length ? roles : (Object.keys(cfg.roles) as ModelRole[]).filter((r) => !cfg.roles[r][0]!.inheritedFrom);
    return runConnectionTest(chosen.map((r) => cfg.roles[r][0]!), {
      provider: (kind) => PROVIDERS[kind],
      call: (e, s) => this.directCall(e, s),
      clock: this.clock,
      ...(signal ? { signal } : {}),
    });
  }

  /** Sends a cheap model-list request to every endpoint marked down whose cooldown has passed. */
  async probeDownEndpoints(): Promise<void> {
    const cfg = this.config;
    if (!cfg) return;
    const seen = new Set<string>();
    for (const chain of Object.values(cfg.roles)) {
      for (const e of chain) {
        const rt = this.runtime(e);
        if (seen.has(rt.key) || rt.breaker.current() !== 'halfOpen' || !rt.breaker.tryAcquire()) continue;
        seen.add(rt.key);
        const { call, dispose } = this.directCall(e, undefined);
        try {
          await PROVIDERS[e.provider].listModels(call);
          this.logger.info(`model endpoint ${e.baseUrl} (${e.model}) is reachable again`);
          rt.breaker.recordSuccess();
        } catch (err) {
          const me = errorFromException(err, undefined, { endpoint: e, route: '(probe)' });
          if (isAvailabilityFailure(me)) rt.breaker.recordFailure(me.message);
          else rt.breaker.recordSuccess();
        } finally {
          dispose();
        }
      }
    }
  }

  async dispose(): Promise<void> {
    for (const t of this.probeTimers.values()) clearTimeout(t);
    this.probeTimers.clear();
    await this.pool?.close();
    await this.options.modelHost?.dispose?.();
  }

  private hostPart(): { modelHost?: ModelHostTransport } {
    return this.options.modelHost ? { modelHost: this.options.modelHost } : {};
  }

  // ─────────────── the reliability loop ───────────────

  private async *stream(role: ModelRole, signal: AbortSignal | undefined, spec: AttemptSpec): AsyncGenerator<StreamEvent> {
    const chain = this.currentConfig().roles[role];
    const failures: ModelError[] = [];
    for (const e of chain) {
      const rt = this.runtime(e);
      if (!rt.breaker.tryAcquire()) {
        failures.push(new ModelError('circuitOpen', `${e.baseUrl} (${e.model}) is marked down after repeated failures (${rt.breaker.reason() ?? 'unreachable'})`, {
          endpoint: e.baseUrl, fix: `Banyan probes it again in ${Math.ceil(rt.breaker.msUntilProbe() / 1000)} s; check that the server runs`,
        }));
        continue;
      }
      const provider = PROVIDERS[e.provider];
      let built: BuiltAttempt;
      try {
        built = spec.build(e, provider);
      } catch (err) {
        rt.breaker.release();
        failures.push(err instanceof ModelError ? err : new ModelError('config', String(err)));
        continue;
      }
      for (let attempt = 1; ; attempt++) {
        const outcome = yield* this.attempt(role, e, rt, built, spec, attempt, signal);
        if (outcome.ok) return;
        const err = outcome.error;
        if (err.kind === 'aborted' || outcome.streamed) throw err;
        const decision = decideRetry(err, attempt, { maxRetries: e.maxRetries, ...(this.options.random ? { random: this.options.random } : {}) });
        if (decision.retry && rt.breaker.tryAcquire()) {
          this.logger.debug(`model ${role}: retrying ${e.baseUrl} in ${decision.delayMs} ms after ${err.kind} (attempt ${attempt + 1} of ${e.maxRetries + 1})`);
          try {
            await this.clock.sleep(decision.delayMs, signal);
          } catch {
            rt.breaker.release();
            throw new ModelError('aborted', 'the request was cancelled');
          }
          continue;
        }
        failures.push(err);
        break;
      }
    }
    throw combine(role, failures);
  }

  /** One try against one endpoint; yields the consumer's events, returns the verdict. */
  private async *attempt(
    role: ModelRole, e: EndpointConfig, rt: EndpointRuntime,
    built: BuiltAttempt, spec: AttemptSpec, attempt: number, signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamEvent, { ok: true } | { ok: false; error: ModelError; streamed: boolean }> {
    const op = spec.op;
    const queuedAt = this.clock.now();
    let release: () => void;
    try {
      release = await rt.limiter.acquire(signal);
    } catch {
      rt.breaker.release();
      return { ok: false, error: new ModelError('aborted', 'the request was cancelled while waiting for a free slot'), streamed: false };
    }
    const started = this.clock.now();
    const deadline = new AttemptDeadline(signal, e.timeouts, `models.${e.role}`);
    let headersAt = 0;
    let firstAt = 0;
    let text = '';
    let streamed = false;
    let finish: string | undefined;
    let usage: RawUsage = {};
    const toolCalls: ToolCall[] = [];
    const scanner = new StopScanner(built.stop);
    const buffered = Boolean(built.clean);
    const splitter = built.thinkTags ? new ThinkTagSplitter() : undefined;
    const thought = { text: '', startedAt: 0, endedAt: 0, echo: undefined as ReasoningEcho | undefined };
    const quirks: string[] = [];
    const call: ProviderCall = { endpoint: e, fetch: this.fetchFor(e), signal: deadline.signal, onHeaders: () => (headersAt ||= this.clock.now()), ...this.hostPart() };
    const gen = built.run(call);
    let finished = false;
    let failed = false;
    // Reasoning is kept apart from the answer; the caller sees it only when it asked to.
    const think = (t: string): StreamEvent | undefined => {
      if (!t) return undefined;
      thought.startedAt ||= this.clock.now();
      thought.text += t;
      if (!spec.showThinking) return undefined;
      streamed = true;
      return { type: 'thinking', text: t };
    };
    const answered = () => {
      if (thought.startedAt && !thought.endedAt) thought.endedAt = this.clock.now();
    };
    try {
      for await (const ev of gen) {
        if (ev.type === 'text' || ev.type === 'reasoning' || ev.type === 'toolCall' || ev.type === 'vectors') {
          if (!firstAt) {
            firstAt = this.clock.now();
            // Reasoning tokens prove the model is generating: they count as the first token.
            deadline.gotFirstToken();
          }
        }
        if (ev.type === 'reasoning') {
          const out = think(ev.text);
          if (out) yield out;
        } else if (ev.type === 'text') {
          const split = splitter ? splitter.push(ev.text) : { thinking: '', text: ev.text };
          const out = think(split.thinking);
          if (out) yield out;
          if (!split.text) continue;
          answered();
          const kept = scanner.push(split.text);
          text += kept;
          if (kept && !buffered) {
            streamed = true;
            yield { type: 'text', text: kept };
          }
          if (scanner.hasStopped) {
            finish = 'stop';
            break; // early stop: the finally below closes the socket
          }
        } else if (ev.type === 'toolCall') {
          answered();
          const parsed = parseToolArguments(ev.rawArguments);
          const tc: ToolCall = parsed.ok
            ? { id: ev.id, name: ev.name, arguments: parsed.value, rawArguments: ev.rawArguments }
            : { id: ev.id, name: ev.name, arguments: {}, rawArguments: ev.rawArguments, argumentsError: parsed.error };
          if (!parsed.ok) this.logger.warn(`model ${role}: tool call ${ev.name} had unusable arguments: ${parsed.error}`);
          toolCalls.push(tc);
          streamed = true;
          yield { type: 'toolCall', call: tc };
        } else if (ev.type === 'usage') {
          usage = { ...usage, ...Object.fromEntries(Object.entries(ev.usage).filter(([, v]) => v !== undefined)) };
        } else if (ev.type === 'finish') {
          finish = ev.reason;
        } else if (ev.type === 'reasoningEcho') {
          thought.echo = ev.echo;
        } else if (ev.type === 'quirk') {
          quirks.push(ev.note);
        } else if (ev.type === 'vectors' && ev.usage) {
          usage = { ...usage, ...ev.usage };
        }
      }
      if (splitter) {
        const rest = splitter.flush();
        const out = think(rest.thinking);
        if (out) yield out;
        if (rest.text && !scanner.hasStopped) {
          const kept = scanner.push(rest.text);
          text += kept;
          if (kept && !buffered) yield { type: 'text', text: kept };
        }
        if (splitter.foundTags) quirks.push('reasoning sent inside <think> tags in the answer: separated');
      }
      const tail = scanner.flush();
      text += tail;
      if (buffered) {
        const cleaned = built.clean!(text);
        text = cleaned;
        if (cleaned) yield { type: 'text', text: cleaned };
      } else if (tail) yield { type: 'text', text: tail };
      finished = true;
    } catch (err) {
      failed = true;
      const error = toModelError(err, deadline, e, op);
      const timing = this.timing(queuedAt, started, headersAt, firstAt, attempt);
      this.afterFailure(role, e, rt, error, timing, streamed ? text : undefined);
      return { ok: false, error: streamed ? error.with({ partialText: text }) : error, streamed };
    } finally {
      deadline.dispose();
      release();
      if (!finished) {
        // Consumer stopped early or an error happened: abort so the socket closes now.
        deadline.cancel();
        await gen.return(undefined).catch(() => undefined);
        // An early stop is an answer: its tokens count (counted here, the API never said).
        if (!failed && firstAt) {
          const counted = this.countedUsage(e, built.promptTokens, text, usage, [], thought.text);
          this.recordUsage(role, e, counted, true);
          this.metricsStore.record(role, { ok: true, latencyMs: this.clock.now() - started, usage: counted });
        }
      } else if (finish === 'stop' && scanner.hasStopped) {
        deadline.cancel();
        await gen.return(undefined).catch(() => undefined);
      }
    }
    const finalUsage = this.countedUsage(e, built.promptTokens, text, usage, toolCalls, thought.text);
    const timing = this.timing(queuedAt, started, headersAt, firstAt, attempt);
    rt.breaker.recordSuccess();
    this.setHealth(e, 'up');
    this.recordUsage(role, e, finalUsage, false);
    this.metricsStore.record(role, { ok: true, latencyMs: timing.totalMs, usage: finalUsage });
    this.logQuirks(e, quirks);
    this.logger.debug(`model ${role} ${op} ${e.baseUrl} model=${e.model} attempt=${attempt} ok queued=${timing.queuedMs}ms headers=${timing.headersMs}ms first=${timing.firstTokenMs}ms total=${timing.totalMs}ms tokens=${finalUsage.promptTokens}/${finalUsage.completionTokens} cached=${finalUsage.cachedTokens}${finalUsage.reported ? '' : ' (counted)'}${thought.text ? ` reasoning=${thought.text.length}chars` : ''}`);
    const reasoning: Reasoning | undefined = thought.text || thought.echo
      ? { text: thought.text, durationMs: thought.startedAt ? (thought.endedAt || this.clock.now()) - thought.startedAt : 0, ...(thought.echo ? { echo: thought.echo } : {}) }
      : undefined;
    yield {
      type: 'done', finishReason: mapFinish(finish, toolCalls.length > 0), usage: finalUsage, timing, endpoint: e.baseUrl, model: e.model,
      ...(reasoning ? { reasoning } : {}), ...(quirks.length ? { quirks } : {}),
    };
    return { ok: true };
  }

  /** The API's numbers where it gave them, Banyan's count otherwise (reasoning tokens are generated tokens too). */
  private countedUsage(e: EndpointConfig, promptTokens: number, text: string, usage: RawUsage, toolCalls: readonly ToolCall[] = [], reasoning = ''): Usage {
    const counter = counterForModel(e.model);
    return {
      promptTokens: usage.promptTokens ?? promptTokens,
      completionTokens: usage.completionTokens ?? counter.count(text) + counter.count(reasoning) + toolCalls.reduce((n, t) => n + counter.count(t.rawArguments), 0),
      cachedTokens: usage.cachedTokens ?? 0,
      reported: usage.promptTokens !== undefined || usage.completionTokens !== undefined,
    };
  }

  private recordUsage(role: ModelRole, e: EndpointConfig, usage: Usage, earlyStop: boolean): void {
    for (const l of this.usageListeners) {
      try {
        l({ role, model: e.model, endpoint: e.baseUrl, usage, earlyStop });
      } catch (err) {
        this.logger.warn(`a model usage listener failed: ${String(err)}`);
      }
    }
  }

  /** Each tolerated quirk of an endpoint once in the log, so "why did that work?" has an answer. */
  private logQuirks(e: EndpointConfig, quirks: readonly string[]): void {
    for (const q of quirks) {
      const key = `${endpointKey(e)} ${q}`;
      if (this.loggedQuirks.has(key)) continue;
      this.loggedQuirks.add(key);
      this.logger.info(`model endpoint ${e.baseUrl} (${e.model}): ${q}`);
    }
  }

  private afterFailure(role: ModelRole, e: EndpointConfig, rt: EndpointRuntime, error: ModelError, timing: Timing, partial: string | undefined): void {
    if (error.kind === 'aborted') rt.breaker.release();
    else if (isAvailabilityFailure(error)) {
      const before = rt.breaker.current();
      rt.breaker.recordFailure(error.message);
      if (rt.breaker.current() === 'open' && before !== 'open') {
        this.logger.warn(`model endpoint ${e.baseUrl} (${e.model}) marked down after repeated failures: ${error.message}`);
        this.setHealth(e, 'down', error.describe());
        this.scheduleProbe(rt);
      }
    } else if (error.kind === 'badResponse') rt.breaker.release();
    // Any other answer (401, 404, 429, 400) proves the server is up.
    else rt.breaker.recordSuccess();
    if (error.kind !== 'aborted') this.metricsStore.record(role, { ok: false, latencyMs: timing.totalMs });
    const line = `model ${role} ${e.baseUrl} model=${e.model} attempt=${timing.attempts} failed ${error.kind}${error.status ? ` ${error.status}` : ''} queued=${timing.queuedMs}ms headers=${timing.headersMs}ms first=${timing.firstTokenMs}ms total=${timing.totalMs}ms${partial ? ` after ${partial.length} chars` : ''}: ${error.message}`;
    this.logger.debug(line);
  }

  private timing(queuedAt: number, started: number, headersAt: number, firstAt: number, attempts: number): Timing {
    const now = this.clock.now();
    return { queuedMs: started - queuedAt, headersMs: headersAt ? headersAt - started : 0, firstTokenMs: firstAt ? firstAt - started : 0, totalMs: now - started, attempts };
  }

  private runtime(e: EndpointConfig): EndpointRuntime {
    const cfg = this.currentConfig();
    return this.runtimes.get(endpointKey(e), { ...cfg.breaker, maxConcurrent: cfg.maxConcurrentPerEndpoint }, (rt) => {
      rt.breaker.onChange((state, message) => {
        if (state === 'closed') this.setHealthByKey(rt.key, 'up');
        else if (state === 'open' && message) this.setHealthByKey(rt.key, 'down', message);
      });
    });
  }

  private scheduleProbe(rt: EndpointRuntime): void {
    if (this.probeTimers.has(rt.key)) return;
    const t = setTimeout(() => {
      this.probeTimers.delete(rt.key);
      void this.probeDownEndpoints().then(() => {
        if (rt.breaker.current() !== 'closed') this.scheduleProbe(rt);
      });
    }, Math.max(50, rt.breaker.msUntilProbe()));
    t.unref?.();
    this.probeTimers.set(rt.key, t);
  }

  private setHealth(e: EndpointConfig, state: EndpointHealth['state'], message?: string): void {
    this.setHealthByKey(endpointKey(e), state, message);
  }

  private setHealthByKey(key: string, state: EndpointHealth['state'], message?: string): void {
    const cfg = this.config;
    if (!cfg) return;
    for (const [role, chain] of Object.entries(cfg.roles)) {
      const primary = chain[0];
      if (!primary || endpointKey(primary) !== key) continue;
      const h: EndpointHealth = { role, endpoint: `${primary.baseUrl} (${primary.model})`, state, ...(message ? { message } : {}) };
      for (const l of this.healthListeners) l(h);
    }
  }

  private primary(role: ModelRole): EndpointConfig {
    return this.currentConfig().roles[role][0]!;
  }

  private fetchFor(e: EndpointConfig): FetchFn {
    if (this.options.fetch) return this.options.fetch;
    if (!this.pool) throw new ModelError('config', 'the model layer is not configured yet');
    // One fetch per connect timeout and pool: providers cache their SDK clients by it.
    let f = this.fetches.get(e.timeouts.connectMs);
    if (!f) this.fetches.set(e.timeouts.connectMs, (f = createFetch(this.pool, e.timeouts.connectMs)));
    return f;
  }

  /** A provider call straight at an endpoint, with its deadlines, for tests and probes. */
  private directCall(e: EndpointConfig, signal: AbortSignal | undefined): { call: ProviderCall; deadline: AttemptDeadline; dispose: () => void } {
    const deadline = new AttemptDeadline(signal, e.timeouts, `models.${e.role}`);
    const call: ProviderCall = { endpoint: e, fetch: this.fetchFor(e), signal: deadline.signal, onHeaders: () => undefined, ...this.hostPart() };
    return { call, deadline, dispose: () => deadline.dispose() };
  }
}

function toModelError(err: unknown, deadline: AttemptDeadline, e: EndpointConfig, op: string): ModelError {
  const reason = deadline.reason();
  if (reason) return reason;
  return errorFromException(err, undefined, { endpoint: e, route: `(${op})` });
}

/** Every server's word for why it stopped → ours. */
function mapFinish(reason: string | undefined, hadTools: boolean): FinishReason {
  if (hadTools || reason === 'tool_calls' || reason === 'tool_use' || reason === 'function_call') return 'tool_calls';
  if (reason === 'length' || reason === 'max_tokens' || reason === 'limit') return 'length';
  if (reason === 'stop' || reason === 'end_turn' || reason === 'eos' || reason === 'stop_sequence' || reason === 'word') return 'stop';
  return reason ? 'other' : 'stop';
}

/** One error for a failed chain: the primary's kind and fix, every endpoint's reason in the message. */
function combine(role: ModelRole, failures: readonly ModelError[]): ModelError {
  if (!failures.length) return new ModelError('config', `no endpoint is configured for ${role}`, { fix: `Set banyan.models.${role}.baseUrl and model` });
  if (failures.length === 1) return failures[0]!;
  const first = failures[0]!;
  return new ModelError(first.kind, `every ${role} endpoint failed: ${failures.map((f, i) => `${i === 0 ? 'primary' : `fallback ${i}`}: ${f.message}`).join('; ')}`, {
    ...(first.fix ? { fix: first.fix } : {}), ...(first.status ? { status: first.status } : {}), cause: first,
  });
}

