/**
 * llama.cpp server: FIM through its native /infill, which formats the prompt with the loaded
 * model's own FIM tokens and takes other files as `input_extra` (its repo-level context). Chat,
 * embeddings and the model list through its OpenAI-compatible /v1.
 */
import { ModelError } from '../errors';
import { parseSse } from '../streaming/sseParser';
import { truncatedStream } from './httpErrors';
import { body, parseJsonLine, request } from './jsonHttp';
import { openaiCompatible } from './openaiCompatible';
import type { FimPayload, ModelProvider, ProviderEvent } from './provider';

interface InfillEvent {
  content?: string;
  stop?: boolean;
  stop_type?: string;
  tokens_evaluated?: number;
  tokens_predicted?: number;
  timings?: { prompt_n?: number; predicted_n?: number };
}

export const llamacppInfill: ModelProvider = {
  supportsRawFim: true,
  chat: (call, payload) => openaiCompatible.chat(call, payload),
  embed: (call, inputs) => openaiCompatible.embed(call, inputs),
  listModels: (call) => openaiCompatible.listModels(call),

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const prompt = p.prompt;
    const fields =
      prompt.kind === 'infill'
        ? { input_prefix: prompt.prefix, input_suffix: prompt.suffix, input_extra: prompt.extra.map((s) => ({ filename: s.path, text: s.content })), prompt: '' }
        : prompt.kind === 'suffix'
          ? { input_prefix: prompt.prompt, input_suffix: prompt.suffix, prompt: '' }
          : undefined;
    if (!fields) throw new ModelError('config', 'raw FIM prompts go through /v1/completions on llama.cpp', { fix: `Set banyan.models.${call.endpoint.role}.template to "auto"` });
    const { response, ctx } = await request(call, '/infill', {
      accept: ['text/event-stream'],
      body: { ...fields, n_predict: p.maxTokens, temperature: p.temperature, stream: true, cache_prompt: true, ...(prompt.stop.length ? { stop: [...prompt.stop] } : {}) },
    });
    let done = false;
    for await (const ev of parseSse(body(response, ctx, call))) {
      const j = parseJsonLine<InfillEvent & { error?: { message?: string } }>(ev.data, ctx);
      if (j.error) throw new ModelError('server', `llama.cpp failed while generating: ${j.error.message ?? 'unknown error'}`);
      if (j.content) yield { type: 'text', text: j.content };
      if (j.stop) {
        done = true;
        yield { type: 'usage', usage: { promptTokens: j.timings?.prompt_n ?? j.tokens_evaluated, completionTokens: j.timings?.predicted_n ?? j.tokens_predicted } };
        yield { type: 'finish', reason: j.stop_type === 'limit' ? 'length' : 'stop' };
      }
    }
    if (!done) throw truncatedStream(ctx, '"stop": true');
  },
};
