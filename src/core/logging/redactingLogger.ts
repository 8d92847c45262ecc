import type { Logger } from './logger';
import { describeError } from './logger';

/**
 * Wraps a logger so that no line can carry a secret: every known secret value (API keys handed over
 * from SecretStorage) and anything shaped like a bearer token is replaced before the line is written.
 */
export class RedactingLogger implements Logger {
  private secrets: string[] = [];

  constructor(private readonly inner: Logger) {}

  setSecrets(values: Iterable<string>): void {
    // Longest first so a key that contains another is fully masked.
    this.secrets = [...new Set([...values].filter((v) => v.length >= 4))].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('«redacted»');
    return out
      .replace(/(authorization|x-api-key|api[-_]?key)(["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, '$1$2$3«redacted»')
      .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{12,}/g, '«redacted»');
  }

  error(message: string, cause?: unknown): void {
    this.inner.error(this.redact(cause === undefined ? message : `${message}: ${describeError(cause)}`));
  }
  warn(message: string): void {
    this.inner.warn(this.redact(message));
  }
  info(message: string): void {
    this.inner.info(this.redact(message));
  }
  debug(message: string): void {
    this.inner.debug(this.redact(message));
  }
}
