/**
 * llama.cpp server: FIM through its native /infill, which formats the prompt with the loaded model's
 * own FIM tokens and takes other files as `input_extra` (its repo-level context); a prompt already in
 * a FIM format (a template chosen in settings) through its native /completion. Both stream SSE
 * without `[DONE]`: the last event has `stop: true` (with `stop_type`, or the older `stopped_eos` /
 * `stopped_limit` / `stopped_word` flags). Chat, embeddings and the model list through its /v1.
 */
import { parseSse } from '../streaming/sseParser';
import { type ErrorContext, streamedError, truncatedStream } from './httpErrors';
import { body, parseStreamRecord, request } from './jsonHttp';
import { openaiCompatible } from './openaiCompatible';
import type { FimPayload, ModelProvider, ProviderCall, ProviderEvent } from './provider';

interface NativeEvent {
  content?: string;
  stop?: boolean;
  stop_type?: string;
  stopped_eos?: boolean;
  stopped_limit?: boolean;
  stopped_word?: boolean;
  tokens_evaluated?: number;
  tokens_predicted?: number;
  timings?: { prompt_n?: number; predicted_n?: number };
  error?: unknown;
}

/** Why generation stopped, from whichever fields this llama.cpp version sends. */
function stopReason(j: NativeEvent): string {
  if (j.stop_type === 'limit' || j.stopped_limit) return 'length';
  return 'stop';
}

/** Reads llama.cpp's native stream: `content` pieces, then an event with `stop: true`. */
async function* readNative(response: Response, ctx: ErrorContext, call: ProviderCall): AsyncGenerator<ProviderEvent> {
  let events = 0;
  for await (const ev of parseSse(body(response, ctx, call))) {
    const j = parseStreamRecord<NativeEvent>(ev.data, ev.unterminated, ctx, '"stop": true');
    events += 1;
    if (j.error !== undefined && j.error !== null) throw streamedError(ctx, j.error);
    if (j.content) yield { type: 'text', text: j.content };
    if (j.stop) {
      yield { type: 'usage', usage: { promptTokens: j.timings?.prompt_n ?? j.tokens_evaluated, completionTokens: j.timings?.predicted_n ?? j.tokens_predicted } };
      yield { type: 'finish', reason: stopReason(j) };
      return;
    }
  }
  throw truncatedStream(ctx, '"stop": true', `the connection closed after ${events} event${events === 1 ? '' : 's'}`);
}

export const llamacppInfill: ModelProvider = {
  supportsRawFim: true,
  chat: (call, payload) => openaiCompatible.chat(call, payload),
  embed: (call, inputs) => openaiCompatible.embed(call, inputs),
  listModels: (call) => openaiCompatible.listModels(call),

  async *fim(call, p: FimPayload): AsyncGenerator<ProviderEvent> {
    const prompt = p.prompt;
    const common = { n_predict: p.maxTokens, temperature: p.temperature, stream: true, cache_prompt: true, ...(prompt.stop.length ? { stop: [...prompt.stop] } : {}) };
    if (prompt.kind === 'raw') {
      const { response, ctx } = await request(call, '/completion', { accept: ['text/event-stream'], body: { prompt: prompt.prompt, ...common, ...call.endpoint.extraBody } });
      yield* readNative(response, ctx, call);
      return;
    }
    const fields =
      prompt.kind === 'infill'
        ? { input_prefix: prompt.prefix, input_suffix: prompt.suffix, input_extra: prompt.extra.map((s) => ({ filename: s.path, text: s.content })), prompt: '' }
        : { input_prefix: prompt.prompt, input_suffix: prompt.suffix, prompt: '' };
    const { response, ctx } = await request(call, '/infill', { accept: ['text/event-stream'], body: { ...fields, ...common, ...call.endpoint.extraBody } });
    yield* readNative(response, ctx, call);
  },
};
