/**
 * Mistral's FIM route for Codestral (`/v1/fim/completions` at codestral.mistral.ai or api.mistral.ai):
 * prompt + suffix, the server applies Codestral's format; streamed as chat-completion chunks
 * (`choices[0].delta.content`) ending with `[DONE]`. OpenAI's SDK has no such route, hence fetch.
 */
import { ModelError } from '../errors';
import { parseSse } from '../streaming/sseParser';
import { truncatedStream } from './httpErrors';
import { body, parseJsonLine, request } from './jsonHttp';
import type { FimPayload, ProviderCall, ProviderEvent } from './provider';

interface FimChunk {
  choices?: { delta?: { content?: string }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

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
    },
  });
  let finish: string | undefined;
  let done = false;
  for await (const ev of parseSse(body(response, ctx, call))) {
    if (ev.data === '[DONE]') {
      done = true;
      break;
    }
    const j = parseJsonLine<FimChunk>(ev.data, ctx);
    const choice = j.choices?.[0];
    if (choice?.delta?.content) yield { type: 'text', text: choice.delta.content };
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (j.usage) yield { type: 'usage', usage: { promptTokens: j.usage.prompt_tokens, completionTokens: j.usage.completion_tokens } };
  }
  if (!done && finish === undefined) throw truncatedStream(ctx, '[DONE]');
  yield { type: 'finish', reason: finish ?? 'stop' };
}
