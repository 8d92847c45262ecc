/**
 * Plain fetch for the native (non-OpenAI) routes: JSON POST/GET with translated errors. The body of
 * a failed response is read (briefly) so the error can quote the server's own message.
 */
import { ModelError } from '../errors';
import { checkContentType, type ErrorContext, errorFromException, errorFromStatus, truncatedStream } from './httpErrors';
import type { ProviderCall } from './provider';

export async function request(call: ProviderCall, route: string, init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string>; accept: readonly string[] }): Promise<{ response: Response; ctx: ErrorContext }> {
  const ctx: ErrorContext = { endpoint: call.endpoint, route };
  let response: Response;
  try {
    response = await call.fetch(`${call.endpoint.baseUrl}${route}`, {
      method: init.method ?? 'POST',
      headers: { ...call.endpoint.extraHeaders, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: call.signal,
    });
  } catch (err) {
    throw errorFromException(err, abortReason(call), ctx);
  }
  call.onHeaders();
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw errorFromStatus(response.status, text, response.headers, ctx);
  }
  try {
    checkContentType(response.headers.get('content-type'), init.accept, ctx);
  } catch (err) {
    await response.body?.cancel().catch(() => undefined);
    throw err;
  }
  return { response, ctx };
}

export async function readJson<T>(response: Response, ctx: ErrorContext, call: ProviderCall): Promise<T> {
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw errorFromException(err, abortReason(call), ctx);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw errorFromException(err instanceof SyntaxError ? err : new SyntaxError(String(err)), undefined, ctx);
  }
}

/** Iterates a response body, translating a socket drop or an abort. */
export async function* body(response: Response, ctx: ErrorContext, call: ProviderCall): AsyncGenerator<Uint8Array> {
  if (!response.body) throw new ModelError('badResponse', `${ctx.endpoint.baseUrl}${ctx.route} sent no body`);
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
  } catch (err) {
    throw errorFromException(err, abortReason(call), ctx);
  }
}

/**
 * One streamed record (an SSE event's data, an NDJSON line). A record the body ended inside
 * (`unterminated`) that does not parse is a truncation, named by what a complete answer would have
 * had (`missing`); any other bad JSON is a malformed answer.
 */
export function parseStreamRecord<T>(text: string, unterminated: boolean | undefined, ctx: ErrorContext, missing: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    if (unterminated) throw truncatedStream(ctx, missing, `the body ended inside a record (${JSON.stringify(text.slice(-40))} is not complete JSON)`);
    throw errorFromException(err, undefined, ctx);
  }
}

export function parseJsonLine<T>(line: string, ctx: ErrorContext): T {
  try {
    return JSON.parse(line) as T;
  } catch (err) {
    throw errorFromException(err, undefined, ctx);
  }
}

function abortReason(call: ProviderCall): ModelError | undefined {
  const r: unknown = call.signal.reason;
  return call.signal.aborted && r instanceof ModelError ? r : undefined;
}
