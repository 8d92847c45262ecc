/**
 * What the model host does with node-llama-cpp: loads GGUF files lazily (one load per file, shared by
 * every role that names it), keeps them warm, unloads them after the idle time, and serves FIM, chat
 * and embeddings on separate sequences of one context so completion and chat run side by side.
 * Completion requests always use the same sequence, so a prompt that starts like the last one reuses
 * its KV cache (keystrokes only change the end of the prefix).
 */
import * as os from 'node:os';
import type { Llama, LlamaChat, LlamaCompletion, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaGrammar, LlamaModel, Token } from 'node-llama-cpp';
import { ModelError } from '../core/llm/errors';
import type { HostCall, HostChatRequest, HostEmbedRequest, HostEvent, HostFimRequest, HostHardware, HostModelInfo, HostModelRef, HostOptions } from '../core/llm/embedded/hostProtocol';
import { chatFunctions, chatHistory } from './chatHistory';
import { commonPrefixLength, fimTokens, hasFimTokens } from './fimTokens';
import { LaneLock } from './laneLock';

type NodeLlamaCpp = typeof import('node-llama-cpp');
type Streamed = Exclude<HostEvent, { type: 'done' | 'result' | 'error' }>;
export type Emit = (event: DistributiveOmit<Streamed, 'id'>) => void;
export type Final = DistributiveOmit<Extract<HostEvent, { type: 'done' | 'result' }>, 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type HostLog = (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void;

/** Context size when the setting says 0: the training window, at most this. */
const DEFAULT_CONTEXT = 8192;

class LoadedModel {
  readonly completionLane = new LaneLock();
  readonly chatLane = new LaneLock();
  readonly embedLane = new LaneLock();
  lastUsed = Date.now();
  active = 0;
  private generation: Promise<{ context: LlamaContext; completionSeq: LlamaContextSequence; chatSeq: LlamaContextSequence; completion: LlamaCompletion; chat: LlamaChat; fimChat: LlamaChat }> | undefined;
  private embedding: Promise<LlamaEmbeddingContext> | undefined;

  constructor(readonly ref: HostModelRef, readonly model: LlamaModel, readonly info: HostModelInfo, private readonly lib: NodeLlamaCpp, private readonly threads: number) {}

  /** The generation context: two sequences, completion and chat (created on first use: embedding models never need it). */
  gen() {
    this.generation ??= (async () => {
      const context = await this.model.createContext({ contextSize: this.info.contextSize, sequences: 2, threads: this.threads });
      const completionSeq = context.getSequence();
      const chatSeq = context.getSequence();
      return {
        context, completionSeq, chatSeq,
        completion: new this.lib.LlamaCompletion({ contextSequence: completionSeq }),
        chat: new this.lib.LlamaChat({ contextSequence: chatSeq }),
        // Models without FIM tokens or a known format answer completions through their chat template.
        fimChat: new this.lib.LlamaChat({ contextSequence: completionSeq }),
      };
    })().catch((err: unknown) => {
      this.generation = undefined;
      throw new ModelError('config', `${this.ref.label} could not get a context of ${this.info.contextSize} tokens: ${messageOf(err)}`, { fix: 'Lower banyan.models.embedded.contextSize or pick a smaller model' });
    });
    return this.generation;
  }

  embed() {
    this.embedding ??= this.model.createEmbeddingContext({ contextSize: Math.min(this.info.contextSize, this.info.trainContextSize || this.info.contextSize), threads: this.threads }).catch((err: unknown) => {
      this.embedding = undefined;
      throw new ModelError('config', `${this.ref.label} cannot compute embeddings: ${messageOf(err)}`, { fix: 'Pick an embedding model (e.g. nomic-embed-text) for banyan.models.embeddings.model' });
    });
    return this.embedding;
  }

  async dispose(): Promise<void> {
    const gen = await this.generation?.catch(() => undefined);
    const emb = await this.embedding?.catch(() => undefined);
    await emb?.dispose();
    await gen?.context.dispose();
    await this.model.dispose();
  }
}

export class LlamaRuntime {
  private llama: Promise<Llama> | undefined;
  private lib: Promise<NodeLlamaCpp> | undefined;
  private readonly models = new Map<string, Promise<LoadedModel>>();
  private idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private options: HostOptions,
    private readonly log: HostLog,
    private readonly importRuntime: () => Promise<NodeLlamaCpp> = () => import('node-llama-cpp'),
  ) {
    this.scheduleIdleCheck();
  }

  async configure(options: HostOptions): Promise<void> {
    const gpuChanged = options.gpu !== this.options.gpu;
    const reload = gpuChanged || options.threads !== this.options.threads || options.contextSize !== this.options.contextSize;
    this.options = options;
    this.scheduleIdleCheck();
    if (!reload) return;
    // The GPU choice is made when the runtime loads: the next request loads it again. Dropped before
    // the await, so a request arriving meanwhile loads its model on the new runtime, not on one that
    // is then forgotten (a grammar from a second runtime would not fit that model).
    if (gpuChanged) this.llama = undefined;
    await this.unloadAll();
  }

  /** Loads the runtime (not a model) so the first request does not pay for it. */
  async warmUp(): Promise<void> {
    await this.runtime();
  }

  /** Runs one call; streamed events go to `emit`, the final one is returned. Throws ModelError. */
  async run(call: HostCall, emit: Emit, signal: AbortSignal): Promise<Final> {
    switch (call.op) {
      case 'hardware':
        return { type: 'result', value: await this.hardware() };
      case 'describe': {
        const m = await this.load(call.model);
        return { type: 'result', value: m.info };
      }
      case 'fim':
        return this.withModel(call.model, (m) => this.fim(m, call, emit, signal));
      case 'chat':
        return this.withModel(call.model, (m) => this.chat(m, call, emit, signal));
      case 'embed':
        return this.withModel(call.model, (m) => this.embed(m, call, signal));
    }
  }

  async dispose(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    await this.unloadAll();
  }

  // ─────────────── operations ───────────────

  private async fim(m: LoadedModel, call: HostFimRequest, emit: Emit, signal: AbortSignal): Promise<Final> {
    const release = await m.completionLane.acquire(signal);
    try {
      const gen = await m.gen();
      const tokens = m.model.tokens;
      const vocab = { prefix: tokens.infill.prefix, suffix: tokens.infill.suffix, middle: tokens.infill.middle };
      const budget = gen.context.contextSize - call.maxTokens;
      let input: Token[];
      let mode: 'tokens' | 'template';
      const stops: (string | Token[])[] = [...call.stop];
      if (call.infill && hasFimTokens(vocab)) {
        mode = 'tokens';
        input = fimTokens({ ...vocab, tokenize: (t) => m.model.tokenize(t, false) }, call.infill.prefix, call.infill.suffix, budget) as Token[];
        for (const t of [vocab.prefix, vocab.suffix, vocab.middle]) stops.push([t as Token]);
      } else if (call.template) {
        mode = 'template';
        input = m.model.tokenize(call.template.prompt, true);
        stops.push(...call.template.stop);
        if (input.length > budget) {
          throw new ModelError('contextWindow', `the completion prompt has ${input.length} tokens, more than the ${budget} that fit ${m.ref.label}'s ${gen.context.contextSize}-token context with the answer`, { fix: 'Raise banyan.models.embedded.contextSize or lower banyan.completion.contextTokens' });
        }
      } else if (call.chat) {
        return await this.chatOn(gen.fimChat, gen.completionSeq, call.chat, undefined, call.stop, call.maxTokens, call.temperature, emit, signal, true);
      } else {
        throw new ModelError('config', `${m.ref.label} has no fill-in-the-middle tokens and its FIM format is unknown`, { fix: 'Set banyan.models.completion.template to the model\'s family, or pick a FIM model (Banyan: Download Model…)' });
      }
      // What the sequence still holds from the last request (node-llama-cpp may have put a BOS first).
      const held = gen.completionSeq.contextTokens;
      const bos = m.model.tokens.bos;
      const cached = Math.max(0, commonPrefixLength(held[0] === bos && input[0] !== bos ? held.slice(1) : held, input) - 1);
      emit({ type: 'prompt', fimMode: mode, promptTokens: input.length, cachedTokens: cached });
      let generated = 0;
      const res = await gen.completion.generateCompletionWithMeta(input, {
        signal, maxTokens: call.maxTokens, temperature: call.temperature, repeatPenalty: false,
        customStopTriggers: stops.filter((s) => s.length > 0),
        onToken: (t) => (generated += t.length),
        onTextChunk: (text) => text && emit({ type: 'text', text }),
      });
      return { type: 'done', finish: res.metadata.stopReason === 'maxTokens' ? 'length' : 'stop', usage: { promptTokens: input.length, completionTokens: generated, cachedTokens: cached } };
    } finally {
      release();
    }
  }

  private async chat(m: LoadedModel, call: HostChatRequest, emit: Emit, signal: AbortSignal): Promise<Final> {
    const release = await m.chatLane.acquire(signal);
    try {
      const gen = await m.gen();
      // JSON answers are held to llama.cpp's JSON grammar (tool calls have their own).
      // The model's own runtime: a grammar from another Llama instance is refused by node-llama-cpp.
      const grammar = call.json && !call.tools?.length ? await m.model.llama.getGrammarFor('json') : undefined;
      return await this.chatOn(gen.chat, gen.chatSeq, call.messages, call.tools, call.stop, call.maxTokens, call.temperature, emit, signal, false, grammar);
    } finally {
      release();
    }
  }

  private async chatOn(
    chat: LlamaChat, seq: LlamaContextSequence, messages: HostChatRequest['messages'], tools: HostChatRequest['tools'],
    stop: readonly string[], maxTokens: number, temperature: number, emit: Emit, signal: AbortSignal, asFim: boolean, grammar?: LlamaGrammar,
  ): Promise<Final> {
    const before = seq.contextTokens;
    if (asFim) emit({ type: 'prompt', fimMode: 'chat', promptTokens: 0, cachedTokens: 0 });
    let generated = 0;
    const functions = chatFunctions(tools);
    const res = await chat.generateResponse(chatHistory(messages), {
      signal, maxTokens, temperature, repeatPenalty: false,
      ...(stop.length ? { customStopTriggers: stop.filter(Boolean) } : {}),
      onToken: (t) => (generated += t.length),
      onTextChunk: (text) => text && emit({ type: 'text', text }),
      ...(functions ? { functions } : grammar ? { grammar } : {}),
    }).catch((err: unknown) => {
      if (signal.aborted || !/context (size|shift)/i.test(messageOf(err))) throw err;
      throw new ModelError('contextWindow', `the conversation does not fit the built-in model's ${seq.contextSize}-token context (${messageOf(err)})`, { fix: 'Raise banyan.models.embedded.contextSize, or start a new chat' });
    });
    const calls = res.functionCalls ?? [];
    calls.forEach((c, i) => emit({ type: 'toolCall', callId: `call_${Date.now().toString(36)}_${i}`, name: c.functionName, rawArguments: JSON.stringify(c.params ?? {}) }));
    const after = seq.contextTokens;
    const cached = commonPrefixLength(before, after);
    const finish = calls.length ? 'tool_calls' : res.metadata.stopReason === 'maxTokens' ? 'length' : 'stop';
    return { type: 'done', finish, usage: { promptTokens: Math.max(0, after.length - generated), completionTokens: generated, cachedTokens: cached } };
  }

  private async embed(m: LoadedModel, call: HostEmbedRequest, signal: AbortSignal): Promise<Final> {
    const release = await m.embedLane.acquire(signal);
    try {
      const ctx = await m.embed();
      const vectors: number[][] = [];
      let promptTokens = 0;
      for (const input of call.inputs) {
        if (signal.aborted) throw signal.reason;
        promptTokens += m.model.tokenize(input).length;
        vectors.push([...(await ctx.getEmbeddingFor(input)).vector]);
      }
      return { type: 'result', value: { vectors, promptTokens } };
    } finally {
      release();
    }
  }

  private async hardware(): Promise<HostHardware> {
    const llama = await this.runtime();
    const vram = llama.gpu ? await llama.getVramState() : { total: 0 };
    return { totalRamBytes: os.totalmem(), freeRamBytes: os.freemem(), gpu: llama.gpu, vramBytes: vram.total, cpuCores: llama.cpuMathCores };
  }

  // ─────────────── models ───────────────

  private async withModel(ref: HostModelRef, fn: (m: LoadedModel) => Promise<Final>): Promise<Final> {
    const m = await this.load(ref);
    m.active++;
    try {
      return await fn(m);
    } finally {
      m.active--;
      m.lastUsed = Date.now();
    }
  }

  private load(ref: HostModelRef): Promise<LoadedModel> {
    let p = this.models.get(ref.path);
    if (!p) {
      p = this.loadNow(ref);
      this.models.set(ref.path, p);
      p.catch(() => this.models.delete(ref.path));
    }
    return p;
  }

  private async loadNow(ref: HostModelRef): Promise<LoadedModel> {
    const llama = await this.runtime();
    const lib = await this.lib!;
    const started = Date.now();
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: ref.path, ...(this.options.gpu === 'off' ? { gpuLayers: 0 } : {}) });
    } catch (err) {
      throw new ModelError('config', `the model file ${ref.path} could not be loaded: ${messageOf(err)}`, {
        fix: 'The file is damaged, incomplete or not a GGUF model: delete it and download it again (Banyan: Manage Local Models), or point the role\'s model setting at another .gguf',
      });
    }
    const meta = model.fileInfo.metadata as { general?: { name?: string; architecture?: string }; tokenizer?: { chat_template?: string } };
    const trainContextSize = model.trainContextSize;
    const info: HostModelInfo = {
      path: ref.path,
      name: meta.general?.name ?? ref.label,
      architecture: meta.general?.architecture ?? 'unknown',
      fimTokens: hasFimTokens({ prefix: model.tokens.infill.prefix, suffix: model.tokens.infill.suffix, middle: model.tokens.infill.middle }),
      chatTemplate: Boolean(meta.tokenizer?.chat_template),
      embeddingLength: model.embeddingVectorSize,
      trainContextSize,
      contextSize: this.options.contextSize || Math.min(trainContextSize || DEFAULT_CONTEXT, DEFAULT_CONTEXT),
      sizeBytes: model.size,
      loadMs: Date.now() - started,
    };
    this.log('info', `loaded ${ref.label} (${info.architecture}, ${Math.round(info.sizeBytes / 1e6)} MB, FIM tokens: ${info.fimTokens ? 'yes' : 'no'}) in ${info.loadMs} ms`);
    // All cores but one by default: the editor, the language server and the index keep a core, and
    // ggml's spinning threads slow down badly when they compete for every core.
    const threads = this.options.threads || Math.max(1, llama.cpuMathCores - 1);
    return new LoadedModel(ref, model, info, lib, threads);
  }

  private async unloadAll(): Promise<void> {
    const all = [...this.models.values()];
    this.models.clear();
    for (const p of all) await (await p.catch(() => undefined))?.dispose().catch(() => undefined);
  }

  private scheduleIdleCheck(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
    const idleMs = this.options.idleUnloadMs;
    if (!idleMs) return;
    this.idleTimer = setInterval(() => void this.unloadIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 60_000)));
    this.idleTimer.unref?.();
  }

  private async unloadIdle(idleMs: number): Promise<void> {
    for (const [path, p] of this.models) {
      const m = await p.catch(() => undefined);
      if (!m || m.active > 0 || Date.now() - m.lastUsed < idleMs) continue;
      if (this.models.get(path) !== p) continue;
      this.models.delete(path);
      this.log('info', `unloaded ${m.ref.label} after ${Math.round(idleMs / 60_000)} min without requests`);
      await m.dispose().catch(() => undefined);
    }
  }

  // ─────────────── runtime ───────────────

  private runtime(): Promise<Llama> {
    this.llama ??= (async () => {
      this.lib ??= this.importRuntime();
      let lib: NodeLlamaCpp;
      try {
        lib = await this.lib;
      } catch (err) {
        this.lib = undefined;
        throw new ModelError('config', `this Banyan package has no built-in model runtime (node-llama-cpp could not be loaded: ${messageOf(err)})`, {
          fix: `The universal package has no native code: install the Banyan package built for ${process.platform}-${process.arch}, or set the role's provider to a model server (ollama, llamacpp, openai-compatible)`,
        });
      }
      const started = Date.now();
      try {
        const llama = await lib.getLlama({
          gpu: this.options.gpu === 'off' ? false : 'auto',
          // Never compile or download: only the prebuilt binaries shipped with Banyan.
          build: 'never', skipDownload: true, progressLogs: false,
          logLevel: lib.LlamaLogLevel.warn,
          logger: (level, message) => this.log(level === lib.LlamaLogLevel.error || level === lib.LlamaLogLevel.fatal ? 'error' : 'debug', `llama.cpp: ${message.trim()}`),
        });
        this.log('info', `llama.cpp runtime loaded (${llama.gpu || 'CPU'}, ${llama.buildType} build) in ${Date.now() - started} ms`);
        return llama;
      } catch (err) {
        throw new ModelError('config', `llama.cpp has no usable binary for ${process.platform}-${process.arch} in this Banyan package: ${messageOf(err)}`, {
          fix: 'Install the Banyan package built for this platform, or use a model server',
        });
      }
    })();
    this.llama.catch(() => (this.llama = undefined));
    return this.llama;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
