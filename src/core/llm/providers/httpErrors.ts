/**
 * HTTP statuses, socket failures and odd bodies → ModelError with the fix the user needs. Shared by
 * every provider so "401" reads the same whether it came from Ollama, vLLM or Anthropic.
 */
import { describeError } from '../../logging/logger';
import type { EndpointConfig } from '../config/roleConfig';
import { ModelError } from '../errors';
import { parseRetryAfter } from '../reliability/retryPolicy';

export interface ErrorContext {
  readonly endpoint: EndpointConfig;
  /** The route that was called, e.g. "/v1/completions". */
  readonly route: string;
}

const setting = (e: EndpointConfig, field: string) => `banyan.models.${e.role}.${field}`;

/** Turns a non-2xx response into a ModelError; `body` is the response text (may be empty). */
export function errorFromStatus(status: number, body: string, headers: { get(name: string): string | null }, ctx: ErrorContext): ModelError {
  const e = ctx.endpoint;
  const where = `${e.baseUrl}${ctx.route}`;
  const detail = serverMessage(body);
  const base = { status, endpoint: where };
  if (status === 401 || status === 403) {
    return new ModelError('auth', `${where} rejected the API key (HTTP ${status}${detail ? `: ${detail}` : ''})`, {
      ...base,
      fix: e.apiKey ? 'Store a valid key with "Banyan: Configure Model" (or set BANYAN_API_KEY for the CLI)' : `No API key is stored for the ${e.role} role: run "Banyan: Configure Model" to store one (secret ${e.secretId})`,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
    return new ModelError('rateLimited', `${where} is rate limiting requests (HTTP 429${retryAfterMs !== undefined ? `, retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''})`, {
      ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      fix: 'Wait, lower the request rate, or add a fallback endpoint in ' + setting(e, 'fallbacks'),
    });
  }
  if (status === 404 && /model/i.test(detail) && /not (be )?found|does not exist|no such|pull/i.test(detail)) return modelNotFound(e, where, detail, status);
  if (status === 404) {
    return new ModelError('notFound', `${where} does not exist on this server (HTTP 404)`, { ...base, fix: missingRouteFix(e, ctx.route) });
  }
  if (status === 501 && ctx.route === '/infill') {
    return new ModelError('notFound', `the llama.cpp server cannot do fill-in-the-middle with its loaded model (HTTP 501${detail ? `: ${detail}` : ''})`, {
      ...base, fix: `Start llama-server with a FIM-capable model (e.g. Qwen2.5-Coder base), set ${setting(e, 'template')} to the model's FIM format (sent raw to /completion), or to "chat"`,
    });
  }
  if (status === 400 || status === 422) {
    if (/context|too long|maximum.*tokens|exceeds/i.test(detail)) {
      return new ModelError('contextWindow', `${where} says the request is larger than the model's context window${detail ? ` (${detail})` : ''}`, {
        ...base, fix: `Set ${setting(e, 'contextWindow')} to the model's real window so Banyan trims requests to fit`,
      });
    }
    if (/model/i.test(detail) && /not (be )?found|does not exist|unknown|invalid/i.test(detail)) return modelNotFound(e, where, detail, status);
    return new ModelError('badRequest', `${where} refused the request (HTTP ${status}${detail ? `: ${detail}` : ''})`, { ...base, fix: `Check ${setting(e, 'provider')} and ${setting(e, 'model')}` });
  }
  if (status >= 500) {
    return new ModelError('server', `${where} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`, { ...base, fix: 'The model server had an internal error; it is retried automatically — see its logs if it persists' });
  }
  return new ModelError('badResponse', `${where} answered HTTP ${status}${detail ? `: ${detail}` : ''}`, { ...base, fix: `Check ${setting(e, 'baseUrl')}` });
}

function modelNotFound(e: EndpointConfig, where: string, detail: string, status: number): ModelError {
  return new ModelError('modelNotFound', `the model "${e.model}" is not available at ${e.baseUrl}${detail ? ` (${detail})` : ''}`, {
    status, endpoint: where,
    fix: e.provider === 'ollama' ? `Run \`ollama pull ${e.model}\`, or set ${setting(e, 'model')} to an installed model (\`ollama list\`)` : `Set ${setting(e, 'model')} to a model the endpoint lists ("Banyan: Configure Model" shows them)`,
  });
}

function missingRouteFix(e: EndpointConfig, route: string): string {
  if (route === '/v1/completions') {
    return `The endpoint has no legacy /v1/completions route (chat-only APIs lack it): set ${setting(e, 'template')} to "chat", or point ${setting(e, 'baseUrl')} at a server with FIM (Ollama, llama.cpp, vLLM)`;
  }
  if (route === '/api/embed') return `This Ollama has no /api/embed (it came in Ollama 0.3): update Ollama, or set ${setting(e, 'provider')} to "openai-compatible" to use its /v1/embeddings`;
  if (route.startsWith('/api/')) return `This is not an Ollama server: set ${setting(e, 'provider')} to "openai-compatible" (or fix ${setting(e, 'baseUrl')})`;
  if (route === '/infill' || route === '/completion') return `This is not a llama.cpp server: set ${setting(e, 'provider')} to "openai-compatible"`;
  return `Check ${setting(e, 'baseUrl')} (it should be the server root, e.g. http://127.0.0.1:11434 or https://api.openai.com/v1) and ${setting(e, 'provider')}`;
}

