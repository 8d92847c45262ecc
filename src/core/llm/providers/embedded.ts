/**
 * The built-in model: GGUF files run by llama.cpp in Banyan's model host process. This provider only
 * translates; the host (reached through the injected ModelHostTransport) loads models, keeps them
 * warm, formats FIM with the model's own tokens and chat with its own template.
 */
import { ModelError } from '../errors';
import type { HostCall, HostEvent, HostFimRequest } from '../embedded/hostProtocol';
import type { ModelHostTransport } from '../embedded/modelHostTransport';
import { FIM_TEMPLATES } from '../fim/templates';
import type { FimPayload, ModelProvider, ProviderCall, ProviderEvent } from './provider';

function hostOf(call: ProviderCall): ModelHostTransport {
  if (!call.modelHost) {
    throw new ModelError('config', 'the built-in model is not available in this process', { fix: `Set banyan.models.${call.endpoint.role}.provider to a model server (ollama, llamacpp, openai-compatible)` });
  }
  return call.modelHost;
}

/** Host events → provider events; a host error becomes the ModelError it describes. */
async function* relay(host: ModelHostTransport, request: HostCall, call: ProviderCall, onMode?: (mode: string) => void): AsyncGenerator<ProviderEvent, unknown> {
  for await (const ev of host.call(request, call.signal)) yield* translate(ev, onMode);
  return undefined;
}

function* translate(ev: HostEvent, onMode?: (mode: string) => void): Generator<ProviderEvent> {
  switch (ev.type) {
    case 'prompt':
      onMode?.(ev.fimMode);
      return;
    case 'text':
      yield { type: 'text', text: ev.text };
      return;
    case 'toolCall':
      yield { type: 'toolCall', id: ev.callId, name: ev.name, rawArguments: ev.rawArguments };
      return;
    case 'done':
      yield { type: 'usage', usage: ev.usage };
      yield { type: 'finish', reason: ev.finish };
      return;
    case 'error':
      throw new ModelError(ev.kind, ev.message, ev.fix ? { fix: ev.fix } : {});
    case 'result':
      return;
  }
}

async function result<T>(host: ModelHostTransport, request: HostCall, signal: AbortSignal): Promise<T> {
  for await (const ev of host.call(request, signal)) {
    if (ev.type === 'result') return ev.value as T;
    if (ev.type === 'error') throw new ModelError(ev.kind, ev.message, ev.fix ? { fix: ev.fix } : {});
  }
  throw new ModelError('badResponse', 'the model host ended the call without a result');
}

export const embedded: ModelProvider = {
  supportsRawFim: true,

  async *chat(call, p) {
    const host = hostOf(call);
    const model = host.resolveModel(call.endpoint.model, call.endpoint.role);
    yield* relay(host, { op: 'chat', model, messages: p.messages, ...(p.tools?.length ? { tools: p.tools } : {}), ...(p.json ? { json: true } : {}), stop: p.stop, maxTokens: p.maxTokens, temperature: p.temperature }, call);
  },

  async *fim(call, p: FimPayload) {
    const host = hostOf(call);
    const model = host.resolveModel(call.endpoint.model, call.endpoint.role);
    const prompt = p.prompt;
    const common = { op: 'fim' as const, model, maxTokens: p.maxTokens, temperature: p.temperature, stop: prompt.stop };
    let request: HostFimRequest;
    if (prompt.kind === 'infill') {
      const fallback = prompt.fallback;
      request = {
        ...common,
        infill: { prefix: prompt.prefix, suffix: prompt.suffix },
        ...(fallback?.kind === 'raw' ? { template: { prompt: fallback.prompt, stop: fallback.stop } } : {}),
        ...(fallback?.kind === 'chat' ? { chat: fallback.messages } : {}),
      };
    } else if (prompt.kind === 'raw') request = { ...common, template: { prompt: prompt.prompt, stop: [] } };
    else request = { ...common, infill: { prefix: prompt.prompt, suffix: prompt.suffix } };
    // A model without FIM tokens may answer through its chat template: buffer and clean that answer
    // (fences, the hole marker) the way chat-style completions are cleaned everywhere else.
    let chatMode = false;
    let buffered = '';
    for await (const ev of relay(host, request, call, (mode) => (chatMode = mode === 'chat'))) {
      if (chatMode && ev.type === 'text') buffered += ev.text;
      else {
        if (chatMode && buffered && ev.type === 'usage') {
          const cleaned = FIM_TEMPLATES.chat.clean!(buffered);
          buffered = '';
          if (cleaned) yield { type: 'text', text: cleaned };
        }
        yield ev;
      }
    }
  },

  async embed(call, inputs) {
    const host = hostOf(call);
    const model = host.resolveModel(call.endpoint.model, call.endpoint.role);
    const r = await result<{ vectors: number[][]; promptTokens: number }>(host, { op: 'embed', model, inputs }, call.signal);
    return { vectors: r.vectors, usage: { promptTokens: r.promptTokens } };
  },

  async listModels(call) {
    const host = hostOf(call);
    // Resolving checks that the configured file exists (with the fix when it does not).
    host.resolveModel(call.endpoint.model, call.endpoint.role);
    return [...new Set([call.endpoint.model, ...host.localModels()])];
  },
};
