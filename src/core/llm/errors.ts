/**
 * One error type for every way a model call can fail, with a kind the reliability layer decides on
 * and a fix the user can act on. Providers translate HTTP/SDK/socket failures into this.
 */
export type ModelErrorKind =
  | 'auth' // 401/403: key missing or rejected
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'timeout' // connect, first token or total deadline passed
  | 'refused' // nothing listens at the address
  | 'network' // DNS, TLS, reset, socket closed mid-stream
  | 'notFound' // 404 on the route: the endpoint lacks it
  | 'modelNotFound' // the endpoint does not have the model
  | 'badRequest' // 400/422: the endpoint refused the request
  | 'badResponse' // malformed JSON, wrong content type, stream ended early
  | 'contextWindow' // the prompt does not fit the model's window
  | 'circuitOpen' // the endpoint is marked down by the circuit breaker
  | 'aborted' // the caller cancelled
  | 'config'; // the role is not configured usably

export interface ModelErrorInit {
  readonly status?: number;
  /** Milliseconds the server asked us to wait (Retry-After). */
  readonly retryAfterMs?: number;
  /** What the user should do. */
  readonly fix?: string;
  readonly endpoint?: string;
  readonly cause?: unknown;
  /** Text already streamed to the caller before the failure. */
  readonly partialText?: string;
}

export class ModelError extends Error {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly fix: string | undefined;
  readonly endpoint: string | undefined;
  readonly partialText: string | undefined;

  constructor(readonly kind: ModelErrorKind, message: string, init: ModelErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ModelError';
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.fix = init.fix;
    this.endpoint = init.endpoint;
    this.partialText = init.partialText;
  }

  /** The message with its fix, for notifications and the CLI. */
  describe(): string {
    return this.fix ? `${this.message}. ${this.fix}` : this.message;
  }

  with(init: ModelErrorInit): ModelError {
    return new ModelError(this.kind, this.message, {
      status: this.status, retryAfterMs: this.retryAfterMs, fix: this.fix, endpoint: this.endpoint,
      partialText: this.partialText, cause: this.cause, ...init,
    });
  }
}

export function isModelError(err: unknown): err is ModelError {
  return err instanceof ModelError;
}

/** Failures that say the endpoint is unavailable (these count towards the circuit breaker). */
export function isAvailabilityFailure(err: ModelError): boolean {
  return err.kind === 'server' || err.kind === 'timeout' || err.kind === 'refused' || err.kind === 'network';
}
