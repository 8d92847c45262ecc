/**
 * "Banyan: Test Model Connection": per role, a real tiny request straight at the configured
 * endpoint (no breaker, no fallback, no retry), checked step by step — reachable, key accepted,
 * model present, FIM (for completion) or chat or embeddings answered, streaming works — with latency,
 * tokens/s and, for every failure, the concrete fix. The answer to "completions silently never appear".
 */
import type { ModelCheck, ModelTestReport } from '../types';
import { type EndpointConfig, thinkingFor } from '../config/roleConfig';
import { ModelError } from '../errors';
import { planFim, templateFor } from '../fim/planFim';
import { errorFromException } from '../providers/httpErrors';
import type { ModelProvider, ProviderCall, ProviderEvent } from '../providers/provider';
import type { Clock } from '../reliability/clock';
import type { AttemptDeadline } from '../reliability/timeouts';
import { StopScanner } from '../streaming/stopSequences';
import { ThinkTagSplitter } from '../streaming/thinkTags';
import { counterForModel } from '../tokens/counterForModel';
import type { ProviderKind } from '../types';

export interface ConnectionTestDeps {
  provider(kind: ProviderKind): ModelProvider;
  call(e: EndpointConfig, signal: AbortSignal | undefined): { call: ProviderCall; deadline: AttemptDeadline; dispose(): void };
  readonly clock: Clock;
  readonly signal?: AbortSignal;
}

const CHAT_ROUTE: Readonly<Record<ProviderKind, string>> = { ollama: '/api/chat', 'openai-compatible': '/v1/chat/completions', llamacpp: '/v1/chat/completions', anthropic: '/v1/messages', embedded: 'the built-in llama.cpp' };
const RAW_FIM_ROUTE: Readonly<Record<ProviderKind, string>> = { ollama: '/api/generate', 'openai-compatible': '/v1/completions', llamacpp: 'llama.cpp /completion', anthropic: '/v1/messages', embedded: 'the built-in llama.cpp' };

const TEST_FIM = { prefix: 'def add(a, b):\n    return ', suffix: '\n\nprint(add(1, 2))\n', filePath: 'banyan_test.py', languageId: 'python' };

export async function runConnectionTest(endpoints: readonly EndpointConfig[], deps: ConnectionTestDeps): Promise<ModelTestReport[]> {
  const done = new Map<string, ModelTestReport>();
  const out: ModelTestReport[] = [];
  for (const e of endpoints) {
    const key = `${e.provider} ${e.baseUrl} ${e.model} ${op(e)} ${e.template}`;
    const prior = done.get(key);
    // chat, edit and agent often share one endpoint: test it once, report it per role.
    const report = prior ? { ...prior, role: e.role } : await testEndpoint(e, deps);
    done.set(key, report);
    out.push(report);
  }
  return out;
}

function op(e: EndpointConfig): 'fim' | 'chat' | 'embed' {
  return e.role === 'completion' ? 'fim' : e.role === 'embeddings' ? 'embed' : 'chat';
}

