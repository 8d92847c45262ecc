/**
 * Ollama through its native API, which (unlike its /v1) takes `num_ctx`, so the server does not cut the
 * prompt to its small default window, and `think`, so a reasoning model can be asked not to reason
 * (`think: false` is accepted by every model; only `true` is refused by models that cannot think):
 * raw FIM prompts through /api/generate (`raw: true`, so Ollama's chat template does not wrap the FIM
 * tokens), chat and tool calls through /api/chat, embeddings through /api/embed, models from /api/tags.
 * Streams are NDJSON; the last line has `done: true` and `done_reason`; reasoning comes apart in
 * `thinking` (and older versions left `<think>` in the content, which the layer above separates).
 */
import { ModelError } from '../errors';
import { parseNdjsonLines } from '../streaming/ndjsonParser';
import type { ChatMessage } from '../types';
import { type ErrorContext, streamedError, truncatedStream } from './httpErrors';
import { body, parseStreamRecord, readJson, request } from './jsonHttp';
import type { ChatPayload, FimPayload, ModelProvider, ProviderCall, ProviderEvent, ThinkingRequest } from './provider';

interface StreamLine {
  /** /api/generate. */
  response?: string;
  /** /api/chat. */
  message?: { content?: string; thinking?: string; tool_calls?: { id?: string; function?: { name?: string; arguments?: unknown } }[] };
  /** /api/generate's reasoning. */
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  error?: unknown;
  prompt_eval_count?: number;
  eval_count?: number;
}

/** `think: false` when asked for no reasoning; nothing otherwise (the model's default). */
function think(thinking: ThinkingRequest): { think?: boolean } {
  return thinking === 'off' ? { think: false } : {};
}

/** Messages as /api/chat takes them: tool calls with object arguments, tool results named. */
export function toOllamaMessages(messages: readonly ChatMessage[]): Record<string, unknown>[] {
  const toolNames = new Map<string, string>();
  return messages.map((m) => {
    if (m.role === 'assistant') {
      for (const t of m.toolCalls ?? []) toolNames.set(t.id, t.name);
      return {
        role: 'assistant', content: m.content,
        ...(m.toolCalls?.length ? { tool_calls: m.toolCalls.map((t) => ({ function: { name: t.name, arguments: t.arguments } })) } : {}),
      };
    }
    if (m.role === 'tool') return { role: 'tool', content: m.content, ...(toolNames.has(m.toolCallId) ? { tool_name: toolNames.get(m.toolCallId) } : {}) };
    return { role: m.role, content: m.content };
  });
}

/** Reads an NDJSON answer; complete only with a `done: true` line. */
async function* readLines(response: Response, ctx: ErrorContext, call: ProviderCall): AsyncGenerator<ProviderEvent> {
  let done = false;
  let lines = 0;
  let calls = 0;
  for await (const line of parseNdjsonLines(body(response, ctx, call))) {
    const j = parseStreamRecord<StreamLine>(line.text, line.unterminated, ctx, '"done": true');
    lines += 1;
    if (j.error !== undefined && j.error !== null) throw streamedError(ctx, j.error);
    const reasoning = j.message?.thinking ?? j.thinking;
    if (reasoning) yield { type: 'reasoning', text: reasoning };
    const text = j.message?.content ?? j.response;
    if (text) yield { type: 'text', text };
    for (const tc of j.message?.tool_calls ?? []) {
      const args = tc.function?.arguments;
      yield { type: 'toolCall', id: tc.id || `call_${calls}`, name: tc.function?.name ?? '', rawArguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) };
      calls += 1;
    }
    if (j.done) {
      done = true;
      yield { type: 'usage', usage: { promptTokens: j.prompt_eval_count, completionTokens: j.eval_count } };
      if (!j.done_reason) yield { type: 'quirk', note: 'no done_reason on the "done" line: tolerated' };
      yield { type: 'finish', reason: calls ? 'tool_calls' : (j.done_reason || 'stop') };
      break;
    }
  }
  if (!done) throw truncatedStream(ctx, '"done": true', `the connection closed after ${lines} line${lines === 1 ? '' : 's'}`);
}

export const ollamaNative: ModelProvider = {
  supportsRawFim: true,

  async *chat(call, p: ChatPayload): AsyncGenerator<ProviderEvent> {
    const { response, ctx } = await request(call, '/api/chat', {
      accept: ['application/x-ndjson', 'json'],
      body: {
        model: call.endpoint.model,
        messages: toOllamaMessages(p.messages),
        stream: true,
        ...(p.tools?.length ? { tools: p.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })) } : {}),
        ...(p.json ? { format: 'json' } : {}),
        ...think(p.thinking),
        options: {
          num_predict: p.maxTokens, temperature: p.temperature,
          ...(p.contextWindow ? { num_ctx: p.contextWindow } : {}),
          ...(p.stop.length ? { stop: [...p.stop] } : {}),
        },
        ...call.endpoint.extraBody,
      },
    });
    yield* readLines(response, ctx, call);
  },

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const prompt = p.prompt;
    if (prompt.kind === 'infill') throw new ModelError('config', 'infill prompts need the llama.cpp provider');
    const { response, ctx } = await request(call, '/api/generate', {
      accept: ['application/x-ndjson', 'json'],
      body: {
        model: call.endpoint.model,
        prompt: prompt.prompt,
        // The suffix-field template lets Ollama apply the model's own FIM template.
        ...(prompt.kind === 'suffix' ? { suffix: prompt.suffix } : { raw: true }),
        stream: true,
        ...think(p.thinking),
        options: { num_predict: p.maxTokens, temperature: p.temperature, num_ctx: p.contextWindow, ...(prompt.stop.length ? { stop: [...prompt.stop] } : {}) },
        ...call.endpoint.extraBody,
      },
    });
    yield* readLines(response, ctx, call);
  },

  async embed(call, inputs) {
    const { response, ctx } = await request(call, '/api/embed', { accept: ['json'], body: { model: call.endpoint.model, input: [...inputs] } });
    const j = await readJson<{ embeddings?: number[][]; prompt_eval_count?: number }>(response, ctx, call);
    if (!Array.isArray(j.embeddings)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/api/embed answered without embeddings`, { fix: `Check that ${call.endpoint.model} is an embedding model (\`ollama show ${call.endpoint.model}\`)` });
    return { vectors: j.embeddings, ...(j.prompt_eval_count !== undefined ? { usage: { promptTokens: j.prompt_eval_count } } : {}) };
  },

  async listModels(call) {
    const { response, ctx } = await request(call, '/api/tags', { method: 'GET', accept: ['json'] });
    const j = await readJson<{ models?: { name?: string; model?: string }[] }>(response, ctx, call);
    if (!Array.isArray(j.models)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/api/tags did not answer a model list`, { fix: `This may not be Ollama: check banyan.models.${call.endpoint.role}.provider` });
    return j.models.map((m) => m.name ?? m.model ?? '').filter(Boolean);
  },
};