/** The message inside an OpenAI/Anthropic/Ollama/llama.cpp error body, or a short excerpt. */
export function serverMessage(body: string): string {
  if (!body) return '';
  try {
    const j = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const err = j.error;
    if (typeof err === 'string') return err;
    if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
    if (typeof j.message === 'string') return j.message;
    if (typeof j.detail === 'string') return j.detail;
  } catch {
    // not JSON: fall through to an excerpt
  }
  return body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
}

/**
 * Checks the response is the API and not an HTML page (captive portal, proxy login, wrong port).
 * `expected` is a substring of the content types accepted; a missing header is let through.
 */
export function checkContentType(contentType: string | null, expected: readonly string[], ctx: ErrorContext): void {
  const ct = (contentType ?? '').toLowerCase();
  if (!ct || expected.some((x) => ct.includes(x))) return;
  throw new ModelError('badResponse', `${ctx.endpoint.baseUrl}${ctx.route} answered with ${ct.split(';')[0]} instead of ${expected.join(' or ')}`, {
    endpoint: `${ctx.endpoint.baseUrl}${ctx.route}`,
    fix: `Something other than the model API answered: check banyan.models.${ctx.endpoint.role}.baseUrl, and whether a proxy or captive portal is in between (http.proxy)`,
  });
}

/** A thrown fetch/socket/parse failure → ModelError. The attempt's abort reason wins when set. */
export function errorFromException(err: unknown, abortReason: ModelError | undefined, ctx: ErrorContext): ModelError {
  if (err instanceof ModelError) return err;
  if (abortReason) return abortReason;
  const e = ctx.endpoint;
  const where = `${e.baseUrl}${ctx.route}`;
  const text = describeError(err);
  const code = errorCode(err);
  if (code === 'ECONNREFUSED') {
    return new ModelError('refused', `nothing is listening at ${e.baseUrl} (connection refused)`, {
      endpoint: where, cause: err,
      fix: e.provider === 'ollama' ? 'Start Ollama (`ollama serve`, or open the Ollama app), or fix banyan.models.' + e.role + '.baseUrl' : `Start the model server, or fix banyan.models.${e.role}.baseUrl`,
    });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new ModelError('timeout', `could not connect to ${e.baseUrl} within ${e.timeouts.connectMs} ms`, { endpoint: where, cause: err, fix: `Check the address and network (http.proxy), or raise banyan.models.${e.role}.connectTimeoutMs` });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ModelError('network', `the host of ${e.baseUrl} cannot be resolved`, { endpoint: where, cause: err, fix: `Fix banyan.models.${e.role}.baseUrl, or check DNS/VPN` });
  }
  if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(`${code ?? ''} ${text}`)) {
    return new ModelError('network', `TLS to ${e.baseUrl} failed: ${text}`, { endpoint: where, cause: err, fix: 'Add your organisation\'s CA with banyan.models.caFile (PEM), or install it in the system store' });
  }
  if (err instanceof SyntaxError || /JSON/i.test(text)) {
    return new ModelError('badResponse', `${where} sent malformed JSON (${text.slice(0, 120)})`, { endpoint: where, cause: err, fix: 'The server or a proxy garbled the answer (not retried: it is rarely transient); check the server version, or add a fallback endpoint' });
  }
  return new ModelError('network', `the connection to ${e.baseUrl} failed (${text})`, { endpoint: where, cause: err, fix: `Check banyan.models.${e.role}.baseUrl and that the server runs; dropped connections are retried for chat — see the server's log if it persists` });
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = errorCode(errors[0]);
      if (inner) return inner;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The stream ended without anything that says the answer is complete. `missing` names what a
 * complete answer would have had (e.g. "[DONE] and no finish_reason"); `detail` says how it ended.
 */
export function truncatedStream(ctx: ErrorContext, missing: string, detail?: string): ModelError {
  const where = `${ctx.endpoint.baseUrl}${ctx.route}`;
  return new ModelError('network', `the stream from ${where} ended before the model finished (no ${missing}${detail ? `; ${detail}` : ''})`, {
    endpoint: where, fix: 'The server or a proxy cut the answer short; it is retried — check proxy buffering/timeouts if it persists',
  });
}

/** A well-framed error the server sent inside a 200 stream (OpenRouter, vLLM, llama.cpp, Ollama do). */
export function streamedError(ctx: ErrorContext, error: unknown): ModelError {
  const where = `${ctx.endpoint.baseUrl}${ctx.route}`;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { message?: unknown; code?: unknown; type?: unknown; status?: unknown };
  const message = typeof e.message === 'string' ? e.message : JSON.stringify(error).slice(0, 160);
  const status = [e.status, e.code].find((v): v is number => typeof v === 'number' && v >= 400 && v < 600);
  if (status !== undefined) return errorFromStatus(status, JSON.stringify({ error: { message } }), { get: () => null }, ctx);
  const code = `${typeof e.code === 'string' ? e.code : ''} ${typeof e.type === 'string' ? e.type : ''}`;
  if (/rate|quota|429/i.test(code)) {
    return new ModelError('rateLimited', `${where} reported mid-stream: ${message}`, { endpoint: where, fix: 'Wait, lower the request rate, or add a fallback endpoint' });
  }
  if (/invalid|bad_request|context|length/i.test(code)) {
    return new ModelError('badRequest', `${where} refused the request mid-stream: ${message}`, { endpoint: where, fix: `Check banyan.models.${ctx.endpoint.role}.model and its settings` });
  }
  return new ModelError('server', `${where} failed mid-stream: ${message}`, { endpoint: where, fix: 'The model server had an error while answering; it is retried automatically — see its logs if it persists' });
}