async function testEndpoint(e: EndpointConfig, deps: ConnectionTestDeps): Promise<ModelTestReport> {
  const checks: ModelCheck[] = [];
  const provider = deps.provider(e.provider);
  const base = { role: e.role, endpoint: e.baseUrl, model: e.model, provider: e.provider };
  const fail = (err: ModelError, name: string): ModelTestReport => {
    checks.push({ name, ok: false, detail: err.message, ...(err.fix ? { fix: err.fix } : {}) });
    return { ...base, ok: false, checks };
  };

  // 1. Reachable, key accepted, model present — through the model list.
  let models: string[] | undefined;
  {
    const { call, deadline, dispose } = deps.call(e, deps.signal);
    try {
      models = await provider.listModels(call);
      checks.push({ name: 'reachable', ok: true, detail: `${e.baseUrl} answered` });
    } catch (err) {
      const me = asModelError(err, deadline, e, '(model list)');
      if (me.kind === 'refused' || me.kind === 'network' || me.kind === 'timeout' || me.kind === 'aborted') return fail(me, 'reachable');
      checks.push({ name: 'reachable', ok: true, detail: `${e.baseUrl} answered (HTTP ${me.status ?? '?'})` });
      if (me.kind === 'auth') return fail(me, 'key accepted');
      // Some servers have no model list (or a different route); the real request below decides.
      checks.push({ name: 'model list', ok: false, detail: me.message, ...(me.fix ? { fix: me.fix } : {}) });
    } finally {
      dispose();
    }
  }
  if (models) {
    if (e.apiKey) checks.push({ name: 'key accepted', ok: true, detail: 'the endpoint accepted the stored key' });
    const present = models.some((m) => sameModel(m, e.model));
    if (!present) {
      const some = models.slice(0, 8).join(', ');
      checks.push({
        name: 'model present', ok: false,
        detail: `"${e.model}" is not among the ${models.length} model(s) at ${e.baseUrl}${some ? ` (${some}${models.length > 8 ? ', …' : ''})` : ''}`,
        fix: e.provider === 'ollama' ? `Run \`ollama pull ${e.model}\`, or set banyan.models.${e.role}.model to one of the installed models` : `Set banyan.models.${e.role}.model to one of the listed models`,
      });
      return { ...base, ok: false, checks };
    }
    checks.push({ name: 'model present', ok: true, detail: `"${e.model}" is available` });
  }

  // 2. A real tiny request of the role's kind, streamed.
  const { call, deadline, dispose } = deps.call(e, deps.signal);
  const started = deps.clock.now();
  let first = 0;
  let chunks = 0;
  let text = '';
  let completionTokens: number | undefined;
  const kind = op(e);
  const stepName = kind === 'fim' ? 'fill-in-the-middle' : kind === 'embed' ? 'embeddings' : 'chat';
  try {
    if (kind === 'embed') {
      const r = await provider.embed(call, ['hello']);
      first = deps.clock.now();
      const dim = r.vectors[0]?.length ?? 0;
      if (!dim) throw new ModelError('badResponse', 'the endpoint answered without a vector', { fix: `Check that ${e.model} is an embedding model` });
      checks.push({ name: stepName, ok: true, detail: `a ${dim}-dimensional vector in ${first - started} ms` });
      return { ...base, ok: checks.every((c) => c.ok || c.name === 'model list'), checks, latencyMs: first - started };
    }
    let events: AsyncGenerator<ProviderEvent>;
    let stop: readonly string[] = [];
    let how: string;
    if (kind === 'fim') {
      const plan = planFim(e, TEST_FIM);
      if (plan.prompt.kind === 'chat' || !provider.supportsRawFim) {
        const chat = planFim({ ...e, template: 'chat' }, TEST_FIM).prompt;
        events = provider.chat(call, { messages: chat.kind === 'chat' ? chat.messages : [], maxTokens: 16, temperature: 0, stop: [], thinking: thinkingFor(e) });
        how = `chat-style prompt (${e.model} has no known FIM format)`;
      } else {
        stop = plan.prompt.stop;
        events = provider.fim(call, { prompt: plan.prompt, maxTokens: 16, temperature: 0, contextWindow: 2048, thinking: thinkingFor(e) });
        how = e.provider === 'embedded' ? RAW_FIM_ROUTE.embedded : plan.prompt.kind === 'infill' ? 'llama.cpp /infill' : `${templateFor(e).id} template via ${RAW_FIM_ROUTE[e.provider]}`;
      }
    } else {
      events = provider.chat(call, { messages: [{ role: 'user', content: 'Reply with the single word OK.' }], maxTokens: 8, temperature: 0, stop: [], thinking: thinkingFor(e) });
      how = CHAT_ROUTE[e.provider];
    }
    const scanner = new StopScanner(stop);
    const splitter = kind === 'fim' && stop.length ? undefined : new ThinkTagSplitter();
    let reasoning = '';
    const quirks: string[] = [];
    for await (const ev of events) {
      if (ev.type === 'text' || ev.type === 'toolCall' || ev.type === 'reasoning') {
        if (!first) {
          first = deps.clock.now();
          deadline.gotFirstToken();
        }
        chunks += 1;
        if (ev.type === 'reasoning') reasoning += ev.text;
        else if (ev.type === 'text') {
          const split = splitter ? splitter.push(ev.text) : { thinking: '', text: ev.text };
          reasoning += split.thinking;
          text += scanner.push(split.text);
        }
      } else if (ev.type === 'usage' && ev.usage.completionTokens !== undefined) completionTokens = ev.usage.completionTokens;
      else if (ev.type === 'quirk') quirks.push(ev.note);
    }
    if (splitter) {
      const rest = splitter.flush();
      reasoning += rest.thinking;
      text += scanner.push(rest.text);
      if (splitter.foundTags) quirks.push('reasoning sent inside <think> tags in the answer: separated');
    }
    text += scanner.flush();
    const total = deps.clock.now() - started;
    checks.push({ name: stepName, ok: true, detail: `answered through ${how}: ${JSON.stringify(text.slice(0, 60))}${!text && reasoning ? ' (the test budget ended while the model was still reasoning)' : ''}` });
    checks.push(
      chunks > 0
        ? { name: 'streaming', ok: true, detail: `${chunks} streamed chunk(s), first after ${first - started} ms` }
        : { name: 'streaming', ok: false, detail: 'the stream ended without any text', fix: `The model answered nothing; try another model in banyan.models.${e.role}.model` },
    );
    if (reasoning) {
      checks.push({
        name: 'reasoning', ok: true,
        detail: `the model reasoned before answering (${reasoning.length} characters, kept out of the answer)${thinkingFor(e) === 'off' ? `; it was asked not to, which ${e.provider === 'ollama' ? 'this Ollama or model ignores' : 'this server ignores'}` : ''}`,
      });
    }
    // Odd-but-valid server behaviour is reported as tolerated, never as a failure.
    for (const q of quirks) checks.push({ name: 'server quirk', ok: true, detail: q });
    const tokens = completionTokens ?? counterForModel(e.model).count(text);
    const genMs = total - (first ? first - started : 0);
    const tokensPerSecond = tokens > 1 && genMs > 0 ? Math.round((tokens / genMs) * 1000 * 10) / 10 : undefined;
    return {
      ...base, ok: checks.every((c) => c.ok || c.name === 'model list'), checks, latencyMs: first ? first - started : total,
      ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}),
    };
  } catch (err) {
    return fail(asModelError(err, deadline, e, `(${stepName})`), stepName);
  } finally {
    dispose();
  }
}

function asModelError(err: unknown, deadline: AttemptDeadline, e: EndpointConfig, route: string): ModelError {
  return deadline.reason() ?? errorFromException(err, undefined, { endpoint: e, route });
}

/** Ollama lists "name:tag"; "qwen2.5-coder" means "qwen2.5-coder:latest". */
function sameModel(listed: string, wanted: string): boolean {
  if (listed === wanted) return true;
  const norm = (s: string) => (s.includes(':') ? s : `${s}:latest`).toLowerCase();
  return norm(listed) === norm(wanted);
}
