/**
 * Mistral's FIM route for Codestral (`/v1/fim/completions` at codestral.mistral.ai or api.mistral.ai):
 * prompt + suffix, the server applies Codestral's format; streamed as chat-completion chunks
 * (`choices[0].delta.content`) ending with `[DONE]`. OpenAI's SDK has no such route, hence fetch.
 */
import { ModelError } from '../errors';
import { request } from './jsonHttp';
import { readOpenAiAnswer } from './openaiStream';
import type { FimPayload, ProviderCall, ProviderEvent } from './provider';

/** Mistral's hosts; everything else keeps the OpenAI /v1/completions route. */
export function isMistral(baseUrl: string): boolean {
  return /^https?:\/\/([\w-]+\.)*mistral\.ai(:\d+)?(\/|$)/i.test(baseUrl);
}

export async function* mistralFim(call: ProviderCall, p: FimPayload): AsyncGenerator<ProviderEvent> {
  const prompt = p.prompt;
  if (prompt.kind !== 'suffix') {
    throw new ModelError('config', 'Mistral\'s FIM route takes a prompt and a suffix', { fix: `Set banyan.models.${call.endpoint.role}.template to "suffix-field"` });
  }
  const { response, ctx } = await request(call, '/v1/fim/completions', {
    accept: ['text/event-stream'],
    headers: call.endpoint.apiKey ? { authorization: `Bearer ${call.endpoint.apiKey}` } : {},
    body: {
      model: call.endpoint.model, prompt: prompt.prompt, suffix: prompt.suffix, max_tokens: p.maxTokens, temperature: p.temperature, stream: true,
      ...(prompt.stop.length ? { stop: [...prompt.stop] } : {}),
      ...call.endpoint.extraBody,
    },
  });
  yield* readOpenAiAnswer(response, ctx, call);
}
