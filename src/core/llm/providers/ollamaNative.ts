/**
 * Ollama: raw FIM prompts through the native /api/generate (`raw: true`, so Ollama's chat template
 * does not wrap the FIM tokens, and `num_ctx`, so it does not silently cut the prompt to its small
 * default window). Chat and embeddings through its OpenAI-compatible /v1; models from /api/tags.
 */
import { ModelError } from '../errors';
import { parseNdjsonLines } from '../streaming/ndjsonParser';
import { truncatedStream } from './httpErrors';
import { body, parseJsonLine, readJson, request } from './jsonHttp';
import { openaiCompatible } from './openaiCompatible';
import type { FimPayload, ModelProvider, ProviderEvent } from './provider';

interface GenerateLine {
  response?: string;
  done?: boolean;
  done_reason?: string;
  error?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

export const ollamaNative: ModelProvider = {
  supportsRawFim: true,
  chat: (call, payload) => openaiCompatible.chat(call, payload),
  embed: (call, inputs) => openaiCompatible.embed(call, inputs),

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const prompt = p.prompt;
    if (prompt.kind === 'infill') throw new ModelError('config', 'infill prompts need the llama.cpp provider');
    const { response, ctx } = await request(call, '/api/generate', {
      accept: ['application/x-ndjson', 'application/json'],
      body: {
        model: call.endpoint.model,
        prompt: prompt.prompt,
        // The suffix-field template lets Ollama apply the model's own FIM template.
        ...(prompt.kind === 'suffix' ? { suffix: prompt.suffix } : { raw: true }),
        stream: true,
        options: { num_predict: p.maxTokens, temperature: p.temperature, num_ctx: p.contextWindow, ...(prompt.stop.length ? { stop: [...prompt.stop] } : {}) },
      },
    });
    let done = false;
    for await (const line of parseNdjsonLines(body(response, ctx, call))) {
      const j = parseJsonLine<GenerateLine>(line, ctx);
      if (j.error) throw new ModelError('server', `Ollama failed while generating: ${j.error}`, { fix: 'See the Ollama server log' });
      if (j.response) yield { type: 'text', text: j.response };
      if (j.done) {
        done = true;
        yield { type: 'usage', usage: { promptTokens: j.prompt_eval_count, completionTokens: j.eval_count } };
        yield { type: 'finish', reason: j.done_reason ?? 'stop' };
      }
    }
    if (!done) throw truncatedStream(ctx, '"done": true');
  },

  async listModels(call) {
    const { response, ctx } = await request(call, '/api/tags', { method: 'GET', accept: ['json'] });
    const j = await readJson<{ models?: { name?: string; model?: string }[] }>(response, ctx, call);
    if (!Array.isArray(j.models)) throw new ModelError('badResponse', `${call.endpoint.baseUrl}/api/tags did not answer a model list`, { fix: `This may not be Ollama: check banyan.models.${call.endpoint.role}.provider` });
    return j.models.map((m) => m.name ?? m.model ?? '').filter(Boolean);
  },
};
